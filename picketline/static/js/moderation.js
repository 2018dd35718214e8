// The moderation queue: a "select all" box for the rows of the page. The queue works without it.
(function () {
  "use strict";

  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var form = all.form;
    var name = all.getAttribute("data-select-all");
    function boxes() {
      return Array.from(form.querySelectorAll('input[type="checkbox"][name="' + name + '"]'));
    }
    function sync() {
      var list = boxes();
      var checked = list.filter(function (box) { return box.checked; }).length;
      all.checked = list.length > 0 && checked === list.length;
      all.indeterminate = checked > 0 && checked < list.length;
    }
    if (!boxes().length) return;
    all.closest("label").hidden = false;
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
      all.indeterminate = false;
    });
    form.addEventListener("change", function (event) {
      if (event.target !== all) sync();
    });
    sync();
  });

  // After a refused action the error summary takes the focus, so it is read out first.
  var errors = document.getElementById("item-errors") || document.getElementById("bulk-errors");
  if (errors) errors.focus();
})();
