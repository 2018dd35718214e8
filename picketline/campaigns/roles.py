"""The invitation role of this room, coordinating a campaign: moderators and coordinators
invite people by email through `organisations.invitations`. Coordinators see the addresses of
the people invited with them, so they need two factors."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts.two_factor import personal_data_holder_register
from picketline.organisations.invitations.roles import InvitationRole, role_register

COORDINATOR = "campaign-coordinator"


def _accept(campaign, user) -> None:
    campaign.coordinators.add(user)


def _destination(campaign) -> str:
    return reverse("campaigns:manage", kwargs={"slug": campaign.slug})


def _welcome(campaign) -> str:
    return _("You now coordinate the campaign “%(title)s”.") % {"title": campaign.title}


def register_coordinator_role() -> None:
    role_register(
        InvitationRole(
            key=COORDINATOR,
            model="campaigns.Campaign",
            title=gettext_lazy("Coordinate a campaign"),
            accept_label=gettext_lazy("Accept and coordinate the campaign"),
            accept=_accept,
            destination=_destination,
            welcome=_welcome,
            page_template="campaigns/manage/invitation_role.html",
            subject_template="campaigns/email/invitation_subject.txt",
            email_template="campaigns/email/invitation.txt",
            actions={
                "invited": "campaign.coordinator_invited",
                "joined": "campaign.coordinator_joined",
                "revoked": "campaign.invitation_revoked",
            },
        )
    )
    personal_data_holder_register(
        "campaign-coordinators", lambda user: user.coordinated_campaigns.exists()
    )
