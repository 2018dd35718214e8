"""The invitation role of this room, coordinating a dispute; coordinators see the contact
details people shared, so they need two factors."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts.two_factor import personal_data_holder_register
from picketline.organisations.invitations.roles import InvitationRole, role_register

COORDINATOR = "coordinator"


def _accept(dispute, user) -> None:
    dispute.coordinators.add(user)


def _destination(dispute) -> str:
    return reverse("manage:dispute", kwargs={"slug": dispute.slug})


def _welcome(dispute) -> str:
    return _("You are now a coordinator of “%(title)s”.") % {"title": dispute.title}


def register_coordinator_role() -> None:
    role_register(
        InvitationRole(
            key=COORDINATOR,
            model="disputes.Dispute",
            title=gettext_lazy("Invitation to coordinate a dispute"),
            accept_label=gettext_lazy("Accept the invitation"),
            accept=_accept,
            destination=_destination,
            welcome=_welcome,
            page_template="disputes/manage/invitation_role.html",
            subject_template="disputes/manage/email/invitation_subject.txt",
            email_template="disputes/manage/email/invitation.txt",
            actions={
                "invited": "dispute.coordinator_invited",
                "joined": "dispute.coordinator_joined",
                "revoked": "dispute.invitation_revoked",
            },
            context=lambda dispute: {"dispute": dispute},
        )
    )
    personal_data_holder_register(
        "dispute-coordinators", lambda user: user.coordinated_disputes.exists()
    )
