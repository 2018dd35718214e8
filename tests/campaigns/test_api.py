"""`GET /api/v1/campaigns` and `GET /api/v1/campaigns/{slug}`: public reads with the common
demands and their translations, the matrix, the disputes each with its country; never a
coordinator; a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.helpers import body, problem, walk
from tests.campaigns.helpers import add_demand, adopt, dispute_in, join, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = make_campaign(title="Aurora car workers", sectors=["manufacturing"])
    berlin = dispute_in("DE", title="Berlin plant")
    valencia = dispute_in("ES", title="Valencia plant")
    join(campaign, berlin, valencia)
    pay = add_demand(campaign, "Equal pay", position=1, translations={"es": "Igualdad salarial"})
    jobs = add_demand(campaign, "Permanent jobs", position=2)
    for demand in (pay, jobs):
        adopt(campaign, berlin, demand, "won", date=dt.date(2026, 3, 2))
        adopt(campaign, valencia, demand, "raised", source_url="https://example.org/v")
    factories.make_day_of_action(title="Aurora day", disputes=[berlin, valencia])
    coordinator = factories.make_user(email="coordinator-sentinel@example.org")
    campaign.coordinators.add(coordinator)
    return campaign


def test_it_lists_campaigns(client, campaign):
    make_campaign(title="Hospital cleaners", status="won")
    items = body(client.get("/api/v1/campaigns"))["items"]
    assert [item["title"] for item in items] == ["Hospital cleaners", "Aurora car workers"]
    aurora = items[1]
    assert aurora["dispute_count"] == 2
    assert aurora["sectors"] == [{"code": "manufacturing", "label": "Manufacturing"}]
    assert aurora["links"]["self"] == f"http://testserver/api/v1/campaigns/{campaign.slug}"
    assert aurora["links"]["ics"].endswith(f"/campaigns/{campaign.slug}.ics")


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("status=won", ["Hospital cleaners"]),
        ("sector=manufacturing", ["Aurora car workers"]),
        ("country=de", ["Aurora car workers"]),
        ("q=aurora", ["Aurora car workers"]),
    ],
)
def test_it_filters(client, campaign, query, titles):
    make_campaign(title="Hospital cleaners", status="won")
    items = body(client.get(f"/api/v1/campaigns?{query}"))["items"]
    assert [item["title"] for item in items] == titles


def test_it_walks_every_page(client, campaign):
    for n in range(5):
        make_campaign(title=f"Campaign {n}")
    items = walk(client, "/api/v1/campaigns?limit=2")
    assert len(items) == len({item["id"] for item in items}) == 6


def test_it_refuses_bad_filters_with_a_problem(client):
    document = problem(client.get("/api/v1/campaigns?status=maybe&country=Spain"), 400)
    assert set(document["errors"]) >= {"status", "country"}


def test_it_shows_a_campaign_with_demands_matrix_and_countries(client, campaign):
    detail = body(client.get(f"/api/v1/campaigns/{campaign.slug}"))
    assert [(d["title"], d["country"]) for d in detail["disputes"]] == [
        ("Berlin plant", "DE"),
        ("Valencia plant", "ES"),
    ]
    pay, jobs = detail["demands"]
    assert jobs["translations"] == [
        {
            "language": "en",
            "language_name": "English",
            "direction": "ltr",
            "original": True,
            "text": "Permanent jobs",
        }
    ]
    assert [(t["language"], t["original"], t["text"]) for t in pay["translations"]] == [
        ("en", True, "Equal pay"),
        ("es", False, "Igualdad salarial"),
    ]
    assert (pay["text"], pay["language"], pay["fallback"]) == ("Equal pay", "en", False)
    assert len(detail["matrix"]) == 4
    berlin = detail["disputes"][0]["id"]
    assert {
        "dispute": berlin,
        "demand": pay["id"],
        "adopted": True,
        "status": "won",
        "date": "2026-03-02",
        "source_url": "",
    } in detail["matrix"]
    assert detail["level"] == {
        "reached": True,
        "countries": ["DE", "ES"],
        "actions": ["Aurora day"],
    }
    assert [a["title"] for a in detail["joint_actions"]] == ["Aurora day"]


def test_it_gives_demands_in_the_readers_language_or_says_it_falls_back(client, campaign):
    detail = body(
        client.get(f"/api/v1/campaigns/{campaign.slug}", headers={"accept-language": "es"})
    )
    pay, jobs = detail["demands"]
    assert (pay["text"], pay["language"], pay["fallback"]) == ("Igualdad salarial", "es", False)
    assert (jobs["text"], jobs["language"], jobs["fallback"]) == ("Permanent jobs", "en", True)


def test_it_never_shows_a_coordinator(client, campaign):
    for url in ("/api/v1/campaigns", f"/api/v1/campaigns/{campaign.slug}"):
        content = client.get(url).content.decode()
        assert "coordinator-sentinel" not in content
        assert "coordinator" not in content


def test_an_unknown_campaign_is_a_problem(client):
    problem(client.get("/api/v1/campaigns/nothing"), 404)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_answers_take_the_same_queries_however_large_the_campaign(client, campaign):
    detail = f"/api/v1/campaigns/{campaign.slug}"
    before = (_count(client, "/api/v1/campaigns"), _count(client, detail))
    disputes = [dispute_in(country) for country in ("FR", "BR", "GB", "DE")]
    join(campaign, *disputes)
    for n in range(3):
        add_demand(campaign, f"Demand {n}", position=n + 3, translations={"es": "x", "ar": "y"})
    # Every dispute adopts every demand, so the campaign stays one struggle as it grows.
    for dispute in campaign.disputes.all():
        for demand in campaign.demands.all():
            adopt(campaign, dispute, demand, "lost")
    for n in range(4):
        make_campaign(title=f"More {n}", sectors=["health", "education"])
    assert (_count(client, "/api/v1/campaigns"), _count(client, detail)) == before
