import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from picketline.disputes import services
from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db


def _next_clock_change(zone: ZoneInfo, *, after: dt.date) -> dt.date:
    day = after
    while True:
        before = dt.datetime.combine(day, dt.time(12), zone).utcoffset()
        day += dt.timedelta(days=1)
        if dt.datetime.combine(day, dt.time(12), zone).utcoffset() != before:
            return day


def test_it_finds_a_dispute_by_id_and_by_slug(client):
    dispute = factories.make_dispute(title="Refuse collectors")
    by_id = body(client.get(f"/api/v1/disputes/{dispute.pk}"))
    by_slug = body(client.get(f"/api/v1/disputes/{dispute.slug}"))
    assert by_id == by_slug
    assert by_id["title"] == "Refuse collectors"


def test_it_finds_a_dispute_whose_slug_is_a_number(client):
    dispute = factories.make_dispute(title="2026")
    assert dispute.slug == "2026"
    assert body(client.get("/api/v1/disputes/2026"))["id"] == dispute.pk


def test_it_includes_description_sources_and_actions(client):
    dispute = factories.make_dispute(description="Four weeks of action.", demands_other="Sick pay")
    services.source_create(
        dispute=dispute, url="https://union.example/news", kind="union", title="News"
    )
    zone = ZoneInfo("Europe/London")
    start = dt.datetime(2026, 12, 1, 0, 0, tzinfo=zone)
    services.action_create(
        dispute=dispute,
        starts_at=start,
        ends_at=start + dt.timedelta(days=1),
        timezone="Europe/London",
        note="First day",
    )
    detail = body(client.get(f"/api/v1/disputes/{dispute.pk}"))
    assert detail["description"] == "Four weeks of action."
    assert detail["demands_other"] == "Sick pay"
    assert detail["sources"] == [
        {"url": "https://union.example/news", "kind": "union", "title": "News"}
    ]
    [action] = detail["actions"]
    assert (action["kind"], action["kind_label"]) == ("strike_day", "Strike day")
    assert action["starts_at"] == "2026-12-01T00:00:00Z"
    assert action["timezone"] == "Europe/London"
    assert action["note"] == "First day"


def test_it_gives_upcoming_shifts_in_local_time_across_a_clock_change(client):
    dispute = factories.make_dispute(timezone_name="America/Chicago", city="Chicago", country="US")
    zone = ZoneInfo("America/Chicago")
    change = _next_clock_change(zone, after=timezone.now().date() + dt.timedelta(days=7))
    first = dt.datetime.combine(change - dt.timedelta(days=7), dt.time(6), zone)
    shift = services.shift_create(
        site=dispute.sites.get(),
        starts_at=first,
        ends_at=first + dt.timedelta(hours=3),
        timezone="America/Chicago",
        recurrence="weekly",
        repeat_until=change + dt.timedelta(days=7),
        notes="Coffee provided",
    )
    shifts = body(client.get(f"/api/v1/disputes/{dispute.pk}"))["upcoming_shifts"]
    assert len(shifts) == 3
    offsets = set()
    for item in shifts:
        assert item["shift_id"] == shift.pk
        assert item["timezone"] == "America/Chicago"
        assert (item["local_start_time"], item["local_end_time"]) == ("06:00", "09:00")
        starts = dt.datetime.fromisoformat(item["starts_at"])
        assert starts.strftime("%H:%M") == "06:00"
        assert item["local_date"] == starts.date().isoformat()
        offsets.add(starts.utcoffset())
        assert item["notes"] == "Coffee provided"
        assert item["repeats"] == "weekly"
        assert "Chicago" in item["location"]
    assert offsets == {dt.timedelta(hours=-6), dt.timedelta(hours=-5)}


def test_it_leaves_past_shifts_out(client):
    dispute = factories.make_dispute()
    past = timezone.now() - dt.timedelta(days=2)
    services.shift_create(
        site=dispute.sites.get(),
        starts_at=past,
        ends_at=past + dt.timedelta(hours=1),
        timezone="UTC",
    )
    assert body(client.get(f"/api/v1/disputes/{dispute.pk}"))["upcoming_shifts"] == []


def test_it_answers_an_unknown_dispute_with_a_problem(client):
    document = problem(client.get("/api/v1/disputes/no-such-thing"), 404)
    assert document["type"] == "urn:picketline:problem:not-found"
    assert "no-such-thing" in document["detail"]
    problem(client.get("/api/v1/disputes/999999"), 404)
