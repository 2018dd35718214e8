"""The addresses of campaigns. Fixed paths come before `campaigns/<slug>/`, and no campaign
takes their names as its slug (`services.RESERVED_SLUGS`)."""

from django.urls import path

from picketline.campaigns import feeds, views

app_name = "campaigns"

M = "campaigns/<str:slug>/manage/"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list"),
    path("campaigns/map/", views.campaign_map, name="map"),
    path("campaigns/new/", views.campaign_create, name="create"),
    path("campaigns/<str:slug>.atom", feeds.campaign_atom, name="feed_atom"),
    path("campaigns/<str:slug>.ics", feeds.campaign_ics, name="feed_ics"),
    path("campaigns/<str:slug>/", views.campaign_detail, name="detail"),
    path(M, views.campaign_manage, name="manage"),
    path(M + "disputes/add/", views.dispute_add, name="dispute_add"),
    path(M + "disputes/<int:dispute>/remove/", views.dispute_remove, name="dispute_remove"),
    path(M + "demands/", views.demands, name="demands"),
    path(M + "demands/<int:pk>/", views.demand_edit, name="demand_edit"),
    path(M + "demands/<int:pk>/delete/", views.demand_delete, name="demand_delete"),
    path(M + "matrix/<int:dispute>/<int:demand>/", views.cell_edit, name="cell_edit"),
    path(M + "invite/", views.invite, name="invite"),
    path(
        M + "coordinators/<int:user>/remove/", views.coordinator_remove, name="coordinator_remove"
    ),
]
