// The place search on the map page. With script, a place typed or chosen moves the map there
// and lists the nearest disputes beside it, with a link to the whole list; without script (or
// when the map could not start) the form goes to the list, as it always did.
// Loaded after map.js and place-search.js: a chosen suggestion is already coordinates here.
(function () {
  "use strict";
  var form = document.querySelector(".map-panel form[data-place-search]");
  var panel = document.getElementById("map-nearest");
  if (!form || !panel || !window.fetch || !window.DOMParser) return;
  var input = form.querySelector("input[name=near]");
  var pending = null;

  // How far to look around the place: as far as the third-nearest dispute, within reason.
  function reachKm(result) {
    var distances = Array.prototype.map.call(
      result.querySelectorAll("[data-distance-km]"),
      function (item) {
        return parseFloat(item.dataset.distanceKm);
      }
    );
    var third = distances.slice(0, 3).pop();
    return Math.min(Math.max(third || 0, 5), 500);
  }

  function move(map, result) {
    var lat = parseFloat(result.dataset.lat);
    var lon = parseFloat(result.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var around = L.latLng(lat, lon).toBounds(reachKm(result) * 2 * 1000 * 1.1);
    map.fitBounds(around, { maxZoom: 12, animate: false });
  }

  function show(html, map) {
    var result = new DOMParser()
      .parseFromString(html, "text/html")
      .querySelector(".map-nearest__result");
    if (!result) throw new Error("no result");
    panel.replaceChildren(document.adoptNode(result));
    panel.hidden = false;
    move(map, result);
  }

  form.addEventListener("submit", function (event) {
    var map = window.picketlineMap && window.picketlineMap.disputeMap;
    if (!map || !window.L) return;
    event.preventDefault();
    var data = new FormData(form);
    // place-search.js swapped a chosen suggestion for its coordinates: show its name again.
    form.querySelectorAll("input[name=near_label]").forEach(function (hidden) {
      hidden.remove();
    });
    if (data.get("near_label")) input.value = data.get("near_label");
    // The map's own filters (status, kind…) apply to the nearest disputes too.
    var query = new URLSearchParams(window.location.search);
    data.forEach(function (value, key) {
      query.set(key, value);
    });
    var url = new URL(panel.dataset.url, window.location.href);
    url.search = query.toString();
    if (pending) pending.abort();
    pending = new AbortController();
    panel.setAttribute("aria-busy", "true");
    fetch(url, {
      signal: pending.signal,
      headers: { Accept: "text/html" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        show(html, map);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        panel.replaceChildren();
        var message = document.createElement("p");
        message.className = "field-errors";
        message.textContent = panel.dataset.failed;
        panel.appendChild(message);
        panel.hidden = false;
      })
      .finally(function () {
        panel.removeAttribute("aria-busy");
      });
  });
})();
