import datetime as dt

import pytest
from django.utils import timezone

from picketline.events.choices import EventMode, EventVisibility
from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


def _titles(client, query: str = "") -> list[str]:
    return [item["title"] for item in body(client.get(f"{URL}?{query}"))["items"]]


def test_it_lists_upcoming_listed_events_soonest_first(client):
    factories.make_event(title="Later", starts_in=dt.timedelta(days=9))
    factories.make_event(title="Sooner", starts_in=dt.timedelta(days=2))
    factories.make_event(title="Over", starts_in=dt.timedelta(days=-3))
    assert _titles(client) == ["Sooner", "Later"]


def test_it_includes_events_that_have_ended_when_asked(client):
    factories.make_event(title="Over", starts_in=dt.timedelta(days=-3))
    factories.make_event(title="Sooner", starts_in=dt.timedelta(days=2))
    assert _titles(client, "past=true") == ["Over", "Sooner"]


def test_it_leaves_out_unpublished_and_unlisted_events(client):
    factories.make_event(title="Listed")
    factories.make_event(title="Waiting for moderators", published=False)
    factories.make_event(title="Unlisted", visibility=EventVisibility.UNLISTED)
    assert _titles(client) == ["Listed"]


def test_it_filters_by_country_and_mode(client):
    factories.make_event(title="London")
    factories.make_event(title="Paris", country="FR", locality="Paris")
    factories.make_event(
        title="Online", mode=EventMode.ONLINE, country="", join_url="https://meet.example/x"
    )
    assert _titles(client, "country=FR") == ["Paris"]
    assert _titles(client, "country=fr,gb") == ["London", "Paris"]
    assert _titles(client, "mode=online") == ["Online"]
    assert _titles(client, "mode=online,in_person") == ["London", "Paris", "Online"]


def test_it_filters_by_dates(client):
    factories.make_event(title="Tomorrow", starts_in=dt.timedelta(days=1))
    factories.make_event(title="In ten days", starts_in=dt.timedelta(days=10))
    today = timezone.now().date()
    five = (today + dt.timedelta(days=5)).isoformat()
    assert _titles(client, f"date_to={five}") == ["Tomorrow"]
    assert _titles(client, f"date_from={five}") == ["In ten days"]


def test_it_filters_by_organiser_dispute_and_day_of_action(client):
    union = factories.make_organisation(name="Bakers Union")
    dispute = factories.make_dispute(title="Bakery strike")
    day = factories.make_day_of_action(title="Bread and roses")
    factories.make_event(title="Organised", organisation=union)
    factories.make_event(title="Linked", disputes=[dispute])
    factories.make_event(title="Local", day_of_action=day)
    assert _titles(client, f"organiser={union.slug}") == ["Organised"]
    assert _titles(client, f"dispute={dispute.slug}") == ["Linked"]
    assert _titles(client, f"day={day.slug}") == ["Local"]


def test_it_searches_words(client):
    factories.make_event(title="Picket breakfast")
    factories.make_event(title="Film night", description="A documentary on the dock strike.")
    assert _titles(client, "q=dock") == ["Film night"]


def test_it_describes_an_event(client):
    union = factories.make_organisation(name="Bakers Union")
    sponsor = factories.make_organisation(name="Trades Council")
    dispute = factories.make_dispute(title="Bakery strike")
    day = factories.make_day_of_action(title="Bread and roses")
    event = factories.make_event(
        title="Rally",
        capacity=50,
        organisation=union,
        sponsors=[sponsor],
        disputes=[dispute],
        day_of_action=day,
        speakers=[{"name": "Rosa", "role": "Shop steward", "bio": "Baker for 20 years."}],
        zone="America/Mexico_City",
    )
    [item] = body(client.get(URL))["items"]
    assert item["id"] == event.pk
    assert item["url"] == f"http://testserver/events/{event.slug}/"
    assert item["timezone"] == "America/Mexico_City"
    assert item["starts_at"].endswith("-06:00")
    assert dt.datetime.fromisoformat(item["starts_at"]) == event.starts_at
    assert item["capacity"] == 50
    assert item["places_left"] == 50
    assert item["waiting"] == 0
    assert item["organiser"] == {"name": "Bakers Union", "organisation": union.slug}
    assert item["sponsors"] == ["Trades Council"]
    assert item["speakers"] == [
        {"name": "Rosa", "role": "Shop steward", "bio": "Baker for 20 years."}
    ]
    assert item["disputes"] == [{"id": dispute.pk, "slug": dispute.slug, "title": "Bakery strike"}]
    assert item["day_of_action"] == {"slug": day.slug, "title": "Bread and roses"}
    assert item["distance_km"] is None


def test_it_names_a_person_organiser_without_an_organisation(client):
    factories.make_event(organiser_name="Leeds Strike Support")
    [item] = body(client.get(URL))["items"]
    assert item["organiser"] == {"name": "Leeds Strike Support", "organisation": None}
    assert item["capacity"] is None
    assert item["places_left"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=Britain", "country"),
        ("mode=teleport", "mode"),
        ("date_from=yesterday", "date_from"),
        ("date_from=2031-02-01&date_to=2031-01-01", "date_to"),
        ("radius_km=0", "radius_km"),
        ("limit=101", "limit"),
    ],
)
def test_it_refuses_a_bad_filter_naming_it(client, query, field):
    factories.make_event()
    document = problem(client.get(f"{URL}?{query}"), 400)
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert field in document["errors"]


def test_it_says_when_the_place_is_not_known(client):
    document = problem(client.get(f"{URL}?near=Atlantis%20Under%20The%20Sea"), 400)
    assert document["type"] == "urn:picketline:problem:unknown-place"
    assert "Atlantis" in document["detail"]
