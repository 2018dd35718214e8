// Type to search in a long menu: a search box above each <select data-type-to-search="…">
// narrows its options to those whose name holds what was typed (case and accents aside).
// Without script, the menu works as it is.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }

  function enhance(select) {
    var options = Array.prototype.slice.call(select.options).filter(function (option) {
      return option.value !== "";
    });
    if (options.length < 8) {
      return;
    }
    var label = document.querySelector('label[for="' + select.id + '"]');
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-search";
    box.id = select.id + "-search";
    box.autocomplete = "off";
    box.placeholder = select.dataset.typeToSearch;
    box.setAttribute(
      "aria-label",
      (label ? label.textContent.trim() + ": " : "") + select.dataset.typeToSearch
    );
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);

    box.addEventListener("input", function () {
      var wanted = fold(box.value.trim());
      var shown = [];
      options.forEach(function (option) {
        var match = !wanted || fold(option.text).indexOf(wanted) !== -1;
        option.hidden = !match;
        if (match) {
          shown.push(option);
        }
      });
      // One name left: that is the choice.
      if (wanted && shown.length === 1 && !select.multiple) {
        select.value = shown[0].value;
      }
    });
  }

  document.querySelectorAll("select[data-type-to-search]").forEach(enhance);
})();
