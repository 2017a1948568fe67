// Finding and comparing units: the search box of every page, and the
// sorting of a comparison's table. Both work from disk: the index is a
// script (data/search.js) added to the page the first time the box is
// used, not a file fetched. Names are put in the page as text, never as
// markup.
(function () {
  "use strict";

  var shown = 20; // results listed at most

  // fold makes text comparable: lower case, accents dropped.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function isWordChar(c) {
    return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c > 127;
  }

  // readIndex turns the compact index into one list of entries, in the
  // site's order: units, then each unit's objectives, measures, then the
  // initiatives. See view.SearchIndex for the format.
  function readIndex(d) {
    var e = { kind: [], name: [], owner: [], unit: [], id: [] };
    function add(kind, name, owner, unit, id) {
      e.kind.push(kind); e.name.push(name); e.owner.push(owner); e.unit.push(unit); e.id.push(id);
    }
    var n = d.u.length / 4, i, j;
    for (i = 0; i < n; i++) { add(0, d.u[4 * i + 1], d.u[4 * i + 2], i, d.u[4 * i]); }
    for (i = 0; i < n; i++) {
      for (j = 0; j < d.o[i].length; j += 2) { add(1, d.p[2 * d.o[i][j] + 1], d.o[i][j + 1], i, d.p[2 * d.o[i][j]]); }
      for (j = 0; j < d.m[i].length; j++) { add(2, d.p[2 * d.m[i][j] + 1], 0, i, d.p[2 * d.m[i][j]]); }
    }
    for (j = 0; j < d.i.length; j += 4) { add(3, d.i[j + 2], d.i[j + 3], d.i[j], d.i[j + 1]); }
    e.words = d.w;
    e.plural = counting(d.w.locale);
    e.texts = d.t;
    e.folded = d.t.map(fold);
    e.ids = d.k;
    e.units = d.u;
    return e;
  }

  // path is where an entry's page is, from the site's root.
  function path(ix, i) {
    var unit = ix.ids[ix.units[4 * ix.unit[i]]], id = ix.ids[ix.id[i]];
    switch (ix.kind[i]) {
      case 0: return "units/" + unit + "/index.html";
      case 1: return "units/" + unit + "/objectives/" + id + ".html";
      case 2: return "units/" + unit + "/measures/" + id + ".html";
    }
    return "initiatives/" + unit + "/" + id + ".html";
  }

  // find returns the entries that have every word of the query in their
  // name or owner, or in their unit's name as long as one word is in
  // their own. Best first: the name is the query, starts with it, has
  // every word, or not; then more of the words in the name, a name that
  // begins with one of them, more words at the start of a word; units
  // before objectives, measures and initiatives; shorter names; the site's
  // order.
  function find(ix, query) {
    var words = query.split(" ").slice(0, 8);
    var all = (1 << words.length) - 1;
    var has = new Int32Array(ix.folded.length), starts = new Int32Array(ix.folded.length);
    var first = new Int32Array(ix.folded.length);
    for (var t = 1; t < ix.folded.length; t++) {
      var s = ix.folded[t];
      for (var w = 0; w < words.length; w++) {
        for (var at = s.indexOf(words[w]); at >= 0; at = s.indexOf(words[w], at + 1)) {
          has[t] |= 1 << w;
          if (at === 0) { first[t] = 1; }
          if (at === 0 || !isWordChar(s.charCodeAt(at - 1))) { starts[t] |= 1 << w; break; }
        }
      }
    }
    var hits = [];
    for (var i = 0; i < ix.kind.length; i++) {
      var name = ix.name[i], owner = ix.owner[i], own = has[name] | has[owner];
      if (own === 0) { continue; }
      var unitName = ix.units[4 * ix.unit[i] + 1];
      if (own !== all && (own | (ix.kind[i] ? has[unitName] : 0)) !== all) { continue; }
      var tier = ix.folded[name] === query ? 0 : ix.folded[name].indexOf(query) === 0 ? 1 : has[name] === all ? 2 : 3;
      hits.push([tier, -bits(has[name]), -first[name], -bits(starts[name] | starts[owner]), ix.kind[i], ix.texts[name].length, i]);
    }
    hits.sort(function (a, b) {
      for (var k = 0; k < a.length; k++) {
        if (a[k] !== b[k]) { return a[k] - b[k]; }
      }
      return 0;
    });
    return hits.map(function (h) { return h[6]; });
  }

  function bits(n) {
    var c = 0;
    for (; n; n &= n - 1) { c++; }
    return c;
  }

  // counting is how the site's language picks a plural form and writes a
  // count, by the rules of CLDR that the build follows too; "other" and
  // ASCII digits where the browser has no Intl.
  function counting(locale) {
    try {
      var rules = new Intl.PluralRules(locale), digits = new Intl.NumberFormat(locale);
      return { form: function (n) { return rules.select(n); }, write: function (n) { return digits.format(n); } };
    } catch (e) {
      return { form: function () { return "other"; }, write: String };
    }
  }

  // fill puts values in the placeholders of text: "{count} results".
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k]; });
  }

  // say is the index's words for name, filled with values.
  function say(ix, name, values) { return fill(ix.words[name], values); }

  // sayCount is the index's message name in the plural form of count,
  // filled with count and the other values, every number in the
  // language's digits.
  function sayCount(ix, name, count, values) {
    var forms = ix.words[name], out = { count: ix.plural.write(count) };
    for (var k in values) { out[k] = ix.plural.write(values[k]); }
    return fill(forms[ix.plural.form(count)] || forms.other, out);
  }

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text) { x.textContent = text; }
    return x;
  }

  function search(box) {
    var input = box.querySelector("input"), list = box.querySelector(".search-results");
    var status = box.querySelector("[role=status]");
    var home = box.getAttribute("data-home"), src = box.getAttribute("data-search");
    var ix = null, loading = false;
    box.hidden = false;

    function load() {
      if (ix || loading) { return; }
      loading = true;
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () {
        ix = readIndex(window.scorecardSearch);
        update();
      };
      s.onerror = function () { status.textContent = box.getAttribute("data-failed"); };
      document.head.appendChild(s);
    }

    function close() { list.hidden = true; }

    function item(i) {
      var a = el("a");
      a.href = home + path(ix, i);
      // The parts are blocks; the spaces between them are for the link's
      // name as screen readers say it.
      a.appendChild(el("span", "search-kind", ix.words.kinds[ix.kind[i]]));
      a.appendChild(document.createTextNode(" "));
      a.appendChild(el("span", "search-name", ix.texts[ix.name[i]]));
      // Where it is: its unit and the unit above, since units of one name
      // may be found under several (a unit: the unit above it).
      var where = [], u = ix.unit[i], up = ix.units[4 * u + 3];
      var above = up >= 0 ? ix.texts[ix.units[4 * up + 1]] : "";
      if (ix.kind[i] !== 0) {
        where.push(ix.texts[ix.units[4 * u + 1]] + (above ? ix.words.sep + above : ""));
      } else if (above) {
        where.push(say(ix, "in", { unit: above }));
      }
      if (ix.owner[i]) { where.push(say(ix, "owner", { name: ix.texts[ix.owner[i]] })); }
      if (where.length) {
        a.appendChild(document.createTextNode(" "));
        a.appendChild(el("span", "search-where", where.join(" · ")));
      }
      var li = el("li");
      li.appendChild(a);
      return li;
    }

    function update() {
      var query = fold(input.value).trim().replace(/\s+/g, " ");
      list.textContent = "";
      if (!query) { close(); status.textContent = ""; return; }
      if (!ix) { return; } // update runs again once the index is in
      var hits = find(ix, query);
      for (var n = 0; n < hits.length && n < shown; n++) { list.appendChild(item(hits[n])); }
      if (hits.length === 0) {
        list.appendChild(el("li", "search-none", say(ix, "none", {})));
      } else if (hits.length > shown) {
        list.appendChild(el("li", "search-more", sayCount(ix, "more", hits.length, { shown: shown })));
      }
      status.textContent = sayCount(ix, "count", hits.length, {});
      list.hidden = false;
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    function key(e) {
      var ls = links(), at = ls.indexOf(document.activeElement);
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden || ls.length === 0) { return; }
        e.preventDefault();
        var next = at + (e.key === "ArrowDown" ? 1 : -1);
        if (next < 0) { input.focus(); } else { ls[Math.min(next, ls.length - 1)].focus(); }
      } else if (e.key === "Escape") {
        if (list.hidden) { input.value = ""; update(); }
        close();
        input.focus();
      } else if (e.key === "Enter" && e.target === input && ls.length > 0) {
        e.preventDefault();
        window.location.href = ls[0].href;
      }
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); update(); });
    input.addEventListener("keydown", key);
    list.addEventListener("keydown", key);
    box.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !box.contains(e.relatedTarget)) { close(); }
    });
    input.addEventListener("click", function () { if (input.value && ix) { update(); } });
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

  var box = document.querySelector("[data-search]");
  if (box) { search(box); }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), sortable);
})();
