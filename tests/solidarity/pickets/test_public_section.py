"""The dispute page: "12 people are coming to tomorrow's picket", and no one's contact."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from picketline.disputes import services as dispute_services
from picketline.disputes.models import PicketShift
from picketline.solidarity.pickets import services as services
from picketline.solidarity.pickets.selectors import occurrence_key
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _at_noon_in_days(dispute, days: int) -> PicketShift:
    """A shift at noon `days` from today on the site's clock, so "tomorrow" is unambiguous."""
    site = dispute.sites.get()
    zone = ZoneInfo(site.timezone)
    day = timezone.now().astimezone(zone).date() + dt.timedelta(days=days)
    start = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
    return dispute_services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=2), timezone=site.timezone
    )


def _sign_up(shift, **fields):
    fields = {"name": "Ada", "email": "ada@example.org", "phone": "07700 900123", **fields}
    return services.signup_create(shift=shift, occurrence_starts_at=shift.starts_at, **fields)


def test_it_says_how_many_people_are_coming_to_tomorrows_picket(client):
    dispute = make_dispute()
    shift = _at_noon_in_days(dispute, 1)
    _sign_up(shift, party_size=10)
    _sign_up(shift, party_size=2, name="Grace", email="grace@example.org")
    cancelled, _token = _sign_up(shift, party_size=5, name="Gone")
    services.signup_cancel(signup=cancelled)

    page = client.get(dispute.get_absolute_url())

    assert page.status_code == 200
    assert "12 people are coming to tomorrow's picket." in page.text
    join = reverse(
        "solidarity:picket_signup",
        kwargs={
            "slug": dispute.slug,
            "shift_id": shift.pk,
            "occurrence": occurrence_key(shift.starts_at),
        },
    )
    assert join in page.text


def test_it_says_one_person_in_the_singular_and_names_a_later_day(client):
    dispute = make_dispute()
    shift = _at_noon_in_days(dispute, 4)
    _sign_up(shift)

    page = client.get(dispute.get_absolute_url())

    assert "1 person is coming to the picket on" in page.text


def test_it_has_no_headline_when_nobody_signed_up(client):
    dispute = make_dispute(with_shift=True)

    page = client.get(dispute.get_absolute_url())

    assert "Join this picket" in page.text
    assert "coming to" not in page.text


def test_it_offers_no_sign_up_to_a_full_picket(client):
    dispute = make_dispute()
    shift = _at_noon_in_days(dispute, 2)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=2)
    shift.refresh_from_db()
    _sign_up(shift, party_size=2)

    page = client.get(dispute.get_absolute_url())

    assert "This picket has enough people; try another shift." in page.text
    assert "Join this picket" not in page.text


def test_it_shows_no_volunteers_name_or_contact_on_any_public_page(client):
    dispute = make_dispute()
    shift = _at_noon_in_days(dispute, 1)
    _signup, _token = _sign_up(
        shift, name="Zebedee Quill", email="zebedee@example.org", phone="+44 7700 900999"
    )
    signup_url = reverse(
        "solidarity:picket_signup",
        kwargs={
            "slug": dispute.slug,
            "shift_id": shift.pk,
            "occurrence": occurrence_key(shift.starts_at),
        },
    )

    for url in (
        dispute.get_absolute_url(),
        signup_url,
        f"/disputes/{dispute.slug}.ics",
        "/disputes.ics",
        "/disputes.geojson",
        "/disputes.csv",
        "/disputes.atom",
        f"/api/v1/disputes/{dispute.slug}",
    ):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for private in ("Zebedee", "zebedee@example.org", "900999"):
            assert private not in text, (url, private)
