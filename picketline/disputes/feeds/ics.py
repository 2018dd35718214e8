"""`/disputes.ics` and `/disputes/<slug>.ics`: strike actions and picket shifts as RFC 5545.

Every event is written in its own zone (DTSTART;TZID=Europe/London:…) with the VTIMEZONE it
needs, so a calendar shows a 06:00 picket at 06:00 local time on either side of a clock
change. Weekly shifts are expanded here rather than sent as RRULEs: each occurrence is one
event with a UID that stays the same as long as the shift does.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from picketline.core.http import site_host
from picketline.disputes.choices import ActionKind, Recurrence
from picketline.disputes.feeds.common import bad_filters_text, choice_labels, dispute_path_builder
from picketline.disputes.filtering import FilterError, filters_from_query
from picketline.disputes.models import PicketShift, Site, StrikeAction
from picketline.disputes.public import PUBLIC_SITE_FIELDS, public_location
from picketline.disputes.selectors import dispute_feed_search, dispute_public_queryset
from picketline.disputes.shifts import shift_occurrences

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Calendars look back a month (what just happened) and ahead a year.
WINDOW_BEFORE = dt.timedelta(days=30)
WINDOW_AFTER = dt.timedelta(days=365)

_DISPUTE_FIELDS = ("dispute__id", "dispute__slug", "dispute__title", "dispute__sensitive")


@require_safe
def disputes_ics(request: HttpRequest) -> HttpResponse:
    try:
        filters = filters_from_query(request.GET)
    except FilterError as error:
        return bad_filters_text(error)
    dispute_ids = dispute_feed_search(filters=filters).order_by().values("pk")
    calendar = build_calendar(
        request=request, dispute_ids=dispute_ids, name=_("Picketline: strikes and pickets")
    )
    return HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)


@require_safe
def dispute_ics(request: HttpRequest, slug: str) -> HttpResponse:
    disputes = dispute_public_queryset().prefetch_related(None).only("id", "slug", "title")
    dispute = get_object_or_404(disputes, slug=slug)
    calendar = build_calendar(request=request, dispute_ids=[dispute.pk], name=dispute.title)
    return HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)


def build_calendar(
    *, request: HttpRequest, dispute_ids, name: str, now: dt.datetime | None = None
) -> Calendar:
    """A calendar of the actions and shift occurrences of these disputes in the window.

    `dispute_ids` is a list or a `values("pk")` subquery; the cost is three queries either way.
    """
    now = now or timezone.now()
    start, end = now - WINDOW_BEFORE, now + WINDOW_AFTER
    host = site_host()
    path_for = dispute_path_builder()
    action_labels = choice_labels(ActionKind)
    calendar = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Disputes//EN",
        name=name,
        uid=f"calendar@{host}",
        method="PUBLISH",
    )
    for action in _actions(dispute_ids, start, end):
        dispute = action.dispute
        zone = ZoneInfo(action.timezone)
        places = [public_location(s, sensitive=dispute.sensitive) for s in dispute.sites.all()]
        calendar.add_component(
            Event.new(
                uid=f"action-{action.pk}@{host}",
                stamp=action.updated_at,
                start=action.starts_at.astimezone(zone),
                end=action.ends_at.astimezone(zone),
                summary=_("%(kind)s: %(title)s")
                % {"kind": action_labels.get(action.kind, action.kind), "title": dispute.title},
                location="; ".join(place for place in places if place) or None,
                url=request.build_absolute_uri(path_for(dispute.slug)),
                description=action.note or None,
            )
        )
    for shift in _shifts(dispute_ids, start, end):
        dispute = shift.site.dispute
        first_day = shift.starts_at.astimezone(ZoneInfo(shift.timezone)).date()
        for occurrence in shift_occurrences(shift, after=start, before=end):
            number = (occurrence.starts_at.date() - first_day).days // 7
            calendar.add_component(
                Event.new(
                    uid=f"shift-{shift.pk}-{number}@{host}",
                    stamp=shift.updated_at,
                    start=occurrence.starts_at,
                    end=occurrence.ends_at,
                    summary=_("Picket line: %(title)s") % {"title": dispute.title},
                    location=public_location(shift.site, sensitive=dispute.sensitive) or None,
                    url=request.build_absolute_uri(path_for(dispute.slug)),
                    description=shift.notes or None,
                )
            )
    # Each zone's rules only for the years the events span keep the file small.
    calendar.add_missing_timezones(
        first_date=(start - dt.timedelta(days=366)).date(),
        last_date=(end + dt.timedelta(days=366)).date(),
    )
    return calendar


def _actions(dispute_ids, start: dt.datetime, end: dt.datetime) -> QuerySet[StrikeAction]:
    return (
        StrikeAction.objects.filter(dispute__in=dispute_ids, ends_at__gt=start, starts_at__lt=end)
        .select_related("dispute")
        .only(
            "id", "kind", "starts_at", "ends_at", "timezone", "note", "updated_at", *_DISPUTE_FIELDS
        )
        .prefetch_related(
            Prefetch("dispute__sites", queryset=Site.objects.only(*PUBLIC_SITE_FIELDS))
        )
        .order_by("starts_at", "id")
    )


def _shifts(dispute_ids, start: dt.datetime, end: dt.datetime) -> QuerySet[PicketShift]:
    reaches_window = Q(ends_at__gt=start) | Q(
        recurrence=Recurrence.WEEKLY, repeat_until__gte=start.date()
    )
    return (
        PicketShift.objects.filter(reaches_window, site__dispute__in=dispute_ids, starts_at__lt=end)
        .select_related("site", "site__dispute")
        .only(
            "id",
            "starts_at",
            "ends_at",
            "timezone",
            "notes",
            "recurrence",
            "repeat_until",
            "updated_at",
            *(f"site__{name}" for name in PUBLIC_SITE_FIELDS),
            *(f"site__{name}" for name in _DISPUTE_FIELDS),
        )
        .order_by("starts_at", "id")
    )
