"""Coordinators write the plan on one page: the analysis, what to publish, the stakeholders,
goals and steps. Each save goes through `plan_save` with an audit entry; bad input stores
nothing and says what is wrong."""

import pytest

from picketline.campaigns.plans.models import PlanVersion, StrategicPlan
from picketline.core.models import AuditEntry
from tests import factories
from tests.campaigns.plans.helpers import (
    campaign_with_coordinator,
    coordinator_of,
    edit_post,
    whole_plan,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    campaign, user = campaign_with_coordinator()
    return campaign, user


def edit_url(campaign):
    return f"/campaigns/{campaign.slug}/plan/edit/"


def test_it_writes_a_whole_plan(client, setting):
    campaign, user = setting
    factories.login(client, user)
    response = client.post(
        edit_url(campaign),
        edit_post(
            situation="Five plants",
            publish=("analysis",),
            stakeholders=[
                {"kind": "regulator", "name": "Labour inspectorate", "power": 4, "interest": 3}
            ],
            goals=[{"text": "A national agreement", "status": "open"}],
            steps=[
                {
                    "position": 1,
                    "date": "2027-04-01",
                    "action": "Rally",
                    "assignee": user.pk,
                    "due_on": "2027-03-25",
                }
            ],
        ),
    )
    assert response.status_code == 302
    plan = StrategicPlan.objects.get(campaign=campaign)
    assert plan.situation == "Five plants" and plan.publish_analysis
    assert not plan.publish_stakeholders
    assert list(plan.stakeholders.values_list("name", "power", "interest")) == [
        ("Labour inspectorate", 4, 3)
    ]
    step = plan.steps.get()
    assert step.assignee == user and str(step.due_on) == "2027-03-25"
    entry = AuditEntry.objects.get(action="plan.created")
    assert entry.user == user and entry.data["version"] == 1


def test_the_edit_page_shows_the_plan_as_it_is(client, setting):
    campaign, user = setting
    whole_plan(campaign)
    factories.login(client, user)
    body = client.get(edit_url(campaign)).content.decode()
    assert "Aurora Motors" in body and "Leaflet the shareholders" in body


def test_a_row_ticked_for_removal_goes(client, setting):
    campaign, user = setting
    plan = whole_plan(campaign)
    factories.login(client, user)
    client.post(
        edit_url(campaign),
        edit_post(
            version=plan.version,
            stakeholders=[
                {"kind": "media", "name": "Courier", "power": 2, "interest": 2},
                {"kind": "media", "name": "Herald", "power": 2, "interest": 2, "DELETE": True},
            ],
        ),
    )
    plan = StrategicPlan.objects.get(campaign=campaign)
    assert list(plan.stakeholders.values_list("name", flat=True)) == ["Courier"]


def _nothing_stored(campaign):
    assert not StrategicPlan.objects.filter(campaign=campaign).exists()
    assert not PlanVersion.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="plan.").exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"kind": "media", "name": "Courier", "power": 6, "interest": 2}, "Select a valid choice"),
        ({"kind": "media", "name": "Courier", "power": 0, "interest": 2}, "Select a valid choice"),
        ({"kind": "media", "name": "", "power": 2, "interest": 2}, "This field is required"),
        ({"kind": "wizard", "name": "Courier", "power": 2, "interest": 2}, "Select a valid choice"),
    ],
)
def test_a_bad_stakeholder_stores_nothing(client, setting, row, message):
    campaign, user = setting
    factories.login(client, user)
    response = client.post(edit_url(campaign), edit_post(situation="Kept?", stakeholders=[row]))
    assert response.status_code == 400
    assert message in response.content.decode()
    _nothing_stored(campaign)


def test_a_step_without_a_date_stores_nothing(client, setting):
    campaign, user = setting
    factories.login(client, user)
    response = client.post(
        edit_url(campaign), edit_post(steps=[{"position": 1, "action": "Rally"}])
    )
    assert response.status_code == 400
    _nothing_stored(campaign)


def test_a_step_for_a_name_and_an_account_at_once_stores_nothing(client, setting):
    campaign, user = setting
    factories.login(client, user)
    response = client.post(
        edit_url(campaign),
        edit_post(
            steps=[
                {
                    "position": 1,
                    "date": "2027-01-01",
                    "action": "Rally",
                    "assignee": user.pk,
                    "assignee_name": "Ana",
                }
            ]
        ),
    )
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    _nothing_stored(campaign)


def test_a_step_for_someone_who_is_not_a_coordinator_stores_nothing(client, setting):
    campaign, user = setting
    stranger = factories.make_user()
    factories.login(client, user)
    response = client.post(
        edit_url(campaign),
        edit_post(
            steps=[
                {"position": 1, "date": "2027-01-01", "action": "Rally", "assignee": stranger.pk}
            ]
        ),
    )
    assert response.status_code == 400
    _nothing_stored(campaign)


def test_the_service_refuses_what_the_form_would_have_refused(setting):
    from django.core.exceptions import ValidationError

    from picketline.campaigns.plans.services import plan_save

    campaign, user = setting
    with pytest.raises(ValidationError):
        plan_save(
            owner=campaign,
            by=user,
            language="en",
            stakeholders=[{"kind": "media", "name": "Courier", "power": 9, "interest": 1}],
        )
    with pytest.raises(ValidationError):
        plan_save(
            owner=campaign,
            by=user,
            language="en",
            steps=[{"position": 1, "action": "Rally"}],
        )
    _nothing_stored(campaign)


def test_a_dispute_coordinator_writes_the_disputes_plan(client):
    dispute = factories.make_dispute()
    user = coordinator_of(dispute)
    factories.login(client, user)
    response = client.post(
        f"/disputes/{dispute.slug}/manage/plan/edit/",
        edit_post(goals=[{"text": "Reinstate the sacked rep", "status": "open"}]),
    )
    assert response.status_code == 302
    assert StrategicPlan.objects.get(dispute=dispute).goals.get().text.startswith("Reinstate")


def test_the_disputes_coordinators_page_links_to_its_plan(client):
    dispute = factories.make_dispute()
    factories.login(client, factories.make_coordinator(dispute))
    body = client.get(f"/disputes/{dispute.slug}/manage/").content.decode()
    assert f"/disputes/{dispute.slug}/manage/plan/" in body
