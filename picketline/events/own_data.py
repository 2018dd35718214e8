"""What events hold about a person, for their own export and erasure (registered with
`accounts.personal_data`): their RSVPs, and the local events they offered to host.

An RSVP is the person's when made while signed in, or with their confirmed address. Erasing
cancels one to an event still to come (the first person waiting gets the place, as with any
cancellation), then keeps the row for the event's counts with no name, address, account or
working link. An event they hosted stays, without the host's name and address.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import (
    erased_address,
    person_email,
    person_owns,
    personal_data_register,
)
from picketline.core.tokens import nonce_new, token_hash
from picketline.events.choices import ACTIVE_RSVP_STATUSES
from picketline.events.models import Event, Rsvp
from picketline.events.rsvps.selectors import rsvp_token
from picketline.events.rsvps.services import rsvp_cancel
from picketline.moderation.services import submitter_answers_erase


def _rsvps(user):
    mine = person_owns(user, account="user", email="email")
    return Rsvp.objects.filter(mine).select_related("event").order_by("created_at", "id")


def rsvps_export(user) -> list[dict]:
    return [
        {
            "event": rsvp.event.title,
            "starts_at": rsvp.event.starts_at,
            "name": rsvp.name,
            "email": rsvp.email,
            "status": rsvp.status,
            "answered_at": rsvp.created_at,
            "confirmed_at": rsvp.confirmed_at,
            "cancelled_at": rsvp.cancelled_at,
            "checked_in_at": rsvp.checked_in_at,
        }
        for rsvp in _rsvps(user)
    ]


def rsvps_erase(user) -> None:
    now = timezone.now()
    for rsvp in _rsvps(user):
        if rsvp.status in ACTIVE_RSVP_STATUSES and rsvp.event.ends_at > now:
            rsvp = rsvp_cancel(rsvp=rsvp).rsvp
        rsvp.name = ""
        rsvp.email = erased_address(rsvp.pk)
        rsvp.user = None
        rsvp.language = ""
        rsvp.confirm_token_hash = None
        rsvp.token_nonce = nonce_new()
        rsvp.token_hash = token_hash(rsvp_token(rsvp))
        rsvp.save(
            update_fields=[
                "name",
                "email",
                "user",
                "language",
                "confirm_token_hash",
                "token_nonce",
                "token_hash",
                "updated_at",
            ]
        )


def _hosted(user):
    email = person_email(user)
    if not email:
        return Event.objects.none()
    return Event.objects.filter(host_email__iexact=email).order_by("starts_at", "id")


def hosted_export(user) -> list[dict]:
    return [
        {
            "event": event.title,
            "starts_at": event.starts_at,
            "name": event.host_name,
            "email": event.host_email,
            "offered_at": event.created_at,
        }
        for event in _hosted(user)
    ]


def hosted_erase(user) -> None:
    hosted = _hosted(user)
    submitter_answers_erase(hosted)
    hosted.update(host_name="", host_email="", updated_at=timezone.now())


def register() -> None:
    personal_data_register(
        "rsvps", label=_("RSVPs to events"), export=rsvps_export, erase=rsvps_erase, order=30
    )
    personal_data_register(
        "hosted_events",
        label=_("Events you offered to host"),
        export=hosted_export,
        erase=hosted_erase,
        order=31,
    )
