"""Public addresses of events and days of action. The feeds sit at the site root, and every
fixed path comes before `events/<slug>/` so a slug never hides it."""

from django.urls import path

from picketline.events import feeds, public_views

urlpatterns = [
    path("events.ics", feeds.events_ics, name="feed_ics"),
    path("events.geojson", feeds.events_geojson, name="feed_geojson"),
    path("events/", public_views.event_list, name="list"),
    path("events/map/", public_views.event_map, name="map"),
    path("events/<str:slug>.ics", public_views.event_detail_ics, name="detail_ics"),
    path("events/<str:slug>/", public_views.event_detail, name="detail"),
    path("days-of-action/", public_views.days_of_action, name="days_of_action"),
    path("days-of-action/<str:slug>/", public_views.day_of_action, name="day_of_action"),
]
