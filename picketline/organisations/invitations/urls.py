"""The page an emailed invitation leads to (namespace `invitations`)."""

from django.urls import path

from picketline.organisations.invitations import views

app_name = "invitations"

urlpatterns = [
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
