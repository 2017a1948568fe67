// Comparing units: the sorting of a comparison's table, which works from
// disk like the rest of the site.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text) { x.textContent = text; }
    return x;
  }

  // sortable lets the headings marked data-sort order the table's rows by
  // the scores of their column (data-s): best first, then worst first; the
  // rank's heading puts the ranking back. Rows without a score go last.
  function sortable(table) {
    var body = table.tBodies[0], heads = table.tHead.rows[0].cells;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.setAttribute("data-rank", i); });
    Array.prototype.forEach.call(heads, function (th, col) {
      var how = th.getAttribute("data-sort");
      if (!how) { return; }
      var b = el("button", "sort");
      b.type = "button";
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      if (how === "rank") { th.setAttribute("aria-sort", "ascending"); }
      b.addEventListener("click", function () {
        var desc = how !== "rank" && th.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", desc ? "descending" : "ascending");
        sortRows(body, col, how, desc);
      });
    });
  }

  function sortRows(body, col, how, desc) {
    var rows = Array.prototype.slice.call(body.rows);
    function key(r) {
      if (how === "rank") { return +r.getAttribute("data-rank"); }
      var v = parseFloat(r.cells[col].getAttribute("data-s"));
      return isNaN(v) ? null : v;
    }
    var keyed = rows.map(function (r) { return [key(r), +r.getAttribute("data-rank"), r]; });
    keyed.sort(function (a, b) {
      if (a[0] === null || b[0] === null) { return (a[0] === null) - (b[0] === null) || a[1] - b[1]; }
      return (desc ? b[0] - a[0] : a[0] - b[0]) || a[1] - b[1];
    });
    var f = document.createDocumentFragment();
    keyed.forEach(function (k) { f.appendChild(k[2]); });
    body.appendChild(f);
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), sortable);
})();
