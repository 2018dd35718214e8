// Checking people in on a phone: the list filters as a name is typed, and a tap checks a
// person in (or undoes it) without leaving the page. Without this script the search box and
// the buttons work as a plain form and a page reload.
(function () {
  "use strict";
  var list = document.querySelector("[data-check-in-list]");
  if (!list) return;
  var filter = document.querySelector("[data-check-in-filter]");
  var none = document.querySelector("[data-check-in-none]");
  var counter = document.getElementById("check-in-counter");

  function applyFilter() {
    var text = filter.value.trim().toLowerCase();
    var shown = 0;
    list.querySelectorAll("li[data-name]").forEach(function (row) {
      var match = !text || row.dataset.name.indexOf(text) !== -1;
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (none) none.hidden = shown !== 0;
  }

  if (filter) filter.addEventListener("input", applyFilter);

  function showCount(count, total) {
    if (!counter) return;
    counter.textContent = counter.dataset.template
      .replace("%(count)s", count)
      .replace("%(total)s", total);
  }

  function showState(form, present) {
    var row = form.closest("li");
    var button = form.querySelector("button");
    form.querySelector("input[name=present]").value = present ? "0" : "1";
    row.classList.toggle("check-in__row--done", present);
    button.classList.toggle("button--secondary", present);
    button.firstChild.textContent = present ? button.dataset.labelOut : button.dataset.labelIn;
  }

  list.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-check-in-form]");
    if (!form || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || String(response.status));
          return data;
        });
      })
      .then(function (data) {
        showState(form, data.checked_in);
        showCount(data.count, data.total);
      })
      .catch(function () {
        // Fall back to the plain form: the page reloads and says what happened.
        form.submit();
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
