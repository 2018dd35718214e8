"""Only a dispute's coordinators (its treasurers) and moderators reach a fund's manage pages:
anonymous visitors are sent to sign in; supporters and other disputes' coordinators get 403;
a fund, entry or pledge of another dispute is a 404 even for a coordinator."""

import datetime as dt

import pytest
from django.urls import reverse

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.services import fund_create, ledger_entry_record, pledge_create
from picketline.solidarity.models import LedgerEntry, Pledge
from tests.factories import login, make_coordinator, make_dispute, make_moderator, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
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
    item_approve(item=item, version=item.version, user=make_moderator())
    fund.refresh_from_db()
    entry = ledger_entry_record(
        fund=fund, date=dt.date(2026, 1, 5), kind="online", amount_minor=100, note="", user=None
    )
    pledge, _token = pledge_create(
        fund=fund, amount_minor=500, recurrence="once", name="Ada", email="ada@example.org"
    )
    other_dispute = make_dispute()
    return {
        "dispute": dispute,
        "fund": fund,
        "entry": entry,
        "pledge": pledge,
        "coordinator": coordinator,
        "other_coordinator": make_coordinator(other_dispute),
        "other_dispute": other_dispute,
    }


def _urls(w):
    slug, pk = w["dispute"].slug, w["fund"].pk
    return [
        ("get", reverse("solidarity:fund_add", kwargs={"slug": slug})),
        ("get", reverse("solidarity:fund_manage", kwargs={"slug": slug, "pk": pk})),
        ("get", reverse("solidarity:fund_entry_add", kwargs={"slug": slug, "pk": pk})),
        (
            "post",
            reverse(
                "solidarity:fund_entry_reverse",
                kwargs={"slug": slug, "pk": pk, "entry_id": w["entry"].pk},
            ),
        ),
        ("get", reverse("solidarity:fund_pledges", kwargs={"slug": slug, "pk": pk})),
        (
            "post",
            reverse(
                "solidarity:fund_pledge_received",
                kwargs={"slug": slug, "pk": pk, "pledge_id": w["pledge"].pk},
            ),
        ),
    ]


def _call(client, method, url):
    if method == "post":
        return client.post(url, {"reason": "Wrong", "kind": "online"})
    return client.get(url)


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    for method, url in _urls(world):
        response = _call(client, method, url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert LedgerEntry.objects.count() == 1
    assert Pledge.objects.get().status == "promised"


@pytest.mark.parametrize("role", ["supporter", "other_coordinator"])
def test_it_refuses_everyone_but_the_disputes_coordinators(client, world, role):
    user = make_user() if role == "supporter" else world["other_coordinator"]
    login(client, user)
    for method, url in _urls(world):
        assert _call(client, method, url).status_code == 403, url
    assert LedgerEntry.objects.count() == 1
    assert Pledge.objects.get().status == "promised"


@pytest.mark.parametrize("role", ["coordinator", "moderator"])
def test_it_lets_the_treasurers_and_moderators_in(client, world, role):
    user = world["coordinator"] if role == "coordinator" else make_moderator()
    login(client, user)
    for method, url in _urls(world):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_it_does_not_reach_a_fund_through_another_dispute(client, world):
    login(client, world["other_coordinator"])
    slug = world["other_dispute"].slug
    pk = world["fund"].pk
    for name, extra in [
        ("solidarity:fund_manage", {}),
        ("solidarity:fund_pledges", {}),
        ("solidarity:fund_entry_add", {}),
        ("solidarity:fund_entry_reverse", {"entry_id": world["entry"].pk}),
    ]:
        url = reverse(name, kwargs={"slug": slug, "pk": pk, **extra})
        assert client.get(url).status_code == 404, url
    url = reverse(
        "solidarity:fund_pledge_received",
        kwargs={"slug": slug, "pk": pk, "pledge_id": world["pledge"].pk},
    )
    assert client.post(url).status_code == 404
    assert Pledge.objects.get().status == "promised"


def test_it_asks_a_moderator_for_the_second_factor(client, world):
    moderator = make_moderator()
    client.force_login(moderator)
    url = reverse(
        "solidarity:fund_pledges", kwargs={"slug": world["dispute"].slug, "pk": world["fund"].pk}
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "ada@example.org" not in response.text
