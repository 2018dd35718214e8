"""Two coordinators editing the plan at once never silently overwrite each other: the page
carries the version it was opened at, and a save from an older one is refused (409), stores
nothing, and shows the page again with what they typed beside the plan as the other saved
it; saving again from there, now knowing, goes through."""

import pytest

from picketline.campaigns.plans.models import PlanVersion, StrategicPlan
from picketline.campaigns.plans.services import plan_save
from picketline.core.conflicts import EditConflict
from picketline.core.models import AuditEntry
from tests import factories
from tests.campaigns.plans.helpers import campaign_with_coordinator, coordinator_of, edit_post

pytestmark = pytest.mark.django_db

REFUSED = "Someone else saved this plan after you opened it."


@pytest.fixture
def two_coordinators():
    campaign, ana = campaign_with_coordinator()
    ben = coordinator_of(campaign, username="ben")
    return campaign, ana, ben


def edit_url(campaign):
    return f"/campaigns/{campaign.slug}/plan/edit/"


def _opened_at(client, campaign) -> int:
    """The version the edit page carries, as the browser would send it back."""
    page = client.get(edit_url(campaign)).content.decode()
    field = page.split('name="version"')[1].split(">")[0]
    return int(field.split('value="')[1].split('"')[0])


def _stored(campaign):
    plan = StrategicPlan.objects.get(campaign=campaign)
    return (
        plan.version,
        plan.situation,
        list(plan.stakeholders.values_list("name", flat=True)),
        list(plan.goals.values_list("text", flat=True)),
        list(plan.steps.values_list("action", flat=True)),
        PlanVersion.objects.filter(plan=plan).count(),
        AuditEntry.objects.filter(action__startswith="plan.").count(),
    )


def test_a_stale_save_is_refused_and_stores_nothing(client, two_coordinators):
    campaign, ana, ben = two_coordinators
    plan_save(owner=campaign, by=ana, language="en", situation="Five plants")
    factories.login(client, ben)
    opened = _opened_at(client, campaign)
    assert opened == 1
    # Ana saves while Ben's page is open: a stakeholder, a goal and a step of hers.
    plan_save(
        owner=campaign,
        by=ana,
        language="en",
        situation="Six plants",
        stakeholders=[{"kind": "media", "name": "Herald", "power": 3, "interest": 4}],
        goals=[{"text": "Recognition", "status": "open"}],
    )
    before = _stored(campaign)

    response = client.post(
        edit_url(campaign),
        edit_post(
            version=opened,
            situation="Five plants and a depot",
            stakeholders=[{"kind": "regulator", "name": "Inspectorate", "power": 4, "interest": 3}],
            goals=[],
            steps=[{"position": 1, "date": "2027-04-01", "action": "Rally"}],
        ),
    )

    assert response.status_code == 409
    assert (
        _stored(campaign)
        == before
        == (
            2,
            "Six plants",
            ["Herald"],
            ["Recognition"],
            [],
            2,
            2,
        )
    )
    page = response.content.decode()
    assert REFUSED in page and 'role="alert"' in page
    # Ana's changes are shown, with who saved them; Ben's own typing is still in the form.
    theirs = page.split('id="plan-theirs-heading"')[1].split('<form method="post"')[0]
    assert "Six plants" in theirs and "Herald" in theirs and "Recognition" in theirs
    assert "Version 2, saved" in theirs and ana.get_username() in theirs
    assert "Five plants and a depot</textarea>" in page
    assert 'value="Inspectorate"' in page
    assert "<title>Error:" in page

    # Having seen hers, he saves again from that page: now it goes through. The page's
    # formsets hold her rows as initial forms, as a browser sends them back.
    data = edit_post(
        version=2,
        situation="Six plants and a depot",
        stakeholders=[
            {"kind": "media", "name": "Herald", "power": 3, "interest": 4},
            {"kind": "regulator", "name": "Inspectorate", "power": 4, "interest": 3},
        ],
        goals=[{"text": "Recognition", "status": "open"}],
    )
    data |= {"stakeholders-INITIAL_FORMS": "1", "goals-INITIAL_FORMS": "1"}
    again = client.post(edit_url(campaign), data)
    assert again.status_code == 302
    assert _stored(campaign)[:4] == (
        3,
        "Six plants and a depot",
        ["Herald", "Inspectorate"],
        ["Recognition"],
    )


def test_the_refused_page_carries_the_version_it_now_shows(client, two_coordinators):
    campaign, ana, ben = two_coordinators
    plan_save(owner=campaign, by=ana, language="en", situation="First")
    plan_save(owner=campaign, by=ana, language="en", situation="Second")
    factories.login(client, ben)
    response = client.post(edit_url(campaign), edit_post(version=1, situation="Mine"))
    assert response.status_code == 409
    field = response.content.decode().split('name="version"')[1].split(">")[0]
    assert 'value="2"' in field


def test_two_first_drafts_at_once_make_one_plan_not_two_silent_ones(client, two_coordinators):
    campaign, ana, ben = two_coordinators
    factories.login(client, ben)
    assert _opened_at(client, campaign) == 0
    # Ana writes the first plan while Ben's empty page is open.
    plan_save(owner=campaign, by=ana, language="en", situation="Ana's draft")
    response = client.post(edit_url(campaign), edit_post(version=0, situation="Ben's draft"))
    assert response.status_code == 409
    assert _stored(campaign)[:2] == (1, "Ana's draft")


def test_the_service_refuses_a_stale_version_and_writes_nothing(two_coordinators):
    campaign, ana, _ben = two_coordinators
    plan_save(owner=campaign, by=ana, language="en", situation="Kept")
    before = _stored(campaign)
    with pytest.raises(EditConflict) as raised:
        plan_save(
            owner=campaign,
            by=ana,
            version=0,
            language="fa",
            situation="Lost",
            goals=[{"text": "Lost goal", "status": "open"}],
        )
    assert REFUSED in raised.value.message
    assert _stored(campaign) == before


def test_a_stale_version_for_a_plan_not_yet_written_makes_no_plan(two_coordinators):
    campaign, ana, _ben = two_coordinators
    with pytest.raises(EditConflict):
        plan_save(owner=campaign, by=ana, version=3, language="en", situation="Ghost")
    assert not StrategicPlan.objects.exists()
    assert not PlanVersion.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="plan.").exists()


def test_a_save_without_the_version_is_refused_as_bad_input(client, two_coordinators):
    campaign, ana, ben = two_coordinators
    plan_save(owner=campaign, by=ana, language="en", situation="Kept")
    factories.login(client, ben)
    data = edit_post(situation="No version")
    del data["version"]
    response = client.post(edit_url(campaign), data)
    assert response.status_code == 400
    assert _stored(campaign)[:2] == (1, "Kept")
