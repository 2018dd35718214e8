from django.urls import path

from picketline.events import public_views

urlpatterns = [
    path("days-of-action/<slug:slug>/", public_views.day_of_action, name="day_of_action"),
    path("events/<slug:slug>/", public_views.event_detail, name="detail"),
]
