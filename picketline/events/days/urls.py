"""Addresses of days of action. The fixed paths come before `days-of-action/<slug>/` so a slug
never hides them."""

from django.urls import path
from django.views.generic import RedirectView

from picketline.events.days import views

urlpatterns = [
    # Links in hosts' invitations sent before every invitation had one address.
    path(
        "events/host/<str:token>/",
        RedirectView.as_view(pattern_name="invitations:invitation", permanent=True),
        name="host_invitation",
    ),
    path("days-of-action/", views.days_of_action, name="days_of_action"),
    path("days-of-action/new/", views.day_of_action_create, name="day_of_action_create"),
    path(
        "days-of-action/<str:slug>/edit/",
        views.day_of_action_edit,
        name="day_of_action_edit",
    ),
    path("days-of-action/<str:slug>/host/", views.host, name="host"),
    path("days-of-action/<str:slug>/host/thanks/", views.host_thanks, name="host_thanks"),
    path("days-of-action/<str:slug>/", views.day_of_action, name="day_of_action"),
]
