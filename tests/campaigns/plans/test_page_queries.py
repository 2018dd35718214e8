"""The plan's page reads a fixed number of queries however long the plan and its history
are; the public pages pay nothing more for a published plan once it is built."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.campaigns.plans.services import plan_save
from tests import factories
from tests.campaigns.plans.helpers import campaign_with_coordinator

pytestmark = pytest.mark.django_db

# Signed in with two factors: 13 for the session, the user and the two-factor checks every
# coordinator's page pays; then the campaign, the coordinators' check, the plan, its
# stakeholders, goals and steps, and the list of versions.
PLAN_PAGE = 13 + 7


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def save(owner, size: int, *, by=None):
    plan_save(
        owner=owner,
        by=by,
        language="en",
        situation="Analysis",
        publish_analysis=True,
        publish_stakeholders=True,
        publish_goals=True,
        publish_steps=True,
        stakeholders=[
            {"kind": "other", "name": f"Body {n}", "power": 1 + n % 5, "interest": 1 + n % 3}
            for n in range(size)
        ],
        goals=[{"text": f"Goal {n}", "status": "open"} for n in range(size)],
        steps=[
            {
                "position": n + 1,
                "date": dt.date(2027, 1, 1) + dt.timedelta(days=n),
                "action": f"Step {n}",
                "assignee": by,
            }
            for n in range(size)
        ],
    )


def queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_plan_page_takes_the_same_queries_however_big_the_plan(client):
    campaign, user = campaign_with_coordinator()
    factories.login(client, user)
    url = f"/campaigns/{campaign.slug}/plan/"
    save(campaign, 2, by=user)
    small = queries(client, url)
    for _ in range(3):
        save(campaign, 25, by=user)
    assert (small, queries(client, url)) == (PLAN_PAGE, PLAN_PAGE)


def test_an_earlier_version_takes_no_more_than_the_plan(client):
    campaign, user = campaign_with_coordinator()
    factories.login(client, user)
    save(campaign, 25, by=user)
    save(campaign, 3, by=user)
    # The version's row (with its snapshot) stands for the plan's three lists.
    assert queries(client, f"/campaigns/{campaign.slug}/plan/versions/1/") == PLAN_PAGE - 2


def test_a_published_plan_costs_the_public_pages_no_query(client):
    campaign = campaign_with_coordinator()[0]
    dispute = factories.make_dispute()
    pages = [campaign.get_absolute_url(), dispute.get_absolute_url()]
    without = [queries(client, url) for url in pages]
    assert without[0] == 2  # as tests/test_public_page_queries.py pins it
    for owner in (campaign, dispute):
        save(owner, 2)
    small = [queries(client, url) for url in pages]
    assert "Body 1" in client.get(pages[0]).content.decode()
    for owner in (campaign, dispute):
        save(owner, 30)
    assert "Body 29" in client.get(pages[1]).content.decode()
    assert small == without
    assert [queries(client, url) for url in pages] == without
