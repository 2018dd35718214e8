from django.urls import path

from picketline.events import days_views, host_views

# Included before public_urls: the fixed paths here come before /days-of-action/<slug>/.
urlpatterns = [
    path("events/host/<str:token>/", host_views.host_invitation, name="host_invitation"),
    path("days-of-action/new/", days_views.day_of_action_create, name="day_of_action_create"),
    path(
        "days-of-action/<str:slug>/edit/",
        days_views.day_of_action_edit,
        name="day_of_action_edit",
    ),
    path("days-of-action/<str:slug>/host/", host_views.host, name="host"),
    path("days-of-action/<str:slug>/host/thanks/", host_views.host_thanks, name="host_thanks"),
]
