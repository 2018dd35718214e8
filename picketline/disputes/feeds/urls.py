"""The feeds' addresses, a public contract: included before the pages so `<slug>.ics` wins."""

from django.urls import path

from picketline.disputes import feeds
from picketline.disputes.feeds import tiles

app_name = "feeds"

urlpatterns = [
    path("disputes.geojson", feeds.geojson, name="geojson"),
    path("disputes.ics", feeds.disputes_ics, name="ics"),
    path("disputes.csv", feeds.disputes_csv, name="csv"),
    path("disputes.atom", feeds.disputes_atom, name="atom"),
    path("disputes/<str:slug>.ics", feeds.dispute_ics, name="dispute_ics"),
    path("map/tiles/<int:z>/<int:x>/<int:y>.json", tiles.map_tile, name="map_tile"),
    path(
        "map/tiles/<int:z>/<int:x>/<int:y>/<int:cell>.json",
        tiles.map_cluster,
        name="map_cluster",
    ),
]
