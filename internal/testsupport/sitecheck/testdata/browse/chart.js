// Draws each chart a little after the load event, as ECharts does, so that
// Browse has to wait for it.
window.addEventListener("load", function () {
  setTimeout(function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("width", "100");
      svg.setAttribute("height", "50");
      el.appendChild(svg);
    });
  }, 100);
});
