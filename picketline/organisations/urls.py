"""Unions' accounts (namespace `organisations`): moderators' list and verification, holders'
page, invitations and removals."""

from django.urls import path

from picketline.organisations import views

app_name = "organisations"

UNION = "organisations/<str:slug>/manage/"

urlpatterns = [
    path("organisations/manage/", views.organisations, name="manage_list"),
    path(UNION, views.organisation, name="manage"),
    path(f"{UNION}verify/", views.organisation_verify, name="verify"),
    path(f"{UNION}unverify/", views.organisation_unverify, name="unverify"),
    path(f"{UNION}invite/", views.organisation_invite, name="invite"),
    path(
        f"{UNION}invitations/<int:pk>/revoke/",
        views.organisation_invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        f"{UNION}holders/<int:user_id>/remove/",
        views.organisation_holder_remove,
        name="holder_remove",
    ),
]
