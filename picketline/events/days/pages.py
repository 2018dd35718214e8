"""What the pages of days of action show beyond a selector's answer: the days page's rows, a
day's page (its local events through the shared list filters, held to the day), and the host
form's page."""

from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import available_timezones

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone

from picketline.events import pages
from picketline.events.days import selectors
from picketline.events.days.models import DayOfAction


@dataclass(frozen=True)
class DayRow:
    day: DayOfAction
    events: int


def day_rows(days) -> list[DayRow]:
    return [DayRow(day=day, events=day.event_count) for day in days]


def day_query(query: QueryDict, day: DayOfAction) -> QueryDict:
    """The list filters, held to this day of action and including its events that are over."""
    query = query.copy()
    query["day"] = day.slug
    query["past"] = "on"
    return query


def day_page_context(request: HttpRequest, day: DayOfAction, filters, errors: dict) -> dict:
    return {
        "day": day,
        "counts": selectors.day_of_action_counts(day),
        "disputes": list(day.disputes.only("id", "title", "slug")),
        **pages.list_context(request, filters, errors),
        "geojson_url": pages.geojson_url(urlencode({"day": day.slug, "past": "on"})),
        **pages.tile_urls(urlencode({"day": day.slug, "past": "on"})),
        "calendar_url": f"{reverse('events:feed_ics')}?{urlencode({'day': day.slug})}",
        "host_url": pages.optional_url("events:host", slug=day.slug),
        "can_edit": selectors.user_can_manage_day_of_action(request.user, day),
        **pages.map_context(),
    }


def host_context(day: DayOfAction, form, **extra) -> dict:
    return {
        "day": day,
        "form": form,
        "is_over": day.ends_on < timezone.localdate(),
        "timezones": sorted(available_timezones()),
        **extra,
    }
