/* Radar charts on the comparison page: one per candidate, drawn with Chart.js from the numbers
   embedded in the page (the same numbers as the requirements table). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("radar-data");
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var shortLabels = data.labels.map(function (label) {
      return label.length > 18 ? label.slice(0, 17) + "…" : label;
    });
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.querySelectorAll("canvas[data-radar-index]").forEach(function (canvas) {
      var candidate = data.candidates[parseInt(canvas.getAttribute("data-radar-index"), 10)];
      if (!candidate) { return; }
      var colour = candidate.eligible ? "29, 107, 58" : "31, 78, 140";
      var chart = new window.Chart(canvas, {
        type: "radar",
        data: {
          labels: shortLabels,
          datasets: [
            {
              label: "Required",
              data: data.required,
              borderColor: "rgba(161, 36, 43, 0.9)",
              backgroundColor: "rgba(161, 36, 43, 0.04)",
              borderDash: [5, 4],
              borderWidth: 2,
              pointRadius: 0
            },
            {
              label: candidate.name,
              data: candidate.levels,
              borderColor: "rgba(" + colour + ", 1)",
              backgroundColor: "rgba(" + colour + ", 0.25)",
              borderWidth: 2,
              pointRadius: 2
            }
          ]
        },
        options: {
          animation: reduceMotion ? false : { duration: 400 },
          maintainAspectRatio: false,
          scales: {
            r: {
              min: 0, max: 5, ticks: { stepSize: 1, showLabelBackdrop: false, font: { size: 10 } },
              pointLabels: { font: { size: 10 } }
            }
          },
          plugins: {
            legend: { position: "bottom", labels: { boxWidth: 14 } },
            tooltip: {
              callbacks: {
                title: function (items) { return data.labels[items[0].dataIndex]; }
              }
            }
          }
        }
      });
      canvas.setAttribute("data-rendered", "true");
      window.addEventListener("beforeprint", function () { chart.resize(); });
    });
  });
})();
