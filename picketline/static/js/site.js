// Small enhancements shared by every page; each page works without them.
(function () {
  "use strict";

  // Filters fold away on phones; on a wide screen there is room to show them open.
  var wide = window.matchMedia("(min-width: 60em)");
  function openWide() {
    if (!wide.matches) return;
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
  openWide();

  // Empty filters stay out of the address, so a shared link shows only what was chosen.
  // "formdata" fires for plain submissions and for htmx's requests alike.
  document.addEventListener("formdata", function (event) {
    if (event.target.method !== "get") return;
    var data = event.formData;
    Array.from(new Set(data.keys())).forEach(function (name) {
      if (data.getAll(name).every(function (value) { return value === ""; })) data.delete(name);
    });
  });

  // After htmx swaps in a new list: same layout rules, and any errors get the focus.
  document.addEventListener("htmx:afterSettle", function () {
    openWide();
    var summary = document.getElementById("filter-errors");
    if (summary) summary.focus();
  });
})();
