"""What the host-an-event tests share: a day of action and the form as a host fills it in."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from picketline.events.models import Event
from picketline.events.services import event_create
from picketline.moderation.models import ModerationItem
from picketline.moderation.services import item_for_object
from tests.factories import make_day_of_action


def host_url(day) -> str:
    return reverse("events:host", kwargs={"slug": day.slug})


def online_data(day, **changes) -> dict:
    """An online event: needs no gazetteer, since it has no town."""
    data = {
        "title": "Online teach-in on the bus strike",
        "description": "Drivers explain the dispute, then questions.",
        "language": "en",
        "date": day.starts_on.isoformat(),
        "start_time": "18:00",
        "end_time": "19:30",
        "timezone": "Europe/Madrid",
        "mode": "online",
        "venue": "",
        "address": "",
        "town": "",
        "country": "",
        "join_url": "https://meet.example.org/teach-in",
        "capacity": "",
        "organiser_name": "",
        "host_name": "Ana Host",
        "host_email": "Ana.Host@example.org",
        "consent": "on",
        "website": "",
    }
    return {**data, **changes}


def in_person_data(day, **changes) -> dict:
    data = online_data(
        day,
        title="Rally at the town hall",
        mode="in_person",
        timezone="",
        venue="Town hall steps",
        address="Victoria Square",
        town="Leeds",
        join_url="",
        capacity="40",
    )
    return {**data, **changes}


def hosted_event() -> Event:
    """A local event sent by someone without an account, waiting in the queue."""
    day = make_day_of_action(title="Day for the drivers")
    starts_at = timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
    return event_create(
        day_of_action=day,
        title="Rally at the depot",
        description="Bring banners.",
        organiser_name="Ana Host",
        host_name="Ana Host",
        host_email="ana@example.org",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        timezone="Europe/London",
        locality="Leeds",
        country="GB",
        latitude=53.8,
        longitude=-1.55,
    )


def moderation_item(obj) -> ModerationItem | None:
    return item_for_object(obj)


@pytest.fixture
def fresh_limits():
    cache.clear()
    yield
    cache.clear()
