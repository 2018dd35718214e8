// The place search box: suggestions while typing, and "Near me" from the browser's location.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () {
        fn.apply(null, args);
      }, ms);
    };
  }

  document.querySelectorAll("form[data-place-search]").forEach(function (form) {
    var input = form.querySelector("input[name=near]");
    var list = form.querySelector("datalist");
    var chosen = {}; // label → coordinates of a suggestion
    var pending = null;

    var suggest = debounce(function () {
      var text = input.value.trim();
      if (text.length < 2 || chosen[text]) return;
      if (pending) pending.abort();
      pending = new AbortController();
      var url = new URL(form.dataset.placeSearch, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          list.replaceChildren();
          chosen = {};
          data.results.forEach(function (place) {
            var option = document.createElement("option");
            option.value = place.label;
            chosen[place.label] = place.query;
            list.appendChild(option);
          });
        })
        .catch(function () {
          // Suggestions are a convenience: typing a name and submitting still works.
        });
    }, 200);

    if (input && list) input.addEventListener("input", suggest);

    // A picked suggestion is sent as its coordinates, so the list shows exactly that place.
    form.addEventListener("submit", function () {
      var label = input.value.trim();
      if (!chosen[label]) return;
      input.value = chosen[label];
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "near_label";
      hidden.value = label;
      form.appendChild(hidden);
    });

  });

  // "Near me" appears only where the browser can tell where it is.
  document.querySelectorAll("[data-near-me]").forEach(function (button) {
    if (!("geolocation" in navigator)) return;
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // Three decimals is about 100 m: plenty to find a picket line, and no more precise.
          var near =
            position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
          var url = new URL(button.dataset.nearMe, window.location.href);
          url.searchParams.set("near", near);
          url.searchParams.set("near_label", button.dataset.hereLabel);
          url.searchParams.set("sort", "distance");
          window.location.assign(url);
        },
        function () {
          if (status) status.textContent = button.dataset.denied;
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  });
})();
