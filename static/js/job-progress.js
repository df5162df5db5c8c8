/* CareerPath: follow a background job on its page. The page works without this file (it has a
   Refresh link); with it, the progress bar and the status line update every second from the
   API, and the page reloads once the job has finished so its result is shown. */
(function () {
  "use strict";
  var POLL_MS = 1000;
  var LABELS = { pending: "Waiting to start", running: "Running", succeeded: "Finished", failed: "Failed" };

  function follow(section) {
    var url = section.getAttribute("data-job-status-url");
    var stateEl = section.querySelector("[data-job-field='state']");
    var countsEl = section.querySelector("[data-job-field='counts']");
    var messageEl = section.querySelector("[data-job-field='message']");
    var bar = section.querySelector("[data-job-field='progress']");
    var refresh = section.querySelector("[data-job-refresh]");
    if (refresh) { refresh.hidden = true; }
    var lastText = "";

    function show(job) {
      var progress = job.progress || {};
      bar.value = progress.percent || 0;
      bar.textContent = (progress.percent || 0) + "%";
      var counts = progress.total ? progress.done + " of " + progress.total : "";
      var text = (LABELS[job.state] || job.state) + "|" + counts + "|" + (job.message || "");
      // Only touch the live region when something changed, so screen readers are not flooded.
      if (text !== lastText) {
        stateEl.textContent = LABELS[job.state] || job.state;
        countsEl.textContent = counts;
        messageEl.textContent = job.message || "";
        lastText = text;
      }
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("status " + response.status); }
          return response.json();
        })
        .then(function (job) {
          show(job);
          if (job.state === "succeeded" || job.state === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, POLL_MS);
          }
        })
        .catch(function () {
          // Stop polling; the Refresh link still works.
          if (refresh) { refresh.hidden = false; }
        });
    }

    window.setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-job-status-url]").forEach(function (section) {
      var state = section.getAttribute("data-job-state");
      if (state === "pending" || state === "running") { follow(section); }
    });
  });
})();
