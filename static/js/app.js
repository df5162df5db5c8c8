/* CareerPath: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    // "Scores are updating…": reload once the queued rescoring has had time to run, unless
    // the reader has started choosing candidates on the page.
    document.querySelectorAll("[data-refresh-after]").forEach(function (notice) {
      var seconds = parseInt(notice.getAttribute("data-refresh-after"), 10) || 5;
      var touched = false;
      document.addEventListener("change", function () { touched = true; });
      window.setTimeout(function () { if (!touched) { window.location.reload(); } }, seconds * 1000);
    });

    // Print buttons (the print stylesheet does the rest).
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });

    // Formsets: "Add a requirement" clones the empty row and bumps TOTAL_FORMS.
    document.querySelectorAll("[data-formset-add]").forEach(function (button) {
      var fieldset = button.closest("fieldset");
      var table = fieldset.querySelector("[data-formset]");
      var body = table.querySelector("[data-formset-body]");
      var template = fieldset.querySelector("template[data-formset-template]");
      var prefix = table.getAttribute("data-formset");
      var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
      button.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        var html = template.innerHTML
          .replace(/__prefix__/g, String(index))
          .replace(/__num__/g, String(index + 1));
        body.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        var added = body.lastElementChild.querySelector("select, input");
        if (added) { added.focus(); }
      });
    });

    // Tables that scroll sideways: show the hint and the edge shadow only while there is
    // more to see (the CSS shows them on narrow screens when this script does not run).
    document.querySelectorAll("[data-scroll-hint]").forEach(function (scroller) {
      var frame = scroller.closest(".scroll-frame") || scroller;
      var describedBy = scroller.getAttribute("aria-describedby");
      var hint = describedBy ? document.getElementById(describedBy) : null;
      function update() {
        var overflowing = scroller.scrollWidth > scroller.clientWidth + 1;
        var atEnd = scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 1;
        frame.classList.toggle("overflowing", overflowing);
        frame.classList.toggle("at-end", atEnd);
        frame.classList.toggle("at-start", scroller.scrollLeft <= 1);
        if (hint) { hint.classList.toggle("overflowing", overflowing); }
      }
      // A map wider than the screen starts with its roles in view (the route's, if shown),
      // not with the empty space beside the level names.
      var focus = scroller.querySelector(".map-node.on-route") || scroller.querySelector(".map-node");
      if (focus && scroller.scrollWidth > scroller.clientWidth) {
        var box = focus.getBoundingClientRect();
        var frameBox = scroller.getBoundingClientRect();
        scroller.scrollLeft += box.left + box.width / 2 - (frameBox.left + frameBox.width / 2);
      }
      scroller.addEventListener("scroll", update, { passive: true });
      window.addEventListener("resize", update);
      update();
    });

    // After a failed save, take keyboard and screen-reader users to the summary.
    var errors = document.getElementById("form-errors");
    if (errors) { errors.focus(); }
  });
})();
