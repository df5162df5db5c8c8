/* CareerPath: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
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

    // After a failed save, take keyboard and screen-reader users to the summary.
    var errors = document.getElementById("form-errors");
    if (errors) { errors.focus(); }
  });
})();
