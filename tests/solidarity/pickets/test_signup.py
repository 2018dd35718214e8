"""Signing up to one occurrence of a picket shift from the dispute's page."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from picketline.disputes import services as dispute_services
from picketline.disputes.models import PicketShift
from picketline.solidarity.models import ShiftSignup
from picketline.solidarity.pickets.selectors import occurrence_key
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _shift(dispute) -> PicketShift:
    return PicketShift.objects.get(site__dispute=dispute)


def _url(dispute, shift, starts_at) -> str:
    return reverse(
        "solidarity:picket_signup",
        kwargs={
            "slug": dispute.slug,
            "shift_id": shift.pk,
            "occurrence": occurrence_key(starts_at),
        },
    )


def _form(**fields) -> dict:
    return {"name": "Ada", "email": "ada@example.org", "phone": "", "party_size": "2", **fields}


def test_it_signs_up_and_sends_a_calendar_invite_in_the_pickets_zone(client, send_now):
    dispute = make_dispute(with_shift=True, timezone_name="America/New_York", title="Diner strike")
    shift = _shift(dispute)

    page = client.get(_url(dispute, shift, shift.starts_at))
    assert page.status_code == 200
    assert "America/New_York" in page.text
    assert "only the strike committee sees them" in page.text

    with send_now():
        response = client.post(_url(dispute, shift, shift.starts_at), _form())

    assert response.status_code == 303
    signup = ShiftSignup.objects.get()
    assert (signup.name, signup.email, signup.party_size) == ("Ada", "ada@example.org", 2)
    assert signup.occurrence_starts_at == shift.starts_at
    done = client.get(response["Location"])
    assert done.status_code == 200 and done["Cache-Control"] == "private, no-store"
    assert "/cancel/" in done.text

    [email] = mail.outbox
    assert email.to == ["ada@example.org"]
    assert "Diner strike" in email.subject
    assert "/cancel/" in email.body
    [(filename, content, mimetype)] = email.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    start = event["DTSTART"]
    assert start.params["TZID"] == "America/New_York"
    local = shift.starts_at.astimezone(ZoneInfo("America/New_York"))
    assert start.dt.replace(tzinfo=None) == local.replace(tzinfo=None)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_it_signs_up_by_phone_alone_without_an_email(client, send_now):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)

    with send_now():
        response = client.post(
            _url(dispute, shift, shift.starts_at), _form(email="", phone="07700 900123")
        )

    assert response.status_code == 303
    assert ShiftSignup.objects.get().phone == "07700 900123"
    assert mail.outbox == []


def test_it_asks_for_an_email_or_a_phone(client):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)

    response = client.post(_url(dispute, shift, shift.starts_at), _form(email="", phone=""))

    assert response.status_code == 400
    assert "Give an email address or a phone number" in response.text
    assert not ShiftSignup.objects.exists()


@pytest.mark.parametrize("size", ["0", "51", "-1", "many"])
def test_it_refuses_a_party_size_out_of_bounds(client, size):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)

    response = client.post(_url(dispute, shift, shift.starts_at), _form(party_size=size))

    assert response.status_code == 400
    assert not ShiftSignup.objects.exists()


def test_it_accepts_fifty_people_at_once(client):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)

    response = client.post(_url(dispute, shift, shift.starts_at), _form(party_size="50"))

    assert response.status_code == 303
    assert ShiftSignup.objects.get().party_size == 50


def test_it_has_no_page_for_a_past_occurrence(client):
    dispute = make_dispute()
    site = dispute.sites.get()
    start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(days=2)
    shift = dispute_services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=2), timezone=site.timezone
    )

    assert client.get(_url(dispute, shift, start)).status_code == 404
    assert client.post(_url(dispute, shift, start), _form()).status_code == 404
    assert not ShiftSignup.objects.exists()


def test_it_has_no_page_for_a_time_the_shift_does_not_have(client):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)
    elsewhere = shift.starts_at + dt.timedelta(hours=1)

    assert client.post(_url(dispute, shift, elsewhere), _form()).status_code == 404
    bad = _url(dispute, shift, shift.starts_at).replace(occurrence_key(shift.starts_at), "soon")
    assert client.post(bad, _form()).status_code == 404
    assert not ShiftSignup.objects.exists()


def test_it_has_no_page_for_another_disputes_shift(client):
    dispute = make_dispute(with_shift=True)
    other = make_dispute(with_shift=True)
    shift = _shift(other)

    assert client.post(_url(dispute, shift, shift.starts_at), _form()).status_code == 404
    assert not ShiftSignup.objects.exists()


def test_it_signs_up_to_a_later_week_of_a_weekly_shift(client):
    dispute = make_dispute()
    site = dispute.sites.get()
    start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(days=1)
    shift = dispute_services.shift_create(
        site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        timezone=site.timezone,
        recurrence="weekly",
        repeat_until=(start + dt.timedelta(weeks=4)).date(),
    )
    local = start.astimezone(ZoneInfo(site.timezone)).replace(tzinfo=None)
    next_week = (local + dt.timedelta(weeks=1)).replace(tzinfo=ZoneInfo(site.timezone))

    assert client.post(_url(dispute, shift, start), _form()).status_code == 404
    response = client.post(_url(dispute, shift, next_week), _form())

    assert response.status_code == 303
    assert ShiftSignup.objects.get().occurrence_starts_at == next_week


def test_it_refuses_when_the_picket_has_enough_people(client):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=3)
    assert (
        client.post(_url(dispute, shift, shift.starts_at), _form(party_size="2")).status_code == 303
    )

    response = client.post(_url(dispute, shift, shift.starts_at), _form(party_size="2"))

    assert response.status_code == 409
    assert "This picket has enough people; try another shift." in response.text
    assert ShiftSignup.objects.count() == 1
    assert (
        client.post(_url(dispute, shift, shift.starts_at), _form(party_size="1")).status_code == 303
    )


def test_it_turns_robots_away_with_the_honeypot(client):
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)

    response = client.post(_url(dispute, shift, shift.starts_at), _form(website="http://spam"))

    assert response.status_code == 400
    assert not ShiftSignup.objects.exists()


def test_it_limits_how_often_one_address_signs_up(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "picket-signup": "1/hour"}
    dispute = make_dispute(with_shift=True)
    shift = _shift(dispute)
    assert client.post(_url(dispute, shift, shift.starts_at), _form()).status_code == 303

    response = client.post(_url(dispute, shift, shift.starts_at), _form())

    assert response.status_code == 429
    assert "Retry-After" in response
    assert ShiftSignup.objects.count() == 1
