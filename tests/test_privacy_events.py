"""What people give when they RSVP or host an event, and an event's online link, never reach a
public output: event and day-of-action pages, lists, the map, calendars, GeoJSON, the dispute
page and the API are scanned for sentinels in every language after all of it has happened."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from picketline.core.tokens import token_new
from picketline.events import services
from picketline.events.choices import EventMode, EventVisibility, RsvpStatus
from picketline.events.models import Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from picketline.moderation.services import item_approve, item_for_object
from tests import factories
from tests.events.manage.helpers import login as login_with_two_factors

pytestmark = pytest.mark.django_db

JOIN_URL = "https://sentinel-join.example.invalid/room-4417"
HOST_NAME = "Sentinelhost Name"
HOST_EMAIL = "sentinel-host@example.invalid"
GUEST_NAME = "Sentinelguest Name"
GUEST_EMAIL = "sentinel-guest@example.invalid"
WAITING_NAME = "Sentinelwaiting Name"
WAITING_EMAIL = "sentinel-waiting@example.invalid"
PENDING_EMAIL = "sentinel-pending@example.invalid"
ACCOUNT = "sentinelaccount"
ACCOUNT_EMAIL = "sentinel-account@example.invalid"
UNLISTED_TITLE = "Sentinelunlisted Meeting"
UNPUBLISHED_TITLE = "Sentinelunpublished Rally"
FORBIDDEN = [
    JOIN_URL,
    "room-4417",
    HOST_NAME,
    HOST_EMAIL,
    GUEST_NAME,
    GUEST_EMAIL,
    WAITING_NAME,
    WAITING_EMAIL,
    PENDING_EMAIL,
    ACCOUNT,
    ACCOUNT_EMAIL,
]
# Not to be listed anywhere; the unlisted one may be shown at its own address only.
UNLISTED = [UNLISTED_TITLE, UNPUBLISHED_TITLE]


def _confirm(event, *, name, email):
    result = rsvps.rsvp_create(event=event, name=name, email=email)
    raw, result.rsvp.confirm_token_hash = token_new()
    result.rsvp.save(update_fields=["confirm_token_hash"])
    return rsvps.rsvp_confirm(raw=raw)


@pytest.fixture
def seeded(db):
    cache.clear()
    dispute = factories.make_dispute(title="Events dispute")
    organiser = factories.make_user()
    day = factories.make_day_of_action(title="Day of action for privacy", disputes=[dispute])
    event = factories.make_event(
        title="Hybrid solidarity rally",
        organiser=organiser,
        capacity=2,
        mode=EventMode.HYBRID,
        join_url=JOIN_URL,
        day_of_action=day,
    )
    event.disputes.add(dispute)
    account = factories.make_user(username=ACCOUNT, email=ACCOUNT_EMAIL)
    rsvps.rsvp_create(event=event, user=account)
    guest = _confirm(event, name=GUEST_NAME, email=GUEST_EMAIL)
    waiting = _confirm(event, name=WAITING_NAME, email=WAITING_EMAIL)
    rsvps.rsvp_create(event=event, name="Someone", email=PENDING_EMAIL)
    assert guest.status == RsvpStatus.CONFIRMED and waiting.status == RsvpStatus.WAITLISTED

    hosted = services.event_create(
        title="Hosted local picket",
        day_of_action=day,
        organiser_name="Local support group",
        host_name=HOST_NAME,
        host_email=HOST_EMAIL,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone="Europe/Madrid",
        locality="Madrid",
        country="ES",
        latitude=40.4168,
        longitude=-3.7038,
    )
    item = item_for_object(hosted)
    item_approve(item=item, version=item.version, user=factories.make_moderator())
    factories.make_event(title=UNLISTED_TITLE, visibility=EventVisibility.UNLISTED)
    services.event_create(
        title=UNPUBLISHED_TITLE,
        day_of_action=day,
        organiser_name="Someone",
        host_name=HOST_NAME,
        host_email=HOST_EMAIL,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        locality="Leeds",
        country="GB",
        latitude=53.8,
        longitude=-1.55,
    )
    return {
        "dispute": dispute,
        "day": day,
        "event": event,
        "hosted": hosted,
        "waiting": waiting.rsvp,
        "guest": guest,
        "organiser": organiser,
    }


def _listing_urls(seeded) -> list[str]:
    day = seeded["day"]
    return [
        reverse("events:list"),
        reverse("events:list") + "?past=on",
        reverse("events:map"),
        reverse("events:feed_ics"),
        reverse("events:feed_ics") + f"?day={day.slug}",
        reverse("events:feed_geojson"),
        reverse("events:feed_geojson") + f"?day={day.slug}",
        reverse("events:days_of_action"),
        day.get_absolute_url(),
        seeded["dispute"].get_absolute_url(),
        "/api/v1/events",
        f"/api/v1/events?day={day.slug}",
    ]


def _page_urls(seeded) -> list[str]:
    event, hosted = seeded["event"], seeded["hosted"]
    return [
        event.get_absolute_url(),
        reverse("events:detail_ics", kwargs={"slug": event.slug}),
        hosted.get_absolute_url(),
        reverse("events:detail_ics", kwargs={"slug": hosted.slug}),
        f"/api/v1/events/{event.pk}",
        f"/api/v1/events/{hosted.pk}",
    ]


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _scan(client, urls, forbidden, language):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = _body(response)
        for sentinel in forbidden:
            assert sentinel not in body, f"{sentinel} leaked on {url} ({language})"


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_output_shows_attendees_hosts_or_join_links(client, seeded, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _body(client.get(seeded["event"].get_absolute_url()))
    # The scan would pass on an empty page: what is public is there.
    assert "Hybrid solidarity rally" in page and "Trades Club" in page
    listing = _body(client.get(f"/api/v1/events?day={seeded['day'].slug}"))
    assert "Hosted local picket" in listing
    _scan(client, _listing_urls(seeded), FORBIDDEN + UNLISTED, language)
    _scan(client, _page_urls(seeded), FORBIDDEN, language)


def test_people_without_a_place_do_not_see_the_join_link(client, seeded):
    event = seeded["event"]
    factories.login(client, factories.make_user())
    assert JOIN_URL not in _body(client.get(event.get_absolute_url()))
    waiting = seeded["waiting"]
    waiting_page = reverse("events:rsvp", kwargs={"token": rsvp_selectors.rsvp_token(waiting)})
    assert JOIN_URL not in _body(client.get(waiting_page))


def test_the_api_answer_to_an_rsvp_shows_no_email_or_link(client, seeded):
    response = client.post(
        f"/api/v1/events/{seeded['event'].pk}/rsvps",
        data=json.dumps({"name": "New person", "email": "new-sentinel@example.invalid"}),
        content_type="application/json",
    )
    assert response.status_code == 202
    body = response.content.decode()
    assert "new-sentinel@example.invalid" not in body and JOIN_URL not in body


def test_those_who_may_do_see_them(client, seeded):
    """The scans above would pass if the details were lost; they are kept for those who may."""
    event = seeded["event"]
    guest_page = reverse("events:rsvp", kwargs={"token": seeded["guest"].token})
    assert JOIN_URL in _body(client.get(guest_page))
    factories.make_totp_device(seeded["organiser"])
    login_with_two_factors(client, seeded["organiser"])
    attendees = _body(client.get(reverse("events:manage", kwargs={"slug": event.slug})))
    assert GUEST_EMAIL in attendees and WAITING_EMAIL in attendees
    assert JOIN_URL in _body(client.get(event.get_absolute_url()))
    assert Rsvp.objects.filter(email=GUEST_EMAIL).exists()
