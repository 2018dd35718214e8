"""The coordinators' dashboard lists the dispute's funds, checked or not, with a way to add one;
the public dispute page shows only checked funds, in a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.services import fund_create
from tests.factories import login, make_coordinator, make_dispute, make_moderator

pytestmark = pytest.mark.django_db


def _fund(dispute, user, name):
    return fund_create(
        dispute=dispute,
        user=user,
        name=name,
        kind="strike",
        currency="GBP",
        target_minor=10_000,
        donation_url="https://example.org/give",
        bank_details="",
    )


def test_it_lists_funds_on_the_dashboard(client):
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    _fund(dispute, coordinator, "Waiting fund")
    login(client, coordinator)

    page = client.get(reverse("manage:dispute", kwargs={"slug": dispute.slug}))

    assert page.status_code == 200
    assert "Waiting fund" in page.text and "not public yet" in page.text
    assert reverse("solidarity:fund_add", kwargs={"slug": dispute.slug}) in page.text


def test_it_shows_checked_funds_publicly_in_few_queries(client):
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    moderator = make_moderator()
    for n in range(3):
        fund = _fund(dispute, coordinator, f"Checked fund {n}")
        item = item_for_object(fund)
        item_approve(item=item, version=item.version, user=moderator)
    _fund(dispute, coordinator, "Unchecked fund")
    client.get(dispute.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        page = client.get(dispute.get_absolute_url())
    fund_queries = [q for q in queries.captured_queries if "solidarity_fund" in q["sql"]]
    assert len(fund_queries) <= 2
    assert "Checked fund 2" in page.text and "Unchecked fund" not in page.text
    assert page.text.count("<progress") == 3
