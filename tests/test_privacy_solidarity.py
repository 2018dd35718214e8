"""What people give when they send a message, pledge or join a picket line never reaches a
public output: the dispute page with every section, fund pages, dashboards, feeds and the API
are scanned for sentinels after all of it has happened."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from picketline.disputes import services
from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.services import fund_verify, ledger_entry_record, pledge_create
from picketline.solidarity.messages.services import message_send
from picketline.solidarity.models import Fund
from picketline.solidarity.pickets.services import signup_create
from tests import factories

pytestmark = pytest.mark.django_db

SENDER_EMAIL = "sentinel-sender@example.invalid"
PLEDGER_NAME = "Sentinelpledger Name"
PLEDGER_EMAIL = "sentinel-pledger@example.invalid"
VOLUNTEER_NAME = "Sentinelvolunteer Name"
VOLUNTEER_EMAIL = "sentinel-volunteer@example.invalid"
VOLUNTEER_PHONE = "+44 7700 900123"
TREASURER = "sentineltreasurer"
FORBIDDEN = [
    SENDER_EMAIL,
    PLEDGER_NAME,
    PLEDGER_EMAIL,
    VOLUNTEER_NAME,
    VOLUNTEER_EMAIL,
    VOLUNTEER_PHONE,
    TREASURER,
]


@pytest.fixture
def seeded(db):
    cache.clear()
    dispute = factories.make_dispute(title="Solidarity dispute")
    treasurer = factories.make_coordinator(dispute, username=TREASURER)
    moderator = factories.make_moderator()
    message = message_send(
        dispute=dispute,
        sender_name="Dockers",
        organisation_name="Port branch",
        country="FR",
        body="We are with you.",
        language="en",
        sender_email=SENDER_EMAIL,
        contact_consent=True,
    )
    item = item_for_object(message)
    item_approve(item=item, version=item.version, user=moderator)
    fund = Fund.objects.create(
        dispute=dispute,
        name="Strike fund",
        currency="GBP",
        target_minor=5_000_000,
        donation_url="https://union.example.org/give",
    )
    fund = fund_verify(fund=fund, user=moderator)
    ledger_entry_record(
        fund=fund,
        date=timezone.localdate(),
        kind="workplace",
        amount_minor=120_000,
        note="Canteen collection",
        user=treasurer,
    )
    pledge_create(
        fund=fund, amount_minor=2_000, recurrence="monthly", name=PLEDGER_NAME, email=PLEDGER_EMAIL
    )
    site = dispute.sites.get()
    start = timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=1)
    shift = services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=3), timezone="UTC"
    )
    signup_create(
        shift=shift,
        occurrence_starts_at=start,
        name=VOLUNTEER_NAME,
        email=VOLUNTEER_EMAIL,
        phone=VOLUNTEER_PHONE,
        party_size=3,
    )
    return {"dispute": dispute, "fund": fund}


def _public_urls(seeded) -> list[str]:
    dispute, fund = seeded["dispute"], seeded["fund"]
    return [
        dispute.get_absolute_url(),
        f"/disputes/{dispute.slug}/funds/{fund.pk}/",
        f"/disputes/{dispute.slug}/solidarity/",
        f"/disputes/{dispute.slug}/messages/thanks/",
        "/solidarity/",
        "/disputes/",
        f"/disputes/{dispute.slug}.ics",
        "/disputes.ics",
        "/disputes.csv",
        "/disputes.geojson",
        "/disputes.atom",
        f"/api/v1/disputes/{dispute.pk}",
        "/api/v1/disputes",
    ]


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_output_shows_senders_pledgers_or_volunteers(client, seeded, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _body(client.get(seeded["dispute"].get_absolute_url()))
    # The scan would pass on an empty page: what is public is there.
    assert "We are with you." in page
    assert "Dockers" in page
    for url in _public_urls(seeded):
        response = client.get(url)
        assert response.status_code == 200, url
        body = _body(response)
        for sentinel in FORBIDDEN:
            assert sentinel not in body, f"{sentinel} leaked on {url} ({language})"


def test_the_api_answer_to_a_message_shows_no_email(client, seeded):
    response = client.post(
        f"/api/v1/disputes/{seeded['dispute'].pk}/messages",
        data=json.dumps(
            {
                "body": "From the bakers.",
                "country": "ES",
                "language": "es",
                "sender_email": SENDER_EMAIL,
                "contact_consent": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert SENDER_EMAIL not in response.content.decode()


def test_the_coordinator_does_see_them(client, seeded):
    """The scans above would pass if the details were lost; they are kept for those who may."""
    dispute, fund = seeded["dispute"], seeded["fund"]
    factories.login(client, dispute.coordinators.get())
    inbox = _body(client.get(f"/disputes/{dispute.slug}/manage/messages/"))
    pledges = _body(client.get(f"/disputes/{dispute.slug}/manage/funds/{fund.pk}/pledges/"))
    rota = _body(client.get(f"/disputes/{dispute.slug}/manage/rota/"))
    assert SENDER_EMAIL in inbox
    assert PLEDGER_EMAIL in pledges
    assert VOLUNTEER_EMAIL in rota and VOLUNTEER_PHONE in rota
