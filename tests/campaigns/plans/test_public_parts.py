"""What coordinators publish of a plan shows on the campaign's and the dispute's public pages
(the analysis, the chart without notes, the goals, the steps without who does them); what they
do not publish never does."""

import datetime as dt

import pytest

from picketline.campaigns.plans.services import plan_save
from tests import factories
from tests.campaigns.helpers import make_campaign

pytestmark = pytest.mark.django_db

NOTE = "Sentinel-note-7d1"
ASSIGNEE = "Sentinel-assignee-7d1"
SITUATION = "Sentinel-situation-7d1"
GOAL = "Sentinel-goal-7d1"
STEP = "Sentinel-step-7d1"
STAKEHOLDER = "Sentinel-stakeholder-7d1"
EVERYTHING = (NOTE, ASSIGNEE, SITUATION, GOAL, STEP, STAKEHOLDER)


def plan(owner, *, by=None, **published):
    return plan_save(
        owner=owner,
        by=by,
        language="en",
        situation=SITUATION,
        stakeholders=[
            {"kind": "shareholder", "name": STAKEHOLDER, "notes": NOTE, "power": 4, "interest": 2}
        ],
        goals=[{"text": GOAL, "status": "open"}],
        steps=[
            {"position": 1, "date": dt.date(2027, 6, 1), "action": STEP, "assignee_name": ASSIGNEE}
        ],
        **published,
    )


def public_pages(campaign, dispute):
    return [
        campaign.get_absolute_url(),
        f"/campaigns/{campaign.slug}.atom",
        f"/campaigns/{campaign.slug}.ics",
        f"/api/v1/campaigns/{campaign.slug}",
        "/campaigns/",
        dispute.get_absolute_url(),
        "/disputes.csv",
        "/disputes.geojson",
        f"/api/v1/disputes/{dispute.pk}",
    ]


@pytest.fixture
def owners():
    return make_campaign(title="Public plans"), factories.make_dispute(title="Public dispute")


def scan(client, campaign, dispute) -> dict[str, str]:
    bodies = {}
    for url in public_pages(campaign, dispute):
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = (
            b"".join(response).decode() if response.streaming else response.content.decode()
        )
    return bodies


def test_nothing_unpublished_ever_shows(client, owners):
    campaign, dispute = owners
    plan(campaign)
    plan(dispute)
    for url, body in scan(client, campaign, dispute).items():
        for sentinel in EVERYTHING:
            assert sentinel not in body, f"{sentinel} on {url}"
        assert "Our plan" not in body


@pytest.mark.parametrize("owner_index", [0, 1])
def test_published_parts_show_without_notes_or_assignees(client, owners, owner_index):
    campaign, dispute = owners
    owner = owners[owner_index]
    plan(
        owner,
        publish_analysis=True,
        publish_stakeholders=True,
        publish_goals=True,
        publish_steps=True,
    )
    page = client.get(owner.get_absolute_url()).content.decode()
    for shown in (SITUATION, STAKEHOLDER, GOAL, STEP):
        assert shown in page
    assert "<svg" in page and 'data-power="4" data-interest="2"' in page
    for url, body in scan(client, campaign, dispute).items():
        assert NOTE not in body, url
        assert ASSIGNEE not in body, url


def test_each_part_is_published_on_its_own(client, owners):
    campaign, _dispute = owners
    plan(campaign, publish_steps=True)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert STEP in page
    for hidden in (SITUATION, STAKEHOLDER, GOAL, NOTE, ASSIGNEE):
        assert hidden not in page


def test_a_new_save_shows_at_once_on_the_public_page(client, owners):
    campaign, _dispute = owners
    plan(campaign, publish_analysis=True)
    assert SITUATION in client.get(campaign.get_absolute_url()).content.decode()
    plan(campaign)  # unpublished again
    assert SITUATION not in client.get(campaign.get_absolute_url()).content.decode()
