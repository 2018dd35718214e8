"""Anyone may tell of a delegation; it shows, and counts, once a moderator agrees."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from picketline.moderation.models import ModerationItem
from picketline.moderation.services import item_approve, item_reject
from picketline.solidarity.levels.selectors import solidarity_level
from picketline.solidarity.models import Delegation
from tests.factories import make_dispute, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _report(client, dispute, **changes):
    data = {
        "kind": "visited",
        "date": timezone.localdate().isoformat(),
        "group_name": "Nurses' branch",
        "country": "IE",
        "description": "We came with coffee.",
        **changes,
    }
    return client.post(f"/disputes/{dispute.slug}/delegations/report/", data)


def test_it_waits_for_a_moderator_before_it_shows_or_counts(client):
    dispute = make_dispute()
    assert client.get(f"/disputes/{dispute.slug}/delegations/report/").status_code == 200

    response = _report(client, dispute)

    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.published_at is None
    assert "Nurses" not in client.get(dispute.get_absolute_url()).content.decode()
    assert solidarity_level(dispute).level == 0
    item = ModerationItem.objects.get(kind="delegation")
    item_approve(item=item, version=item.version, user=make_moderator())
    delegation.refresh_from_db()
    assert delegation.published_at is not None
    assert "Nurses" in client.get(dispute.get_absolute_url()).content.decode()
    assert solidarity_level(dispute).level == 2


def test_a_rejected_report_never_shows():
    dispute = make_dispute()
    from picketline.solidarity.delegations.services import delegation_report

    delegation_report(
        dispute=dispute, kind="online", date=timezone.localdate(), group_name="Spammers"
    )
    item = ModerationItem.objects.get(kind="delegation")
    item_reject(item=item, version=item.version, user=make_moderator(), reason="Not real")
    assert solidarity_level(dispute).level == 0
    assert not Delegation.objects.filter(published_at__isnull=False).exists()


@pytest.mark.parametrize(
    "changes",
    [{"kind": "teleported"}, {"date": "soon"}, {"group_name": ""}, {"country": "Ireland"}],
)
def test_bad_input_stores_nothing(client, changes):
    dispute = make_dispute()
    assert _report(client, dispute, **changes).status_code == 400
    assert not Delegation.objects.exists()


def test_the_honeypot_and_the_rate_limit_store_nothing(client, settings):
    dispute = make_dispute()
    assert _report(client, dispute, website="http://spam.example").status_code == 400
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "delegation": "1/hour"}
    assert _report(client, dispute).status_code == 302
    assert _report(client, dispute).status_code == 429
    assert Delegation.objects.count() == 1
