from django.urls import path

from picketline.events import rsvp_views

urlpatterns = [
    path("events/<str:slug>/rsvp/", rsvp_views.rsvp_create, name="rsvp_create"),
    path("events/<str:slug>/rsvp/sent/", rsvp_views.rsvp_sent, name="rsvp_sent"),
    path("events/rsvp/confirm/<str:token>/", rsvp_views.rsvp_confirm, name="rsvp_confirm"),
    path("events/rsvp/<str:token>/", rsvp_views.rsvp_page, name="rsvp"),
]
