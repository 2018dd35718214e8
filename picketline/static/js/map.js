// Leaflet maps: every dispute on the home page (clustered by tile on the server), or one
// dispute's sites.
// Data comes from data-* attributes and JSON blocks, so no inline script is needed.
// Needs map-base.js, loaded before it.
(function () {
  "use strict";
  if (!window.L || !window.picketlineMap) return;

  var shared = window.picketlineMap;
  var readJSON = shared.readJSON;
  var baseMap = shared.baseMap;
  var text = shared.text;
  var labels = readJSON("map-labels") || {};
  var lang = document.documentElement.lang || undefined;

  function names(list) {
    return (list || [])
      .map(function (item) {
        return typeof item === "string" ? item : item.name;
      })
      .join(", ");
  }

  function formatDate(iso) {
    // Dates without a time: format them as the calendar day they name, whatever the zone.
    var date = new Date(iso + "T00:00:00Z");
    if (isNaN(date)) return iso;
    return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(date);
  }

  function popupFor(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    // The popup reads in the page's direction; the dispute's title in its own.
    var title = document.createElement("a");
    title.className = "map-popup__title";
    title.dir = "auto";
    title.href = p.url;
    title.textContent = p.title;
    box.appendChild(title);
    var status = [p.status_label, p.kind_label].filter(Boolean).join(" · ");
    if (status) box.appendChild(text("p", "map-popup__status", status));
    var employers = names(p.employers);
    if (employers) {
      var employer = text("p", "", (labels.employer || "") + ": ");
      employer.appendChild(text("bdi", "", employers));
      box.appendChild(employer);
    }
    if (p.start_date) {
      box.appendChild(text("p", "", (labels.started || "") + ": " + formatDate(p.start_date)));
    }
    if (p.city || p.country) {
      // Town and country each isolated: an Arabic town keeps its place before a Latin country.
      var place = document.createElement("p");
      [p.city, p.country].filter(Boolean).forEach(function (part, index) {
        if (index) place.appendChild(document.createTextNode(", "));
        place.appendChild(text("bdi", "", part));
      });
      box.appendChild(place);
    }
    var link = text("a", "map-popup__link", labels.view || p.title);
    link.href = p.url;
    box.appendChild(link);
    return box;
  }

  function announce(marker, p, map) {
    // Other parts of the site may draw on the map for the chosen dispute.
    marker.on("popupopen", function () {
      document.dispatchEvent(
        new CustomEvent("picketline:dispute-selected", {
          detail: { map: map, properties: p, latlng: marker.getLatLng() },
        })
      );
    });
    marker.on("popupclose", function () {
      document.dispatchEvent(
        new CustomEvent("picketline:dispute-unselected", { detail: { map: map } })
      );
    });
  }

  function disputeMap(element) {
    // Kept for map-search.js, which moves this map to a place searched for.
    shared.disputeMap = shared.clusteredTiles(element, {
      popup: popupFor,
      onMarker: announce,
      maxZoom: 11,
      failed: labels.failed,
    });
  }

  function sitesMap(element) {
    var points = readJSON("site-points") || [];
    if (!points.length) return;
    var map = baseMap(element);
    var group = L.featureGroup().addTo(map);
    points.forEach(function (point) {
      var latlng = [point.lat, point.lon];
      if (point.approximate) {
        // A circle, not a pin: the dispute is somewhere in this town, not at this spot.
        L.circle(latlng, { radius: 5000, weight: 2 })
          .bindTooltip(point.label + " (" + (labels.approximate || "") + ")")
          .addTo(group);
      } else {
        L.marker(latlng, { title: point.label, alt: point.label }).bindTooltip(point.label).addTo(group);
      }
    });
    map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: points.length > 1 ? 12 : 13 });
  }

  var all = document.getElementById("dispute-map");
  if (all && (all.dataset.tilesUrl || L.markerClusterGroup)) disputeMap(all);
  var sites = document.getElementById("site-map");
  if (sites) sitesMap(sites);
})();
