"""The addresses of events: each part's, then the public pages of events and the feeds (at the
site root). Fixed paths come before `events/<slug>/` in each part, and slugs never take them
(see services.RESERVED_SLUGS)."""

from django.urls import include, path

from picketline.events import feeds, tiles, views

app_name = "events"

urlpatterns = [
    path("", include("picketline.events.rsvps.urls")),
    path("", include("picketline.events.manage.urls")),
    path("", include("picketline.events.days.urls")),
    path("events.ics", feeds.events_ics, name="feed_ics"),
    path("events.geojson", feeds.events_geojson, name="feed_geojson"),
    path("events/", views.event_list, name="list"),
    path("events/map/", views.event_map, name="map"),
    path("events/map/tiles/<int:z>/<int:x>/<int:y>.json", tiles.map_tile, name="map_tile"),
    path(
        "events/map/tiles/<int:z>/<int:x>/<int:y>/<int:cell>.json",
        tiles.map_cluster,
        name="map_cluster",
    ),
    path("events/<str:slug>.ics", views.event_detail_ics, name="detail_ics"),
    path("events/<str:slug>/", views.event_detail, name="detail"),
]
