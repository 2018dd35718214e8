from django.urls import path

from picketline.events import host_views

urlpatterns = [
    path("events/host/<str:token>/", host_views.host_invitation, name="host_invitation"),
]
