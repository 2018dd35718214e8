"""A fund is public only once a moderator has checked how to give, and again after that changes."""

import pytest
from django.urls import reverse

from picketline.core.audit import audit_entries_for
from picketline.moderation.models import ItemStatus
from picketline.moderation.services import item_approve, item_for_object, item_reject
from picketline.solidarity.funds.services import fund_create, fund_update
from picketline.solidarity.models import Fund
from tests.factories import login, make_coordinator, make_dispute

pytestmark = pytest.mark.django_db


def _add_fund(client, dispute, coordinator, **extra):
    login(client, coordinator)
    data = {
        "name": "Picket hardship fund",
        "kind": "hardship",
        "currency": "GBP",
        "target": "50,000",
        "donation_url": "https://example.org/give",
        "bank_details": "",
        **extra,
    }
    return client.post(reverse("solidarity:fund_add", kwargs={"slug": dispute.slug}), data)


def test_it_puts_a_new_fund_in_the_queue_and_keeps_it_private(client, moderator):
    dispute = make_dispute(title="Bin strike")
    coordinator = make_coordinator(dispute)

    response = _add_fund(client, dispute, coordinator)

    fund = Fund.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "solidarity:fund_manage", kwargs={"slug": dispute.slug, "pk": fund.pk}
    )
    assert fund.target_minor == 5_000_000 and fund.verified_at is None
    item = item_for_object(fund)
    assert item.kind == "fund" and item.status == ItemStatus.PENDING
    assert "Picket hardship fund" in item.summary
    client.logout()
    public = reverse("solidarity:fund_detail", kwargs={"slug": dispute.slug, "pk": fund.pk})
    assert client.get(public).status_code == 404
    assert "Picket hardship fund" not in client.get(dispute.get_absolute_url()).text
    actions = [entry.action for entry in audit_entries_for(fund)]
    assert "fund.created" in actions and "fund.submitted" in actions


def test_it_shows_the_fund_once_a_moderator_approves_it(client, moderator):
    dispute = make_dispute()
    _add_fund(client, dispute, make_coordinator(dispute))
    fund = Fund.objects.get()
    item = item_for_object(fund)

    login(client, moderator)
    page = client.get(reverse("moderation:item", kwargs={"pk": item.pk}))
    assert page.status_code == 200 and "https://example.org/give" in page.text
    response = client.post(
        reverse("moderation:approve", kwargs={"pk": item.pk}), {"version": item.version}
    )
    assert response.status_code in (302, 303)

    fund.refresh_from_db()
    assert fund.verified_at is not None and fund.verified_by == moderator
    client.logout()
    detail = client.get(
        reverse("solidarity:fund_detail", kwargs={"slug": dispute.slug, "pk": fund.pk})
    )
    assert detail.status_code == 200
    assert "https://example.org/give" in detail.text
    assert "Picket hardship fund" in client.get(dispute.get_absolute_url()).text
    assert "fund.approved" in [entry.action for entry in audit_entries_for(fund)]


def test_it_keeps_a_rejected_fund_hidden(client, moderator):
    dispute = make_dispute()
    fund = fund_create(
        dispute=dispute,
        user=make_coordinator(dispute),
        name="Dubious",
        kind="strike",
        currency="GBP",
        target_minor=None,
        donation_url="https://scam.example/",
        bank_details="",
    )
    item = item_for_object(fund)

    item_reject(item=item, version=item.version, user=moderator, reason="Not the union's link")

    fund.refresh_from_db()
    assert fund.verified_at is None
    url = reverse("solidarity:fund_detail", kwargs={"slug": dispute.slug, "pk": fund.pk})
    assert client.get(url).status_code == 404


def test_it_hides_the_fund_again_when_how_to_give_changes(client, moderator):
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    fund = fund_create(
        dispute=dispute,
        user=coordinator,
        name="Strike fund",
        kind="strike",
        currency="GBP",
        target_minor=None,
        donation_url="https://example.org/give",
        bank_details="",
    )
    item = item_for_object(fund)
    item_approve(item=item, version=item.version, user=moderator)

    fund_update(fund=fund, user=coordinator, name="Renamed strike fund")
    fund.refresh_from_db()
    assert fund.verified_at is not None, "a new name needs no new check"

    fund_update(fund=fund, user=coordinator, bank_details="Sort code 00-00-00, account 1234")

    fund.refresh_from_db()
    assert fund.verified_at is None and fund.verified_by is None
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING and item.decided_at is None
    url = reverse("solidarity:fund_detail", kwargs={"slug": dispute.slug, "pk": fund.pk})
    assert client.get(url).status_code == 404

    item_approve(item=item, version=item.version, user=moderator)
    fund.refresh_from_db()
    assert fund.verified_at is not None
    assert "Sort code 00-00-00" in client.get(url).text


def test_it_refuses_a_fund_that_says_not_how_to_give(client):
    dispute = make_dispute()

    response = _add_fund(client, dispute, make_coordinator(dispute), donation_url="")

    assert response.status_code == 400
    assert "donation link" in response.text
    assert not Fund.objects.exists()


def test_it_refuses_a_target_more_precise_than_the_currency(client):
    dispute = make_dispute()

    response = _add_fund(client, dispute, make_coordinator(dispute), currency="JPY", target="10.5")

    assert response.status_code == 400
    assert not Fund.objects.exists()
