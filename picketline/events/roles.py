"""The invitation role of this room, organising an event: a host who sent an event without an
account is invited once it is published (`events.services.event_publish`). An event's
organisers see the names and emails of the people coming, so they need two factors."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts.two_factor import personal_data_holder_register
from picketline.organisations.invitations.roles import InvitationRole, role_register

ORGANISER = "event-organiser"


def _accept(event, user) -> None:
    event.organisers.add(user)


def _destination(event) -> str:
    return reverse("events:manage", kwargs={"slug": event.slug})


def _welcome(event) -> str:
    return _("You now organise “%(title)s”: you see who is coming and can change the event.") % {
        "title": event.title
    }


def _context(event) -> dict:
    return {
        "event": event,
        "host_name": event.host_name,
        "event_url": f"{settings.SITE_URL}{event.get_absolute_url()}",
    }


def register_organiser_role() -> None:
    role_register(
        InvitationRole(
            key=ORGANISER,
            model="events.Event",
            title=gettext_lazy("Manage your event"),
            accept_label=gettext_lazy("Accept and manage the event"),
            accept=_accept,
            destination=_destination,
            welcome=_welcome,
            page_template="events/manage/invitation_role.html",
            subject_template="events/email/host_invitation_subject.txt",
            email_template="events/email/host_invitation.txt",
            actions={
                "invited": "event.host_invited",
                "joined": "event.organiser_joined",
                "revoked": "event.invitation_revoked",
            },
            context=_context,
        )
    )
    personal_data_holder_register(
        "event-organisers",
        lambda user: user.organised_events.exists(),
    )
