// Maps of campaigns: a campaign's disputes on its page, or every campaign's disputes on the
// campaigns' map. Data comes from a JSON block and data-* attributes: no inline script.
// Needs map-base.js, loaded before it.
(function () {
  "use strict";
  if (!window.L || !window.picketlineMap) return;

  var shared = window.picketlineMap;

  function popupFor(point, element) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = "auto";
    var title = shared.text("a", "map-popup__title", point.title);
    title.href = point.url;
    box.appendChild(title);
    if (point.place) box.appendChild(shared.text("p", "", point.place));
    if (point.campaign_url) {
      var campaign = shared.text("a", "map-popup__link", point.campaign);
      campaign.href = point.campaign_url;
      box.appendChild(campaign);
    } else if (point.demands) {
      var tally = (element.dataset.adoptedLabel || "") + ": " + point.adopted + " / " + point.demands +
        " · " + (element.dataset.wonLabel || "") + ": " + point.won;
      box.appendChild(shared.text("p", "", tally));
    }
    return box;
  }

  function campaignMap(element) {
    var points = shared.readJSON("campaign-points") || [];
    var map = shared.baseMap(element);
    var group = L.featureGroup().addTo(map);
    points.forEach(function (point) {
      L.marker([point.lat, point.lon], { title: point.title, alt: point.title })
        .bindPopup(popupFor(point, element))
        .addTo(group);
    });
    if (points.length) {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 10, animate: false });
    }
    element.dataset.loaded = String(points.length);
  }

  var element = document.getElementById("campaign-map");
  if (element) campaignMap(element);
})();
