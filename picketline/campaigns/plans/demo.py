"""The demo campaign's strategic plan: an analysis, stakeholders of every kind with their
power and interest, goals, and an escalation plan of dated steps with who does what; the
analysis, the chart and the steps published, the goals kept for the committee.

Called by `demo_campaigns_load`; made once (a campaign that has a plan keeps it). Every name
here is fictional."""

import datetime as dt

from django.utils import timezone

from picketline.campaigns.plans.models import StrategicPlan
from picketline.campaigns.plans.services import plan_save

# (kind, name, notes, power, interest): one of every kind.
STAKEHOLDERS = (
    (
        "employer",
        "Aurora Motors' plant managers (demo)",
        "Each plant's manager answers to the "
        "group's operations board; Braunschweig's is the most open to talks.",
        4,
        1,
    ),
    (
        "parent",
        "Aurora Motors Group board (demo)",
        "Decides the electric switch; wants no noise before the shareholders' meeting.",
        5,
        1,
    ),
    (
        "shareholder",
        "Nordic pension fund (demo)",
        "Holds 4 %; has a responsible-investment policy that names freedom of association.",
        4,
        3,
    ),
    (
        "customer",
        "City bus fleets ordering Aurora vans (demo)",
        "Public buyers with social clauses in their tenders.",
        3,
        3,
    ),
    (
        "supplier",
        "Battery cell supplier (demo)",
        "Needs the new line on time; shares our interest in keeping the plants open.",
        3,
        4,
    ),
    (
        "regulator",
        "Labour inspectorates of the five countries (demo)",
        "Brazil's has opened a file on the Recife lockout.",
        3,
        2,
    ),
    (
        "politician",
        "Regional economy ministers (demo)",
        "Paid subsidies for the electric switch; can ask what jobs they bought.",
        4,
        3,
    ),
    (
        "media",
        "Business press and local papers (demo)",
        "Local papers cover every rally; the business press only the shareholders' meeting.",
        3,
        2,
    ),
    (
        "community",
        "Plant towns' residents' associations (demo)",
        "Fear the plants closing; ready to sign and march.",
        2,
        5,
    ),
    (
        "union",
        "Components workers' unions (demo)",
        "Same suppliers' park; asked to join the next day of action.",
        2,
        4,
    ),
    (
        "other",
        "Car workers' network in the region (demo)",
        "Shares research on the group's accounts.",
        2,
        5,
    ),
)

GOALS = (
    ("No plant closed in the switch to electric cars", "open"),
    ("One group-wide agreement on the four common demands", "open"),
    ("The agency workers in Braunschweig taken on", "partly"),
)

# (days from today, what, who (a name, or None for the coordinators' account), due in days,
# done)
STEPS = (
    (-30, "Write to the group board with the four demands", None, -35, True),
    (-7, "Global day of action at every plant gate", "Joint committee", -10, True),
    (7, "Letters to the pension fund's responsible-investment officer", "Ana Lima", 3, False),
    (14, "Briefing for the plant towns' councillors", "Thabo Nkosi", 10, False),
    (21, "Pickets at every plant on the day of the shareholders' meeting", None, 18, False),
    (35, "Question at the meeting from a shareholder who supports us", "Min-jun Park", 30, False),
)


def demo_plan_load(campaign, *, coordinator=None) -> bool:
    """Writes the demo plan of `campaign` unless it has one. Returns whether it did."""
    if StrategicPlan.objects.filter(campaign=campaign).exists():
        return False
    today = timezone.localdate()
    plan_save(
        owner=campaign,
        by=None,
        language="en",
        situation=(
            "The group is moving its five plants to electric cars over three years. The board "
            "has promised no closures in public but has not signed it anywhere; new lines go "
            "where the subsidies are largest and the unions weakest."
        ),
        weak_points=(
            "The shareholders' meeting in three weeks; public subsidies tied to jobs; a single "
            "battery supplier; a brand that sells itself as fair."
        ),
        strengths=(
            "Three plants have adopted every common demand and acted together; the paint and "
            "assembly shops can stop a line within an hour; the plant towns are with us."
        ),
        publish_analysis=True,
        publish_stakeholders=True,
        publish_goals=False,
        publish_steps=True,
        stakeholders=[
            {"kind": kind, "name": name, "notes": notes, "power": power, "interest": interest}
            for kind, name, notes, power, interest in STAKEHOLDERS
        ],
        goals=[{"text": text, "status": status} for text, status in GOALS],
        steps=[
            {
                "position": position,
                "date": today + dt.timedelta(days=days),
                "action": action,
                "assignee_name": who or ("" if coordinator else "Joint committee"),
                "assignee": coordinator if who is None else None,
                "due_on": today + dt.timedelta(days=due),
                "done": done,
            }
            for position, (days, action, who, due, done) in enumerate(STEPS, start=1)
        ],
    )
    return True
