from django.urls import path

from picketline.disputes import feeds

app_name = "feeds"

urlpatterns = [
    path("disputes.geojson", feeds.geojson, name="geojson"),
]
