"""Erasing one's account: asked for with the password and the second factor, confirmed by the
emailed link within the cooling-off time (or cancelled), rate-limited. Afterwards no table
holds anything the person gave, while dues ledgers, published messages and the audit log
stay without them."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from picketline.accounts.models import ErasureRequest
from picketline.campaigns.models import Campaign
from picketline.core.models import AuditEntry, OutboxEmail
from picketline.events.choices import RsvpStatus
from picketline.membership.dues.models import DuesEntry
from picketline.membership.members.models import Membership
from picketline.solidarity.messages.models import Message
from picketline.solidarity.models import Pledge
from tests import factories
from tests.accounts.own_data_seed import SENTINELS, seed_person, text_columns_holding

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/account/data/erase/([\w-]+)/")


def _ask(client, seeded, **overrides):
    data = {
        "password": factories.PASSWORD,
        "code": factories.totp_code(seeded["secret"]),
        **overrides,
    }
    return client.post("/account/data/erase/", data)


def _emailed_link() -> str:
    email = OutboxEmail.objects.filter(body__contains="/account/data/erase/").latest("pk")
    return LINK.search(email.body).group(0)


@pytest.fixture
def seeded(client, django_capture_on_commit_callbacks):
    seeded = seed_person()
    factories.login(client, seeded["user"])
    return seeded


def test_asking_erases_nothing_and_emails_a_link(
    client, seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, seeded)
    assert response.status_code == 303
    assert get_user_model().objects.filter(pk=seeded["user"].pk).exists()
    assert text_columns_holding(SENTINELS)  # all still there
    request = ErasureRequest.objects.get(user=seeded["user"])
    assert request.expires_at - request.requested_at == dt.timedelta(hours=72)
    page = client.get(_emailed_link())
    assert page.status_code == 200
    assert 'value="erase"' in page.content.decode() and 'value="cancel"' in page.content.decode()
    assert "We emailed you a link" in client.get("/account/data/").content.decode()


def test_following_the_link_leaves_no_sentinel_anywhere(
    client, seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, seeded)
    link = _emailed_link()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "erase"})
    assert response.status_code == 200
    assert "Your account is erased" in response.content.decode()

    assert text_columns_holding(SENTINELS) == []
    assert not get_user_model().objects.filter(pk=seeded["user"].pk).exists()
    # Signed out: the next page is a stranger's.
    assert client.get("/account/data/").status_code == 302


def test_records_that_must_stay_stay_without_the_person(
    client, seeded, django_capture_on_commit_callbacks
):
    entries_before = DuesEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, seeded)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_emailed_link(), {"action": "erase"})

    # Dues ledgers: every entry, under an anonymous reference.
    assert DuesEntry.objects.count() == entries_before
    member = Membership.objects.get(pk=seeded["member"].pk)
    assert member.status == "left" and member.name == "" and member.user is None
    assert member.email.endswith("@erased.invalid")
    assert member.dues_entries.get().amount_minor == 500
    # Someone else's membership is untouched.
    assert Membership.objects.get(pk=seeded["other_member"].pk).name == "Other Member"
    # The published message, without who sent it; the unpublished one is gone.
    published = Message.objects.get(pk=seeded["published"].pk)
    assert published.body == "Solidarity from the depot." and published.published_at
    assert (published.sender_name, published.organisation_name, published.sender_email) == (
        "",
        "",
        "",
    )
    assert not Message.objects.filter(pk=seeded["unpublished"].pk).exists()
    # The campaign they coordinated stays, without them.
    campaign = Campaign.objects.get(pk=seeded["campaign"].pk)
    assert not campaign.coordinators.exists()
    # The link they added to the campaign's library stays, without who added it.
    from picketline.resources.models import Resource

    added = Resource.objects.get(title="Rally video")
    assert added.campaign_id == campaign.pk and added.uploaded_by is None
    # A promised pledge is cancelled, so no reminder goes out.
    assert Pledge.objects.get().status == "cancelled"
    # Their seat went to the person waiting.
    seeded["waiting"].refresh_from_db()
    assert seeded["waiting"].status == RsvpStatus.CONFIRMED
    # The audit log keeps what happened, not who.
    erased = AuditEntry.objects.get(action="user.erased")
    assert erased.user is None and erased.object_id == str(seeded["user"].pk)
    assert AuditEntry.objects.filter(action="membership.erased").count() == 2
    assert AuditEntry.objects.filter(action="user.erasure_requested", user=None).exists()


def test_the_link_can_cancel_instead(client, seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, seeded)
    link = _emailed_link()
    response = client.post(link, {"action": "cancel"})
    assert "Nothing was erased" in response.content.decode()
    assert not ErasureRequest.objects.exists()
    assert client.post(link, {"action": "erase"}).status_code == 404
    assert get_user_model().objects.filter(pk=seeded["user"].pk).exists()


def test_the_data_page_can_cancel_it(client, seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, seeded)
    link = _emailed_link()
    assert client.post("/account/data/erase/cancel/").status_code == 303
    assert not ErasureRequest.objects.exists()
    assert client.post(link, {"action": "erase"}).status_code == 404
    assert AuditEntry.objects.filter(action="user.erasure_cancelled").exists()


def test_a_link_past_the_cooling_off_time_erases_nothing(
    client, seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, seeded)
    link = _emailed_link()
    now = timezone.now()
    ErasureRequest.objects.update(
        requested_at=now - dt.timedelta(hours=73), expires_at=now - dt.timedelta(seconds=1)
    )
    assert client.post(link, {"action": "erase"}).status_code == 404
    assert get_user_model().objects.filter(pk=seeded["user"].pk).exists()


def test_a_wrong_password_or_a_missing_code_asks_again_and_sends_nothing(client, seeded):
    response = _ask(client, seeded, password="not my password")
    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    response = _ask(client, seeded, code="")
    assert response.status_code == 400
    assert "Enter the code." in response.content.decode()
    assert not ErasureRequest.objects.exists()
    assert not OutboxEmail.objects.filter(body__contains="/account/data/erase/").exists()


def test_asking_is_rate_limited(client, seeded, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "erasure": "2/hour"}
    assert _ask(client, seeded, password="wrong").status_code == 400
    assert _ask(client, seeded, password="wrong").status_code == 400
    response = _ask(client, seeded)
    assert response.status_code == 429 and response["Retry-After"]
    assert not ErasureRequest.objects.exists()


def test_a_link_made_up_does_nothing(client, seeded):
    assert client.get("/account/data/erase/not-a-real-token/").status_code == 404
    assert (
        client.post("/account/data/erase/not-a-real-token/", {"action": "erase"}).status_code == 404
    )
