"""A plan leaves as JSON (all of it), as a printable page and as a CSV of its action items."""

import csv
import datetime as dt
import io
import json

import pytest

from tests import factories
from tests.campaigns.plans.helpers import campaign_with_coordinator, whole_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    campaign, user = campaign_with_coordinator()
    whole_plan(
        campaign,
        by=user,
        steps=[
            {
                "position": 2,
                "date": dt.date(2027, 5, 1),
                "action": '=HYPERLINK("x")',
                "assignee": user,
                "done": True,
            },
            {
                "position": 1,
                "date": dt.date(2027, 4, 1),
                "action": "Leaflet",
                "assignee_name": "Ana",
                "due_on": dt.date(2027, 3, 30),
            },
        ],
    )
    factories.login(client, user)
    return client, campaign, user


def test_the_json_holds_the_whole_plan(signed_in):
    client, campaign, user = signed_in
    response = client.get(f"/campaigns/{campaign.slug}/plan/plan.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["campaign"] == {"slug": campaign.slug, "title": campaign.title}
    assert data["version"] == 1
    assert data["situation"] == "Plants in five countries"
    assert [row["name"] for row in data["stakeholders"]] == ["Aurora Motors", "Daily Courier"]
    assert data["stakeholders"][0]["notes"] == "Board meets monthly"
    assert [step["action"] for step in data["steps"]] == ["Leaflet", '=HYPERLINK("x")']
    assert data["steps"][1]["assignee"] == user.get_username()
    assert data["goals"] == [{"text": "Recognition in every plant", "status": "open"}]


def test_the_csv_lists_the_action_items_in_order_and_never_as_formulas(signed_in):
    client, campaign, user = signed_in
    response = client.get(f"/campaigns/{campaign.slug}/plan/actions.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["order", "date", "what", "who", "due", "done"],
        ["1", "2027-04-01", "Leaflet", "Ana", "2027-03-30", "no"],
        ["2", "2027-05-01", '\'=HYPERLINK("x")', user.get_username(), "", "yes"],
    ]


def test_the_printable_view_has_every_part_and_a_print_stylesheet(signed_in):
    client, campaign, _user = signed_in
    body = client.get(f"/campaigns/{campaign.slug}/plan/print/").content.decode()
    assert "page-plan-print" in body
    for text in (
        "Plants in five countries",
        "Aurora Motors",
        "Recognition in every plant",
        "Leaflet",
    ):
        assert text in body
    with open("picketline/static/css/site.css", encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert ".page-plan-print .site-header" in css


def test_exports_of_a_campaign_without_a_plan_are_not_found(client):
    campaign, user = campaign_with_coordinator()
    factories.login(client, user)
    assert client.get(f"/campaigns/{campaign.slug}/plan/plan.json").status_code == 404
    assert client.get(f"/campaigns/{campaign.slug}/plan/actions.csv").status_code == 404
    assert client.get(f"/campaigns/{campaign.slug}/plan/").status_code == 200
