// Renders every Plotly output of a dlnotes course-notes page: each is a <script type="application/vnd.plotly.v1+json">
// holding the figure that the notebook saved; window.Plotly comes from assets/plotly.min.js (npm plotly.js-dist-min).
// The export writes the project's Plotly config (PLOTLY_CONFIG, src/core/definitions.ts) in place of the marked value below.
(function () {
  function render() {
    var blocks = document.querySelectorAll('script[type="application/vnd.plotly.v1+json"]');
    Array.prototype.forEach.call(blocks, function (block) {
      var figure = JSON.parse(block.textContent);
      var target = document.createElement("div");
      target.className = "dlnotes-plot";
      block.parentNode.insertBefore(target, block);
      var config = Object.assign(/*FACT:PLOTLY_CONFIG*/ {}, figure.config || {});
      window.Plotly.newPlot(target, {
        data: figure.data,
        layout: figure.layout,
        frames: figure.frames,
        config: config,
      });
    });
  }
  // A plot inside a folded solution was drawn while hidden: size it to its column when the solution opens.
  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (!details.open || !details.querySelectorAll) return;
      Array.prototype.forEach.call(details.querySelectorAll(".dlnotes-plot"), function (plot) {
        window.Plotly.Plots.resize(plot);
      });
    },
    true,
  );
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render);
  else render();
})();
