"""The rules a bug must not break are the database's: a plan has exactly one owner, power and
interest run from 1 to 5, a step goes to a name or to an account, a version number once."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from picketline.campaigns.plans.models import (
    EscalationStep,
    PlanVersion,
    Stakeholder,
    StrategicPlan,
)
from tests import factories
from tests.campaigns.helpers import make_campaign
from tests.campaigns.plans.helpers import whole_plan

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_it_refuses_a_plan_without_an_owner():
    refused(lambda: StrategicPlan.objects.create(language="en"))


def test_it_refuses_a_plan_of_a_campaign_and_a_dispute_at_once():
    campaign, dispute = make_campaign(), factories.make_dispute()
    refused(lambda: StrategicPlan.objects.create(campaign=campaign, dispute=dispute, language="en"))


def test_it_takes_a_plan_of_a_campaign_or_of_a_dispute():
    StrategicPlan.objects.create(campaign=make_campaign(), language="en")
    StrategicPlan.objects.create(dispute=factories.make_dispute(), language="en")
    assert StrategicPlan.objects.count() == 2


def test_an_owner_has_one_plan():
    campaign = make_campaign()
    StrategicPlan.objects.create(campaign=campaign, language="en")
    refused(lambda: StrategicPlan.objects.create(campaign=campaign, language="fr"))


@pytest.mark.parametrize(("power", "interest"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_power_and_interest_run_from_one_to_five(power, interest):
    plan = StrategicPlan.objects.create(campaign=make_campaign(), language="en")
    refused(
        lambda: Stakeholder.objects.create(
            plan=plan, kind="media", name="Courier", power=power, interest=interest
        )
    )
    Stakeholder.objects.create(plan=plan, kind="media", name="Courier", power=1, interest=5)
    Stakeholder.objects.create(plan=plan, kind="media", name="Herald", power=5, interest=1)


def test_it_refuses_an_unknown_kind_of_stakeholder():
    plan = StrategicPlan.objects.create(campaign=make_campaign(), language="en")
    refused(
        lambda: Stakeholder.objects.create(
            plan=plan, kind="astrologer", name="Mystic", power=1, interest=1
        )
    )


def test_a_step_goes_to_a_name_or_an_account_not_both():
    plan = StrategicPlan.objects.create(campaign=make_campaign(), language="en")
    refused(
        lambda: EscalationStep.objects.create(
            plan=plan,
            position=1,
            date=dt.date(2027, 1, 1),
            action="Picket",
            assignee_name="Ana",
            assignee=factories.make_user(),
        )
    )


def test_a_version_number_is_kept_once():
    plan = whole_plan(make_campaign())
    refused(lambda: PlanVersion.objects.create(plan=plan, number=1))
