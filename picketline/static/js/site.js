// Small enhancements shared by every page; each page works without them.
(function () {
  "use strict";

  // Filters fold away on phones; on a wide screen there is room to show them open.
  var wide = window.matchMedia("(min-width: 60em)");
  function openWide(root) {
    if (!wide.matches) return;
    (root || document).querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
  openWide();
  document.addEventListener("htmx:afterSwap", function (event) {
    openWide(event.target);
  });

  // After htmx swaps in a list that has errors, take the reader to them.
  document.addEventListener("htmx:afterSettle", function () {
    var summary = document.getElementById("filter-errors");
    if (summary) summary.focus();
  });
})();
