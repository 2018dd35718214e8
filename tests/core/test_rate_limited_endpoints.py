"""Every public form and anonymous API write answers 429 past its scope's limit.

Each entry below is one way to write without an account. Adding a public write means adding
it here; test_rate_limit_scopes checks that every scope counted in the code is configured.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.services import fund_create
from picketline.solidarity.pickets.selectors import occurrence_key
from tests import factories
from tests.charters import helpers as charter_helpers
from tests.disputes.submissions import helpers as submission_helpers
from tests.events.days.helpers import host_url, online_data
from tests.solidarity.messages.helpers import send_url
from tests.solidarity.messages.helpers import valid_data as message_data

pytestmark = pytest.mark.django_db

SUBMISSION_JSON = {
    "employer": "Harbour Lane Warehouse",
    "place": "Leeds",
    "latitude": 53.7997,
    "longitude": -1.5492,
    "kind": "strike",
    "description": "Warehouse workers walked out over the heat inside.",
    "unions": ["Transport Workers' Union"],
    "demands": ["safety", "pay"],
    "sources": ["https://example.org/news/walkout"],
}
MESSAGE_JSON = {
    "body": "Solidarity from the dockers of Santos",
    "sender_name": "Ana",
    "country": "br",
    "language": "es",
}


def _json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _submission_form(client):
    return lambda: client.post(submission_helpers.ADD_URL, submission_helpers.valid_data())


def _submission_api(client):
    return lambda: _json(client, "/api/v1/submissions", SUBMISSION_JSON)


def _submission_answer(client):
    _submission, token = submission_helpers.make_submission()
    return lambda: client.post(f"/submissions/{token}/answer/", {"body": "The north gate."})


def _message_form(client):
    dispute = factories.make_dispute()
    return lambda: client.post(send_url(dispute), message_data())


def _message_api(client):
    dispute = factories.make_dispute()
    return lambda: _json(client, f"/api/v1/disputes/{dispute.slug}/messages", MESSAGE_JSON)


def _pledge(client):
    dispute = factories.make_dispute()
    fund = fund_create(
        dispute=dispute,
        user=factories.make_coordinator(dispute),
        name="Strike fund",
        kind="strike",
        currency="GBP",
        target_minor=None,
        donation_url="https://example.org/give",
        bank_details="",
    )
    item = item_for_object(fund)
    item_approve(item=item, version=item.version, user=factories.make_moderator())
    url = reverse("solidarity:fund_detail", kwargs={"slug": dispute.slug, "pk": fund.pk})
    data = {"amount": "25", "recurrence": "once", "name": "", "email": ""}
    return lambda: client.post(url, data)


def _picket_signup(client):
    dispute = factories.make_dispute(with_shift=True)
    shift = dispute.sites.get().shifts.get()
    url = reverse(
        "solidarity:picket_signup",
        kwargs={
            "slug": dispute.slug,
            "shift_id": shift.pk,
            "occurrence": occurrence_key(shift.starts_at),
        },
    )
    data = {"name": "Ada", "email": "ada@example.org", "phone": "", "party_size": "1"}
    return lambda: client.post(url, data)


def _delegation(client):
    dispute = factories.make_dispute()
    data = {"kind": "visited", "group_name": "Nurses' branch", "country": "IE"}
    return lambda: client.post(f"/disputes/{dispute.slug}/delegations/report/", data)


def _rsvp_form(client):
    event = factories.make_event()
    url = reverse("events:rsvp_create", kwargs={"slug": event.slug})
    return lambda: client.post(url, {"name": "Ada", "email": "ada@example.org", "website": ""})


def _rsvp_api(client):
    event = factories.make_event()
    return lambda: _json(client, f"/api/v1/events/{event.pk}/rsvps", {"name": "Ada"})


def _rsvp_confirm(client):
    url = reverse("events:rsvp_confirm", kwargs={"token": "a-link-from-an-email"})
    return lambda: client.post(url)


def _host(client):
    day = factories.make_day_of_action()
    return lambda: client.post(host_url(day), online_data(day))


def _endorse_form(client):
    charter = charter_helpers.make_charter()
    url = reverse("charters:endorse", kwargs={"slug": charter.slug})
    data = {"kind": "person", "name": "Ada", "email": "ada@example.org", "country": "FR"}
    return lambda: client.post(url, data)


def _endorse_api(client):
    charter = charter_helpers.make_charter()
    url = f"/api/v1/charters/{charter.slug}/endorsements"
    return lambda: _json(client, url, {"name": "Ada", "email": "ada@example.org", "country": "FR"})


def _endorse_confirm(client):
    url = reverse("charters:confirm", kwargs={"token": "a-link-from-an-email"})
    return lambda: client.post(url)


@dataclass(frozen=True)
class PublicWrite:
    name: str
    scope: str
    prepare: Callable  # (client) -> a function that sends one request


PUBLIC_WRITES = [
    PublicWrite("add a strike (form)", "submission", _submission_form),
    PublicWrite("add a strike (API)", "submission", _submission_api),
    PublicWrite("answer a moderator's question", "submission-answer", _submission_answer),
    PublicWrite("solidarity message (form)", "message", _message_form),
    PublicWrite("solidarity message (API)", "message", _message_api),
    PublicWrite("pledge to a fund", "pledge", _pledge),
    PublicWrite("sign up to a picket shift", "picket-signup", _picket_signup),
    PublicWrite("report a delegation", "delegation", _delegation),
    PublicWrite("RSVP (form)", "rsvp", _rsvp_form),
    PublicWrite("RSVP (API)", "rsvp", _rsvp_api),
    PublicWrite("confirm an RSVP", "rsvp-confirm", _rsvp_confirm),
    PublicWrite("host an event on a day of action", "host", _host),
    PublicWrite("endorse a charter (form)", "endorse", _endorse_form),
    PublicWrite("endorse a charter (API)", "endorse", _endorse_api),
    PublicWrite("confirm an endorsement", "endorse-confirm", _endorse_confirm),
]


@pytest.mark.parametrize("write", PUBLIC_WRITES, ids=[write.name for write in PUBLIC_WRITES])
def test_it_answers_429_past_the_limit(client, settings, write):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, write.scope: "2/hour"}
    send = write.prepare(client)
    first, second = send(), send()
    assert first.status_code != 429 and second.status_code != 429, (first, second)
    refused = send()
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600


@pytest.mark.parametrize("write", PUBLIC_WRITES, ids=[write.name for write in PUBLIC_WRITES])
def test_its_limit_is_its_own_scope_s(client, settings, write):
    """A lower limit on every other scope changes nothing here."""
    others = {scope: "0/hour" for scope in settings.RATE_LIMITS if scope != write.scope}
    settings.RATE_LIMITS = {**others, write.scope: "1/hour"}
    send = write.prepare(client)
    assert send().status_code != 429
    assert send().status_code == 429
