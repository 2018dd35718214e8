"""Writes for events: creating (published at once, or sent to moderation), changing (telling
everyone coming or waiting, and giving new places to people waiting), publishing, and inviting
someone who hosted without an account to manage their event.

RSVPs have their own package, `events/rsvps/`; days of action theirs, `events/days/`, whose
services build on these.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.core.audit import field_changes, log_action
from picketline.core.conflicts import EditConflict
from picketline.disputes.models import Dispute
from picketline.disputes.services import unique_slug
from picketline.events.choices import EventStatus
from picketline.events.models import Event, Speaker
from picketline.events.roles import ORGANISER
from picketline.events.rsvps import notices
from picketline.events.rsvps.services import seats_fill
from picketline.organisations.invitations.models import Invitation
from picketline.organisations.invitations.services import invitation_create
from picketline.organisations.models import Organisation

EVENT_KIND = "event"
# Paths under /events/ and /days-of-action/ that a slug must not take.
RESERVED_SLUGS = frozenset(
    {"new", "mine", "map", "rsvp", "host", "feed", "calendar", "near", "manage", "api"}
)

# What an organiser's form sets; the services also take the status and where an event comes from.
EVENT_DETAIL_FIELDS = (
    "title",
    "description",
    "language",
    "organisation",
    "organiser_name",
    "starts_at",
    "ends_at",
    "timezone",
    "mode",
    "venue",
    "address",
    "locality",
    "country",
    "latitude",
    "longitude",
    "join_url",
    "capacity",
    "visibility",
)
EVENT_FIELDS = (
    *EVENT_DETAIL_FIELDS,
    "status",
    "status_note",
    "day_of_action",
    "is_demo",
)


def slug_for(model, title: str, *, exclude_pk=None) -> str:
    slug = unique_slug(model, title, exclude_pk=exclude_pk)
    if slug in RESERVED_SLUGS:
        slug = unique_slug(model, f"{title}-{model._meta.model_name}", exclude_pk=exclude_pk)
    return slug


def publishes_directly(user, organisation: Organisation | None) -> bool:
    """Moderators, and the account holders of a verified organisation posting in its name."""
    if user is None or not user.is_authenticated:
        return False
    if is_moderator(user):
        return True
    return bool(
        organisation is not None
        and organisation.is_verified
        and organisation.coordinators.filter(pk=user.pk).exists()
    )


def check_fields(fields: dict, allowed: tuple[str, ...], name: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unknown fields: {', '.join(sorted(unknown))}")


def _speakers_set(event: Event, speakers: Iterable[dict]) -> None:
    event.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(event=event, order=index, **speaker) for index, speaker in enumerate(speakers)
    )


def _snapshot(event: Event) -> dict:
    values = {name: getattr(event, name) for name in Event.PUBLIC_FIELDS}
    return {
        name: value.isoformat() if isinstance(value, dt.datetime) else value
        for name, value in values.items()
    }


@transaction.atomic
def event_create(
    *,
    user=None,
    disputes: Iterable[Dispute] = (),
    sponsors: Iterable[Organisation] = (),
    speakers: Iterable[dict] = (),
    host_name: str = "",
    host_email: str = "",
    publish: bool | None = None,
    **fields,
) -> Event:
    """Creates an event; the user (if any) becomes its organiser.

    It is published at once when `publish` says so or, by default, when the user publishes
    directly (see `publishes_directly`); otherwise it waits in the moderation queue. Someone
    without an account gives `host_email`: once published, an invitation to manage it goes there.
    """
    check_fields(fields, EVENT_FIELDS, "event_create")
    if user is not None and not user.is_authenticated:
        user = None
    event = Event(**fields, host_name=host_name, host_email=host_email.lower(), submitted_by=user)
    event.slug = slug_for(Event, event.title)
    event.full_clean(exclude=["slug"])
    event.save()
    event.disputes.set(disputes)
    event.sponsors.set(sponsors)
    _speakers_set(event, speakers)
    if user is not None:
        event.organisers.add(user)
    log_action(event, "event.created", user=user)
    if publish is None:
        publish = publishes_directly(user, event.organisation)
    if publish:
        event_publish(event=event, user=user, direct=True)
    else:
        from picketline.moderation.services import moderation_submit

        moderation_submit(obj=event, kind=EVENT_KIND, user=user)
    return event


def event_publish(*, event: Event, user=None, direct: bool = False) -> Event:
    """Makes an event public; a host without an account is invited to manage it."""
    if event.published_at is not None:
        return event
    event.published_at = timezone.now()
    event.save(update_fields=["published_at", "updated_at"])
    log_action(event, "event.published", user=user, data={"direct": direct})
    if event.host_email and not event.organisers.exists():
        host_invitation_send(event=event)
    return event


def event_update(
    *,
    event: Event,
    user=None,
    version: int | None = None,
    disputes: Iterable[Dispute] | None = None,
    sponsors: Iterable[Organisation] | None = None,
    speakers: Iterable[dict] | None = None,
    **fields,
) -> Event:
    """Changes an event. Everyone coming or waiting is told when the time, place or status
    changes; a larger capacity gives places to people waiting, first in line first.

    With `version`, an event changed since the form was opened is refused with EditConflict.
    A capacity below the number already coming is refused: nobody loses a confirmed place.
    """
    check_fields(fields, EVENT_FIELDS, "event_update")
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if version is not None and locked.version != version:
            raise EditConflict(
                _(
                    "Someone else changed this event after you opened it. Nothing was saved: "
                    "reload the page to see their change, then make yours again."
                )
            )
        before = _snapshot(locked)
        capacity = fields.get("capacity", locked.capacity)
        if capacity is not None and capacity < locked.confirmed_count:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)d people already have a place: the event needs at least "
                        "that many places. Ask people to cancel first if it must be smaller."
                    )
                    % {"count": locked.confirmed_count}
                }
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["slug"])
        locked.version += 1
        locked.save()
        if disputes is not None:
            locked.disputes.set(disputes)
        if sponsors is not None:
            locked.sponsors.set(sponsors)
        if speakers is not None:
            _speakers_set(locked, speakers)
        changes = field_changes(before, _snapshot(locked))
        if changes:
            log_action(locked, "event.updated", user=user, data={"changes": changes})
        told = set(changes) & set(Event.NOTIFY_FIELDS)
        if told and locked.published_at is not None:
            notices.event_changed(locked, changed=sorted(told))
        if "capacity" in changes and locked.status != EventStatus.CANCELLED:
            seats_fill(locked, timezone.now())
    return locked


# --- hosts without an account ---------------------------------------------------------------


def host_invitation_send(*, event: Event) -> Invitation:
    """Invites the host who sent the event without an account to organise it."""
    invitation, _raw = invitation_create(role=ORGANISER, target=event, email=event.host_email)
    return invitation
