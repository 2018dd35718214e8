// The site form's map: tap the map or drag the pin to fill in latitude and longitude, and the
// pin follows what is typed. The form works the same without it.
(function () {
  "use strict";
  var element = document.getElementById("pin-map");
  var latInput = document.getElementById("id_latitude");
  var lonInput = document.getElementById("id_longitude");
  if (!window.L || !element || !latInput || !lonInput) return;

  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: element.dataset.iconUrl,
    iconRetinaUrl: element.dataset.iconRetinaUrl,
    shadowUrl: element.dataset.shadowUrl,
  });
  var map = L.map(element, { worldCopyJump: true });
  L.tileLayer(element.dataset.tileUrl, {
    attribution: element.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);

  function typed() {
    var lat = parseFloat(latInput.value);
    var lon = parseFloat(lonInput.value);
    if (isNaN(lat) || isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    return L.latLng(lat, lon);
  }

  var marker = null;
  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, { draggable: true, autoPan: true }).addTo(map);
      marker.on("dragend", function () {
        fill(marker.getLatLng());
      });
    }
  }

  function fill(latlng) {
    var wrapped = latlng.wrap();
    latInput.value = wrapped.lat.toFixed(6);
    lonInput.value = wrapped.lng.toFixed(6);
  }

  var start = typed();
  if (start) {
    map.setView(start, 15);
    place(start);
  } else {
    map.setView([25, 10], 2);
  }

  map.on("click", function (event) {
    place(event.latlng);
    fill(event.latlng);
  });

  [latInput, lonInput].forEach(function (input) {
    input.addEventListener("change", function () {
      var point = typed();
      if (!point) return;
      place(point);
      map.panTo(point);
    });
  });
})();
