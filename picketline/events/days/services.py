"""Writes for days of action: calling one (published at once, or sent to moderation), changing
and publishing it, and a local event sent through a day's "host an event" form.

These build on the events core's services; the core never calls these.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from picketline.core.audit import field_changes, log_action
from picketline.disputes.models import Dispute
from picketline.events.days.models import DayOfAction
from picketline.events.models import Event
from picketline.events.services import check_fields, event_create, publishes_directly, slug_for

DAY_OF_ACTION_KIND = "day_of_action"
DAY_OF_ACTION_FIELDS = (
    "title",
    "call",
    "language",
    "starts_on",
    "ends_on",
    "demands",
    "organisation",
    "organiser_name",
    "is_demo",
)


def host_event_create(*, day: DayOfAction, user=None, **fields) -> Event:
    """A local event for `day` from its public form. Someone who publishes directly (a
    moderator) publishes it at once; any other host's event waits for a moderator, even
    when they speak for a verified organisation: the form names no organisation."""
    return event_create(
        day_of_action=day, user=user, publish=publishes_directly(user, None), **fields
    )


@transaction.atomic
def day_of_action_create(
    *, user=None, disputes: Iterable[Dispute] = (), publish: bool | None = None, **fields
) -> DayOfAction:
    """Creates a day of action; its author becomes an organiser. Published at once for those
    who publish directly, otherwise after moderation."""
    check_fields(fields, DAY_OF_ACTION_FIELDS, "day_of_action_create")
    if user is not None and not user.is_authenticated:
        user = None
    day = DayOfAction(**fields)
    day.slug = slug_for(DayOfAction, day.title)
    day.full_clean(exclude=["slug"])
    day.save()
    day.disputes.set(disputes)
    if user is not None:
        day.organisers.add(user)
    log_action(day, "day_of_action.created", user=user)
    if publish is None:
        publish = publishes_directly(user, day.organisation)
    if publish:
        day_of_action_publish(day=day, user=user, direct=True)
    else:
        from picketline.moderation.services import moderation_submit

        moderation_submit(obj=day, kind=DAY_OF_ACTION_KIND, user=user)
    return day


def day_of_action_publish(*, day: DayOfAction, user=None, direct: bool = False) -> DayOfAction:
    if day.published_at is None:
        day.published_at = timezone.now()
        day.save(update_fields=["published_at", "updated_at"])
        log_action(day, "day_of_action.published", user=user, data={"direct": direct})
    return day


@transaction.atomic
def day_of_action_update(
    *, day: DayOfAction, user=None, disputes: Iterable[Dispute] | None = None, **fields
) -> DayOfAction:
    check_fields(fields, DAY_OF_ACTION_FIELDS, "day_of_action_update")
    day = DayOfAction.objects.select_for_update().get(pk=day.pk)
    before = {name: str(getattr(day, name)) for name in DayOfAction.PUBLIC_FIELDS}
    for name, value in fields.items():
        setattr(day, name, value)
    day.full_clean(exclude=["slug"])
    day.save()
    if disputes is not None:
        day.disputes.set(disputes)
    changes = field_changes(before, {n: str(getattr(day, n)) for n in DayOfAction.PUBLIC_FIELDS})
    if changes:
        log_action(day, "day_of_action.updated", user=user, data={"changes": changes})
    return day
