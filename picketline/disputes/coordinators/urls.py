"""The coordinators' addresses (namespace `manage`): a dispute's page and its parts, and the
people who keep it."""

from django.urls import path

from picketline.disputes.coordinators.views import disputes, parts

app_name = "manage"

DISPUTE = "disputes/<str:slug>/manage/"

urlpatterns = [
    path("my/disputes/", disputes.my_disputes, name="mine"),
    path(DISPUTE, disputes.dispute_manage, name="dispute"),
    path(f"{DISPUTE}sites/add/", parts.site_add, name="site_add"),
    path(f"{DISPUTE}sites/<int:pk>/", parts.site_edit, name="site_edit"),
    path(f"{DISPUTE}sites/<int:pk>/delete/", parts.site_delete, name="site_delete"),
    path(f"{DISPUTE}actions/add/", parts.action_add, name="action_add"),
    path(f"{DISPUTE}actions/<int:pk>/", parts.action_edit, name="action_edit"),
    path(f"{DISPUTE}actions/<int:pk>/delete/", parts.action_delete, name="action_delete"),
    path(f"{DISPUTE}shifts/add/", parts.shift_add, name="shift_add"),
    path(f"{DISPUTE}shifts/<int:pk>/", parts.shift_edit, name="shift_edit"),
    path(f"{DISPUTE}shifts/<int:pk>/delete/", parts.shift_delete, name="shift_delete"),
    path(f"{DISPUTE}sources/add/", parts.source_add, name="source_add"),
    path(f"{DISPUTE}sources/<int:pk>/", parts.source_edit, name="source_edit"),
    path(f"{DISPUTE}sources/<int:pk>/delete/", parts.source_delete, name="source_delete"),
    path(f"{DISPUTE}invite/", disputes.invite, name="invite"),
    path(
        f"{DISPUTE}invitations/<int:pk>/revoke/",
        disputes.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        f"{DISPUTE}coordinators/<int:user_id>/remove/",
        disputes.coordinator_remove,
        name="coordinator_remove",
    ),
]
