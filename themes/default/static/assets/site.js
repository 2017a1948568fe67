// Draws the charts of a page. Each chart is a <div data-chart> followed by its
// ECharts option in <script type="application/json">: data, never code. The
// few things JSON cannot say (number formats, click-through) are added here.
(function () {
  "use strict";
  // Dark charts on a dark page only: a page whose color-scheme meta says
  // "light" (the board pack) stays light whatever the browser prefers.
  var scheme = document.querySelector('meta[name="color-scheme"]');
  var dark = (!scheme || scheme.content.indexOf("dark") >= 0) &&
    window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The page's language: numbers on axes and in tooltips are written as
  // the page writes them.
  var lang = document.documentElement.lang || "en";

  // numberFormat mirrors the measure's format: grouping, decimals, percent,
  // and the text the language puts around a value of its currency or
  // scale (pre, post), the value divided by 10^power.
  function numberFormat(spec) {
    var opts = {
      useGrouping: !!spec.grouping,
      minimumFractionDigits: spec.min || 0,
      maximumFractionDigits: spec.max || 0
    };
    if (spec.percent) { opts.style = "percent"; }
    var nf;
    try { nf = new Intl.NumberFormat(lang, opts); } catch (e) { nf = new Intl.NumberFormat("en", opts); }
    var scale = Math.pow(10, spec.power || 0);
    var minus = new Intl.NumberFormat(nf.resolvedOptions().locale).format(-1).replace(/\p{Nd}/gu, "");
    return function (v) {
      if (v === null || v === undefined || v === "-" || isNaN(v)) { return "–"; }
      if (spec.percent || !(spec.pre || spec.post || spec.power)) { return nf.format(v); }
      return (v < 0 ? minus : "") + (spec.pre || "") + nf.format(Math.abs(v) / scale) + (spec.post || "");
    };
  }

  // timeLabel writes the ticks of a time axis (the initiatives' timeline)
  // in the page's language, as ECharts' own labels do in English: the year
  // at its first day, the month at its first day, else the day.
  function timeLabel() {
    function fmt(o) {
      try { return new Intl.DateTimeFormat(lang, o); } catch (e) { return new Intl.DateTimeFormat("en", o); }
    }
    var year = fmt({ year: "numeric" }), month = fmt({ month: "short" }), day = fmt({ day: "numeric", month: "short" });
    return function (v) {
      var d = new Date(v);
      if (d.getDate() !== 1) { return day.format(d); }
      return d.getMonth() === 0 ? year.format(d) : month.format(d);
    };
  }

  // axisFormat writes the numbers of a value axis from 1,000 up in the
  // page language's short form ("120M", "120 Mio."), as the headline tiles
  // do, with at most one decimal: "120M" leaves the chart room on a phone
  // where "120,000,000" took a quarter of it. Below 1,000, percentages and
  // a format with a fixed scale, as the measure's format; the tooltip is
  // always exact.
  function axisFormat(spec, format) {
    if (spec.percent || spec.power) { return format; }
    var opts = { notation: "compact", maximumFractionDigits: 1 };
    var nf;
    try { nf = new Intl.NumberFormat(lang, opts); } catch (e) { nf = new Intl.NumberFormat("en", opts); }
    var minus = new Intl.NumberFormat(nf.resolvedOptions().locale).format(-1).replace(/\p{Nd}/gu, "");
    return function (v) {
      if (typeof v !== "number" || !isFinite(v) || Math.abs(v) < 1000) { return format(v); }
      return (v < 0 ? minus : "") + (spec.pre || "") + nf.format(Math.abs(v)) + (spec.post || "");
    };
  }

  function readJSON(selector) {
    var el = document.querySelector(selector);
    return el ? JSON.parse(el.textContent) : null;
  }

  function draw(el) {
    var option = readJSON('script[data-chart-option="' + el.id + '"]');
    if (!option) { return; }
    var extra = option.scorecard;
    delete option.scorecard;
    option.backgroundColor = "transparent";
    (option.xAxis || []).forEach(function (axis) {
      if (axis.type === "time") {
        axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: timeLabel() });
      }
    });
    if (extra) {
      var format = numberFormat(extra.format), onAxis = axisFormat(extra.format, format);
      var shown = extra.series;
      (option.yAxis || []).forEach(function (axis) {
        axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: onAxis });
      });
      option.tooltip = Object.assign({}, option.tooltip, {
        formatter: function (params) {
          var rows = [];
          params.forEach(function (p) {
            if (shown.indexOf(p.seriesName) >= 0) {
              rows.push(p.marker + escapeHTML(p.seriesName) + ": " + escapeHTML(format(p.value)));
            }
          });
          return params.length ? escapeHTML(params[0].axisValue) + "<br>" + rows.join("<br>") : "";
        }
      });
    }
    var chart = echarts.init(el, dark ? "dark" : null, { renderer: "svg" });
    chart.setOption(option);
    var links = readJSON('script[data-chart-links="' + el.id + '"]');
    if (links) {
      chart.on("click", function (p) {
        var href = p.dataType === "node" && p.seriesName === "objectives" ? links[p.dataIndex] : "";
        if (href) { window.location.href = href; }
      });
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  // fit shrinks a chart drawn at its own size (data-fit, the strategy
  // map) to the width of its frame, no smaller than the scale data-fit
  // gives; below that the frame scrolls, and only then can it be focused
  // to scroll it from the keyboard. Print has its own scale, in site.css.
  function fit(el) {
    var sizer = el.parentNode, frame = sizer.parentNode;
    var w = el.offsetWidth, h = el.offsetHeight, least = parseFloat(el.getAttribute("data-fit")) || 1;
    var label = frame.getAttribute("aria-label");
    function apply() {
      var s = Math.min(1, Math.max(least, frame.clientWidth / w));
      el.style.transform = s < 1 ? "scale(" + s + ")" : "";
      sizer.style.width = w * s + "px";
      sizer.style.height = h * s + "px";
      if (w * s > frame.clientWidth + 0.5) {
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "group");
        frame.setAttribute("aria-label", label);
      } else {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    }
    apply();
    window.addEventListener("resize", apply);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  Array.prototype.forEach.call(document.querySelectorAll("[data-fit]"), fit);
})();
