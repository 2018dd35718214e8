from django.urls import path

from picketline.events.rsvps import views

urlpatterns = [
    path("events/<str:slug>/rsvp/", views.rsvp_create, name="rsvp_create"),
    path("events/<str:slug>/rsvp/sent/", views.rsvp_sent, name="rsvp_sent"),
    path("events/rsvp/confirm/<str:token>/", views.rsvp_confirm, name="rsvp_confirm"),
    path("events/rsvp/<str:token>/", views.rsvp_page, name="rsvp"),
]
