import datetime as dt

import pytest

from picketline.disputes import services
from tests import factories
from tests.api.helpers import body

pytestmark = pytest.mark.django_db

URL = "/api/v1/disputes"


def test_it_lists_disputes_with_their_public_fields(client):
    dispute = factories.make_dispute(
        title="Bus drivers' strike",
        employer="City Buses Ltd",
        union="Unite",
        demands=["pay", "hours"],
        workers_involved=450,
        sector="transport",
        authorised=True,
        verification="union",
    )
    page = body(client.get(URL))
    assert page["limit"] == 25
    assert page["next"] is None
    [item] = page["items"]
    assert item["id"] == dispute.pk
    assert item["slug"] == dispute.slug
    assert item["title"] == "Bus drivers' strike"
    assert (item["kind"], item["kind_label"]) == ("strike", "Strike")
    assert (item["status"], item["status_label"]) == ("active", "Active")
    assert (item["sector"], item["sector_label"]) == (
        "transport",
        "Transport, logistics and warehousing",
    )
    assert item["demands"] == [
        {"code": "hours", "label": "Working hours"},
        {"code": "pay", "label": "Pay"},
    ]
    assert item["workers_involved"] == 450
    assert item["authorised"] is True
    assert (item["verification"], item["verification_label"]) == ("union", "Union-verified")
    assert item["start_date"] == dispute.start_date.isoformat()
    employer = dispute.employers.get()
    assert item["employers"] == [
        {"id": employer.pk, "name": "City Buses Ltd", "slug": "city-buses-ltd"}
    ]
    assert [u["name"] for u in item["unions"]] == ["Unite"]
    [site] = item["sites"]
    assert site["name"].startswith("Main gate")
    assert (site["city"], site["country"], site["timezone"]) == ("Leeds", "GB", "Europe/London")
    assert (site["latitude"], site["longitude"]) == (53.7965, -1.5478)
    assert item["links"] == {
        "self": f"http://testserver/api/v1/disputes/{dispute.pk}",
        "html": f"http://testserver{dispute.get_absolute_url()}",
        "calendar": f"http://testserver/disputes/{dispute.slug}.ics",
    }


def test_it_lists_newest_first_by_default(client):
    first = factories.make_dispute(title="First")
    second = factories.make_dispute(title="Second")
    assert [i["id"] for i in body(client.get(URL))["items"]] == [second.pk, first.pk]


def test_it_lists_announced_and_active_disputes_without_a_status(client):
    for status in ("balloting", "announced", "active", "suspended", "ended"):
        factories.make_dispute(status=status)
    items = body(client.get(URL))["items"]
    assert sorted(item["status"] for item in items) == ["active", "announced"]
    every = body(client.get(URL, {"status": "balloting,announced,active,suspended,ended"}))
    assert len(every["items"]) == 5


def test_it_honours_every_list_filter(client):
    unite = factories.make_organisation(name="Unite", kind="union")
    wanted = factories.make_dispute(
        title="Hospital porters",
        union=unite,
        employer="NHS Trust",
        kind="strike",
        status="announced",
        sector="health",
        demands=["staffing"],
        country="GB",
    )
    factories.make_dispute(title="Hospital cleaners", kind="walkout", sector="health")
    factories.make_dispute(title="Port workers", country="ES", city="Bilbao")
    queries = [
        "kind=strike&sector=health",
        "status=announced",
        "demand=staffing",
        f"union={unite.slug}",
        f"union={unite.pk}",
        "employer=NHS Trust",
        "q=porters",
        "country=GB&q=hospital&kind=strike",
    ]
    for query in queries:
        items = body(client.get(f"{URL}?{query}"))["items"]
        assert [i["id"] for i in items] == [wanted.pk], query


def test_it_honours_the_date_range(client):
    early = factories.make_dispute(start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 2, 1))
    late = factories.make_dispute(start_date=dt.date(2026, 6, 1))
    items = body(client.get(f"{URL}?date_from=2025-03-01"))["items"]
    assert [i["id"] for i in items] == [late.pk]
    items = body(client.get(f"{URL}?date_to=2025-12-31"))["items"]
    assert [i["id"] for i in items] == [early.pk]


def test_it_withholds_site_names_and_addresses_of_sensitive_disputes(client):
    dispute = factories.make_dispute(sensitive=True, lat=51.523456789, lon=-0.087654321)
    services.site_update(site=dispute.sites.get(), address="1 Gate Street")
    [item] = body(client.get(URL))["items"]
    assert item["sensitive"] is True
    [site] = item["sites"]
    assert site["name"] is None
    assert site["address"] is None
    assert (site["latitude"], site["longitude"]) == (51.5, -0.1)
    assert site["city"] == "Leeds"


def test_it_shows_the_address_of_an_ordinary_picket_line(client):
    dispute = factories.make_dispute()
    services.site_update(site=dispute.sites.get(), address="1 Gate Street")
    [item] = body(client.get(URL))["items"]
    assert item["sites"][0]["address"] == "1 Gate Street"
