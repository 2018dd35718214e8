"""The feeds' addresses, a public contract: included before the pages so `<slug>.ics` wins."""

from django.urls import path

from picketline.disputes import feeds

app_name = "feeds"

urlpatterns = [
    path("disputes.geojson", feeds.geojson, name="geojson"),
    path("disputes.ics", feeds.disputes_ics, name="ics"),
    path("disputes.csv", feeds.disputes_csv, name="csv"),
    path("disputes.atom", feeds.disputes_atom, name="atom"),
    path("disputes/<str:slug>.ics", feeds.dispute_ics, name="dispute_ics"),
]
