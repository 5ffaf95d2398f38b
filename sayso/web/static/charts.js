// Draws every chart on the page: an element with data-chart="ID" and a <script type="application/json" id="ID">
// holding {"mode": "vega" | "vega-lite", "spec": {...}}. Uses the vendored vega, vega-lite and vega-embed.
(function () {
  "use strict";
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || typeof vegaEmbed !== "function") {
      el.textContent = "The chart could not be drawn (its script did not load).";
      el.dataset.drawn = "failed";
      return;
    }
    var chart = JSON.parse(source.textContent);
    vegaEmbed(el, chart.spec, { mode: chart.mode, renderer: "svg", actions: false })
      .then(function () { el.dataset.drawn = "yes"; })
      .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; el.dataset.drawn = "failed"; });
  });
})();
