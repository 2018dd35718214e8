// "Copy" buttons for keys and codes shown once: <button data-copy="ID" data-copied="Copied" hidden>.
// Without JavaScript or a clipboard the button stays hidden and the text can still be selected.
(function () {
  "use strict";

  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var lines = Array.from(target.querySelectorAll("li"));
      var text = lines.length
        ? lines.map(function (line) { return line.textContent.trim(); }).join("\n")
        : target.textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.getAttribute("data-copied") || label;
        window.setTimeout(function () { button.textContent = label; }, 3000);
      });
    });
  });
})();
