"""The registry's public pages (namespace `disputes`): the map, the list, a dispute, open data."""

from django.urls import path

from picketline.disputes import views

app_name = "disputes"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("map/nearest/", views.map_nearest, name="map_nearest"),
    path("disputes/", views.dispute_list, name="list"),
    path("disputes/<str:slug>/", views.dispute_detail, name="detail"),
    path("data/", views.open_data, name="open_data"),
    path("places/search.json", views.place_search, name="place_search"),
]
