// "Add a strike": suggestions for the place, and a small map with a pin to put it exactly.
// Without this script the typed place alone is enough: the server looks it up.
(function () {
  "use strict";

  var box = document.querySelector("[data-submission-place]");
  if (!box) return;
  var input = box.querySelector("input[name=place_name]");
  var list = box.querySelector("datalist");
  var latitude = box.querySelector("input[name=latitude]");
  var longitude = box.querySelector("input[name=longitude]");
  var pinMoved = box.querySelector("input[name=pin_moved]");
  var mapElement = document.getElementById("submission-map");
  var hint = document.getElementById("submission-map-hint");
  var status = document.getElementById("submission-map-status");
  var clear = document.getElementById("submission-pin-clear");
  var labelsElement = document.getElementById("submission-map-labels");
  var labels = labelsElement ? JSON.parse(labelsElement.textContent) : {};

  var suggestions = {}; // label → [lat, lon]
  var map = null;
  var marker = null;
  var pending = null;
  var timer = null;

  function pinWasMoved() {
    return /^(1|true|on)$/i.test(pinMoved.value);
  }

  function setPoint(lat, lon, moved) {
    latitude.value = lat.toFixed(6);
    longitude.value = lon.toFixed(6);
    pinMoved.value = moved ? "1" : "";
  }

  function clearPoint() {
    latitude.value = "";
    longitude.value = "";
    pinMoved.value = "";
    if (marker && map) map.removeLayer(marker);
    marker = null;
    if (clear) clear.hidden = true;
  }

  function showPin(lat, lon, zoom) {
    if (!map) return;
    var latlng = L.latLng(lat, lon);
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, title: labels.pin, alt: labels.pin });
      marker.on("dragend", function () {
        var point = marker.getLatLng().wrap();
        setPoint(point.lat, point.lng, true);
        if (status) status.textContent = labels.moved || "";
      });
      marker.addTo(map);
    } else {
      marker.setLatLng(latlng);
    }
    if (clear) clear.hidden = false;
    map.setView(latlng, zoom || Math.max(map.getZoom(), 13));
  }

  function suggest() {
    var text = input.value.trim();
    if (text.length < 2 || suggestions[text]) return;
    if (pending) pending.abort();
    pending = new AbortController();
    var url = new URL(box.dataset.placeSearch, window.location.href);
    url.searchParams.set("q", text);
    fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        list.replaceChildren();
        suggestions = {};
        data.results.forEach(function (place) {
          var option = document.createElement("option");
          option.value = place.label;
          suggestions[place.label] = place.query.split(",").map(Number);
          list.appendChild(option);
        });
      })
      .catch(function () {
        // Suggestions are a convenience: the typed name is looked up when the form is sent.
      });
  }

  input.addEventListener("input", function () {
    var chosen = suggestions[input.value.trim()];
    if (chosen) {
      setPoint(chosen[0], chosen[1], false);
      showPin(chosen[0], chosen[1], 11);
      return;
    }
    // A new name, typed rather than chosen: the server finds it, unless a pin was put by hand.
    if (!pinWasMoved()) clearPoint();
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });

  if (!window.L || !mapElement) return;

  mapElement.hidden = false;
  if (hint) hint.hidden = false;
  // Hashed static file names defeat Leaflet's guess of its image folder: name each image.
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: mapElement.dataset.iconUrl,
    iconRetinaUrl: mapElement.dataset.iconRetinaUrl,
    shadowUrl: mapElement.dataset.shadowUrl,
  });
  map = L.map(mapElement, { worldCopyJump: true }).setView([25, 10], 2);
  L.tileLayer(mapElement.dataset.tileUrl, {
    attribution: mapElement.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);

  map.on("click", function (event) {
    var point = event.latlng.wrap();
    setPoint(point.lat, point.lng, true);
    showPin(point.lat, point.lng);
    if (status) status.textContent = labels.moved || "";
  });

  if (clear) {
    clear.addEventListener("click", function () {
      clearPoint();
      if (status) status.textContent = "";
      input.focus();
    });
  }

  // Coming back to the form after an error: show the pin that was sent.
  var lat = parseFloat(latitude.value);
  var lon = parseFloat(longitude.value);
  if (!isNaN(lat) && !isNaN(lon)) showPin(lat, lon, pinWasMoved() ? 15 : 11);
})();
