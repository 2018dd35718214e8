"""Reads for days of action: the published ones, one day's counts, the days a dispute is part
of, the days page's two lists, and the door through which an organiser loads a day."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from picketline.accounts.roles import is_moderator
from picketline.core.versions import cached_under
from picketline.events.choices import EventStatus, EventVisibility, RsvpStatus
from picketline.events.days.models import DayOfAction
from picketline.events.rsvps.models import Rsvp
from picketline.events.selectors import event_listed_queryset


def day_of_action_public_queryset() -> QuerySet[DayOfAction]:
    return DayOfAction.objects.filter(published_at__isnull=False).select_related("organisation")


def day_of_action_get_public(*, slug: str) -> DayOfAction:
    return get_object_or_404(day_of_action_public_queryset(), slug=slug)


def user_can_manage_day_of_action(user, day: DayOfAction) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return day.organisers.filter(pk=user.pk).exists() or is_moderator(user)


def day_of_action_get_for_manager(*, user, slug: str) -> DayOfAction:
    """The one door to a day of action someone may change: 404 when there is none, 403 when
    they are neither its organiser nor a moderator."""
    day = get_object_or_404(DayOfAction.objects.select_related("organisation"), slug=slug)
    if not user_can_manage_day_of_action(user, day):
        raise PermissionDenied
    return day


def day_of_action_counts(day: DayOfAction) -> dict[str, int]:
    """Its listed local events, the towns and countries they are in (kept in the cache until an
    event or a day of action changes), and the people coming."""
    events = event_listed_queryset().filter(day_of_action=day).exclude(status=EventStatus.CANCELLED)
    counts = dict(
        cached_under(
            f"day-of-action-counts:{day.pk}",
            names=("events",),
            build=lambda: events.aggregate(
                events=Count("id"),
                countries=Count("country", distinct=True, filter=~Q(country="")),
                cities=Count("locality", distinct=True, filter=~Q(locality="")),
            ),
        )
    )
    counts["rsvps"] = Rsvp.objects.filter(
        event__in=events.values("pk"), status=RsvpStatus.CONFIRMED
    ).count()
    return counts


def days_of_action_for_dispute(dispute) -> QuerySet[DayOfAction]:
    return day_of_action_public_queryset().filter(disputes=dispute)


def days_of_action_listed() -> tuple[list[DayOfAction], QuerySet[DayOfAction]]:
    """Days still to come, soonest first, and (to be paged) the ones that have passed, latest
    first; each with `event_count`, its local events still on the lists."""
    today = timezone.localdate()
    listed = Q(
        events__published_at__isnull=False,
        events__visibility=EventVisibility.PUBLIC,
        events__status__in=[EventStatus.SCHEDULED, EventStatus.POSTPONED],
    )
    days = day_of_action_public_queryset().annotate(event_count=Count("events", filter=listed))
    upcoming = list(days.filter(ends_on__gte=today).order_by("starts_on", "id"))
    return upcoming, days.filter(ends_on__lt=today).order_by("-starts_on", "-id")
