"""Coordinators saving a plan at once, from separate connections: one plan is made, and every
save is a version of its own, numbered without a gap or a repeat."""

import pytest

from picketline.campaigns.plans.models import PlanVersion, StrategicPlan
from picketline.campaigns.plans.services import plan_save
from tests.campaigns.helpers import make_campaign
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_saves_at_once_make_one_plan_and_a_version_each():
    campaign = make_campaign()

    outcomes = race(
        [
            lambda n=n: plan_save(
                owner=campaign,
                by=None,
                language="en",
                situation=f"Draft {n}",
                goals=[{"text": f"Goal of draft {n}", "status": "open"}],
            )
            for n in range(6)
        ]
    )

    assert all(isinstance(outcome, StrategicPlan) for outcome in outcomes)
    plan = StrategicPlan.objects.get()
    assert plan.version == 6
    assert sorted(PlanVersion.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    # The plan is the last save, whole: its goal is the one of its own draft.
    assert plan.goals.get().text == f"Goal of {plan.situation.lower()}"
