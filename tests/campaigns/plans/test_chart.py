"""The power/interest chart is an SVG drawn on the server: each stakeholder's dot sits by its
power (up) and interest (right), and a table beside it gives the same data."""

import re

import pytest

from picketline.campaigns.plans.selectors import (
    CHART_MARGIN,
    CHART_SIZE,
    SPREAD,
    chart_position,
    stakeholder_chart,
)
from tests import factories
from tests.campaigns.plans.helpers import campaign_with_coordinator, whole_plan

CELL = (CHART_SIZE - 2 * CHART_MARGIN) / 5


def row(name, power, interest, kind="other"):
    return {"kind": kind, "name": name, "power": power, "interest": interest}


def test_it_places_the_corners_of_the_grid():
    # 420 units, 50 of margin, five squares of 64.
    assert chart_position(power=1, interest=1) == (82.0, 338.0)
    assert chart_position(power=5, interest=5) == (338.0, 82.0)
    assert chart_position(power=5, interest=1) == (82.0, 82.0)
    assert chart_position(power=1, interest=5) == (338.0, 338.0)


def test_more_power_is_higher_and_more_interest_further_right():
    chart = stakeholder_chart([row("Weak ally", 1, 5), row("Strong foe", 5, 1), row("Mid", 3, 3)])
    weak, strong, mid = chart.points
    assert strong.y < mid.y < weak.y
    assert strong.x < mid.x < weak.x
    assert (mid.x, mid.y) == (CHART_MARGIN + 2.5 * CELL, CHART_SIZE - CHART_MARGIN - 2.5 * CELL)


def test_stakeholders_on_one_square_sit_side_by_side_and_numbered():
    chart = stakeholder_chart([row("One", 4, 2), row("Two", 4, 2), row("Alone", 1, 1)])
    one, two, alone = chart.points
    x, y = chart_position(power=4, interest=2)
    assert (one.x, two.x) == (x - SPREAD / 2, x + SPREAD / 2)
    assert one.y == two.y == y
    assert [point.number for point in chart.points] == [1, 2, 3]
    assert (alone.x, alone.y) == chart_position(power=1, interest=1)


def test_more_than_a_row_on_one_square_go_in_rows():
    chart = stakeholder_chart([row(f"Body {n}", 3, 3) for n in range(5)])
    x, y = chart_position(power=3, interest=3)
    assert [(p.x, p.y) for p in chart.points] == [
        (x - SPREAD, y - SPREAD / 2),
        (x, y - SPREAD / 2),
        (x + SPREAD, y - SPREAD / 2),
        (x - SPREAD / 2, y + SPREAD / 2),
        (x + SPREAD / 2, y + SPREAD / 2),
    ]


@pytest.mark.django_db
def test_the_page_draws_each_dot_where_it_belongs_and_tables_the_same_data(client):
    campaign, user = campaign_with_coordinator()
    whole_plan(campaign, by=user)  # Aurora Motors: power 5, interest 1; Daily Courier: 3, 4
    factories.login(client, user)
    body = client.get(f"/campaigns/{campaign.slug}/plan/").content.decode()
    dots = re.findall(
        r'<circle cx="([\d.]+)" cy="([\d.]+)" r="9" data-power="(\d)" data-interest="(\d)">'
        r"<title>\d+\. ([^<(]+) \(",
        body,
    )
    assert [(float(x), float(y), name.strip()) for x, y, _p, _i, name in dots] == [
        (82.0, 82.0, "Aurora Motors"),
        (274.0, 210.0, "Daily Courier"),
    ]
    assert 'role="img"' in body and "<desc" in body
    assert re.search(
        r'<th scope="row" dir="auto">Aurora Motors</th><td>The employer</td><td>5</td><td>1</td>',
        body,
    )


@pytest.mark.django_db
def test_the_chart_keeps_its_numbers_in_a_language_with_a_decimal_comma(client):
    campaign, user = campaign_with_coordinator()
    whole_plan(
        campaign, by=user, stakeholders=[row("Un", 4, 2), row("Deux", 4, 2), row("Trois", 4, 2)]
    )
    factories.login(client, user)
    body = client.get(
        f"/campaigns/{campaign.slug}/plan/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert 'cx="126.0"' in body and 'cx="146.0"' in body and 'cx="166.0"' in body
    assert not re.search(r'c[xy]="\d+,\d', body)
