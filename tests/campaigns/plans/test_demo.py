"""`picketline demo-campaigns` gives the demo campaign a strategic plan: stakeholders of every
kind, goals, dated steps with who does them, part of it published; once."""

import pytest
from django.core.management import call_command

from picketline.campaigns.models import Campaign
from picketline.campaigns.plans.models import PlanVersion, StakeholderKind, StrategicPlan
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_loads_the_plan_once_and_publishes_part_of_it(client):
    coordinator = factories.make_user(username="coordinator")
    call_command("demo_campaigns")
    call_command("demo_campaigns")
    plan = StrategicPlan.objects.get()
    campaign = Campaign.objects.get()
    assert plan.campaign == campaign and PlanVersion.objects.count() == 1
    assert set(plan.stakeholders.values_list("kind", flat=True)) == set(StakeholderKind.values)
    assert all(1 <= s.power <= 5 and 1 <= s.interest <= 5 for s in plan.stakeholders.all())
    assert plan.goals.count() == 3
    steps = list(plan.steps.order_by("position"))
    assert len(steps) == 6 and all(step.date and step.due_on for step in steps)
    assert {step.assignee for step in steps if step.assignee} == {coordinator}
    assert {step.assignee_name for step in steps if step.assignee_name} >= {"Ana Lima"}
    assert (plan.publish_analysis, plan.publish_stakeholders, plan.publish_steps) == (True,) * 3
    assert not plan.publish_goals
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Nordic pension fund (demo)" in page and "Ana Lima" not in page
    assert "responsible-investment policy" not in page  # a note


def test_a_campaign_loaded_before_plans_gets_its_plan():
    call_command("demo_campaigns")
    StrategicPlan.objects.all().delete()
    call_command("demo_campaigns")
    assert StrategicPlan.objects.count() == 1
