import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from picketline.events.choices import EventMode, EventStatus, RsvpStatus
from picketline.events.models import DayOfAction, Event, Rsvp
from picketline.events.selectors import event_listed_queryset
from picketline.solidarity.levels.selectors import solidarity_level

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return DayOfAction.objects.count(), Event.objects.count(), Rsvp.objects.count()


@pytest.fixture
def demo_loaded():
    call_command("demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_events", stdout=out)
    assert "Demo events loaded." in out.getvalue()
    return DayOfAction.objects.get(is_demo=True)


def test_running_it_twice_creates_nothing_new(demo_loaded):
    before = _counts()
    out = io.StringIO()
    call_command("demo_events", stdout=out)
    assert "already there" in out.getvalue()
    assert _counts() == before


def test_the_day_of_action_has_local_events_in_a_dozen_countries(demo_loaded):
    day = demo_loaded
    assert day.published_at is not None
    events = event_listed_queryset().filter(day_of_action=day)
    countries = set(events.exclude(country="").values_list("country", flat=True))
    assert len(countries) >= 12
    assert all(event.is_demo for event in Event.objects.all())
    assert day.disputes.filter(title="Northgate Buses drivers' pay strike").exists()
    assert solidarity_level(day.disputes.first()).level >= 3


def test_each_local_event_is_at_its_own_local_time(demo_loaded):
    for event in Event.objects.filter(day_of_action=demo_loaded).exclude(country=""):
        local = event.starts_at.astimezone(ZoneInfo(event.timezone))
        assert local.date() == demo_loaded.starts_on
        assert local.minute == 0


def test_it_shows_every_case_the_pages_handle(demo_loaded):
    events = Event.objects.filter(day_of_action=demo_loaded, published_at__isnull=False)
    assert {EventMode.IN_PERSON, EventMode.ONLINE, EventMode.HYBRID} <= set(
        events.values_list("mode", flat=True)
    )
    assert events.filter(mode=EventMode.ONLINE).exclude(join_url="").exists()
    assert events.filter(status=EventStatus.POSTPONED).count() == 1
    full = events.get(capacity=3)
    assert full.confirmed_count == 3
    waiting = full.rsvps.filter(status=RsvpStatus.WAITLISTED)
    assert waiting.count() == 2
    coordinated = Event.objects.filter(organisers__username="coordinator")
    assert coordinated.count() == 1
    assert Event.objects.filter(day_of_action=demo_loaded, published_at__isnull=True).exists()


def test_it_adds_two_events_of_their_own_one_for_a_dispute(demo_loaded):
    standalone = Event.objects.filter(day_of_action__isnull=True, published_at__isnull=False)
    assert standalone.count() == 2
    assert standalone.filter(disputes__isnull=False).count() == 1


def test_it_works_without_the_demo_disputes():
    call_command("demo_events", stdout=io.StringIO())
    day = DayOfAction.objects.get()
    assert not day.disputes.exists()
    assert Event.objects.filter(day_of_action=day).count() >= 12
