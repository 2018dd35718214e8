"""Every save keeps a version: who, when, which parts changed, and the whole plan, so the
plan's page lists them and shows an earlier one as it was."""

import pytest

from picketline.campaigns.plans.models import PlanVersion
from picketline.core.models import AuditEntry
from tests import factories
from tests.campaigns.plans.helpers import campaign_with_coordinator, whole_plan

pytestmark = pytest.mark.django_db


def test_each_save_keeps_a_version_with_who_and_what_changed():
    campaign, user = campaign_with_coordinator()
    plan = whole_plan(campaign, by=user)
    whole_plan(campaign, by=user, situation="A sixth plant joined")
    whole_plan(campaign, by=user, situation="A sixth plant joined", goals=[], publish_goals=True)
    whole_plan(campaign, by=user, situation="A sixth plant joined", goals=[], publish_goals=True)
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert [version.number for version in versions] == [1, 2, 3, 4]
    assert all(version.saved_by == user for version in versions)
    assert [version.changed for version in versions[1:]] == [
        ["analysis"],
        ["published", "goals"],
        [],
    ]
    plan.refresh_from_db()
    assert plan.version == 4
    assert list(
        AuditEntry.objects.filter(action__startswith="plan.")
        .order_by("id")
        .values_list("action", "data__version")
    ) == [("plan.created", 1), ("plan.saved", 2), ("plan.saved", 3), ("plan.saved", 4)]


def test_an_earlier_version_is_shown_as_it_was(client):
    campaign, user = campaign_with_coordinator()
    whole_plan(campaign, by=user, situation="Before the lockout")
    whole_plan(
        campaign,
        by=user,
        situation="After the lockout",
        stakeholders=[{"kind": "politician", "name": "Minister Reyes", "power": 4, "interest": 2}],
    )
    factories.login(client, user)
    old = client.get(f"/campaigns/{campaign.slug}/plan/versions/1/").content.decode()
    assert "Before the lockout" in old and "Aurora Motors" in old
    assert "After the lockout" not in old and "Minister Reyes" not in old
    current = client.get(f"/campaigns/{campaign.slug}/plan/").content.decode()
    assert "After the lockout" in current and "Minister Reyes" in current
    assert "Before the lockout" not in current
    assert f"/campaigns/{campaign.slug}/plan/versions/1/" in current
    assert user.get_username() in current


def test_a_version_that_does_not_exist_is_not_found(client):
    campaign, user = campaign_with_coordinator()
    whole_plan(campaign, by=user)
    factories.login(client, user)
    assert client.get(f"/campaigns/{campaign.slug}/plan/versions/7/").status_code == 404
