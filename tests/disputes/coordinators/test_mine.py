"""Coordinators find their disputes: a list of their own, and a link on each public page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_only_the_disputes_a_user_coordinates(client):
    mine = factories.make_dispute(title="Depot strike")
    factories.make_dispute(title="Someone else's strike")
    coordinator = factories.make_coordinator(mine)
    factories.login(client, coordinator)
    page = client.get("/my/disputes/").text
    assert "Depot strike" in page and "Someone else&#x27;s strike" not in page
    assert f'href="/disputes/{mine.slug}/manage/"' in page


def test_it_says_so_when_there_are_none(client, supporter):
    factories.login(client, supporter)
    assert "You don't coordinate any dispute yet." in client.get("/my/disputes/").text


def test_the_public_page_links_to_managing_for_those_who_may(client):
    dispute = factories.make_dispute()
    link = f'href="/disputes/{dispute.slug}/manage/"'
    assert link not in client.get(dispute.get_absolute_url()).text
    factories.login(client, factories.make_user())
    assert link not in client.get(dispute.get_absolute_url()).text
    factories.login(client, factories.make_coordinator(dispute))
    assert link in client.get(dispute.get_absolute_url()).text
    factories.login(client, factories.make_moderator())
    assert link in client.get(dispute.get_absolute_url()).text


def test_the_link_costs_anonymous_visitors_no_query(client):
    dispute = factories.make_dispute(with_shift=True)
    url = dispute.get_absolute_url()
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not any("coordinators" in q["sql"] or "auth_group" in q["sql"] for q in queries)
