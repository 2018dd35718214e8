from django.urls import path

from picketline.disputes import invitation_views, organisation_views
from picketline.disputes import manage_views as views

app_name = "manage"

DISPUTE = "disputes/<str:slug>/manage/"
UNION = "organisations/<str:slug>/manage/"

urlpatterns = [
    path("my/disputes/", views.my_disputes, name="mine"),
    path(DISPUTE, views.dispute_manage, name="dispute"),
    path(f"{DISPUTE}sites/add/", views.site_add, name="site_add"),
    path(f"{DISPUTE}sites/<int:pk>/", views.site_edit, name="site_edit"),
    path(f"{DISPUTE}sites/<int:pk>/delete/", views.site_delete, name="site_delete"),
    path(f"{DISPUTE}actions/add/", views.action_add, name="action_add"),
    path(f"{DISPUTE}actions/<int:pk>/", views.action_edit, name="action_edit"),
    path(f"{DISPUTE}actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path(f"{DISPUTE}shifts/add/", views.shift_add, name="shift_add"),
    path(f"{DISPUTE}shifts/<int:pk>/", views.shift_edit, name="shift_edit"),
    path(f"{DISPUTE}shifts/<int:pk>/delete/", views.shift_delete, name="shift_delete"),
    path(f"{DISPUTE}sources/add/", views.source_add, name="source_add"),
    path(f"{DISPUTE}sources/<int:pk>/", views.source_edit, name="source_edit"),
    path(f"{DISPUTE}sources/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path(f"{DISPUTE}invite/", views.invite, name="invite"),
    path(
        f"{DISPUTE}invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path(
        f"{DISPUTE}coordinators/<int:user_id>/remove/",
        views.coordinator_remove,
        name="coordinator_remove",
    ),
    path("invitations/<str:token>/", invitation_views.invitation, name="invitation"),
    path("organisations/manage/", organisation_views.organisations, name="organisations"),
    path(UNION, organisation_views.organisation, name="organisation"),
    path(f"{UNION}verify/", organisation_views.organisation_verify, name="organisation_verify"),
    path(
        f"{UNION}unverify/", organisation_views.organisation_unverify, name="organisation_unverify"
    ),
    path(f"{UNION}invite/", organisation_views.organisation_invite, name="organisation_invite"),
    path(
        f"{UNION}invitations/<int:pk>/revoke/",
        organisation_views.organisation_invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path(
        f"{UNION}holders/<int:user_id>/remove/",
        organisation_views.organisation_holder_remove,
        name="organisation_holder_remove",
    ),
]
