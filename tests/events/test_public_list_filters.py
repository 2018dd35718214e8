import datetime as dt

import pytest

from picketline.events.choices import EventMode, EventVisibility
from picketline.events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def _titles(client, query="") -> list[str]:
    response = client.get(f"/events/?{query}")
    assert response.status_code == 200, response.text
    return [event.title for event in response.context["events"]]


def test_it_lists_upcoming_listed_events_soonest_first(client):
    factories.make_event(title="Later", starts_in=dt.timedelta(days=9))
    factories.make_event(title="Sooner", starts_in=dt.timedelta(days=2))
    factories.make_event(title="Over", starts_in=dt.timedelta(days=-3))
    factories.make_event(title="Unlisted", visibility=EventVisibility.UNLISTED)
    factories.make_event(title="Unpublished", published=False)
    assert _titles(client) == ["Sooner", "Later"]
    assert _titles(client, "past=on") == ["Over", "Sooner", "Later"]


def test_each_filter_narrows_the_list(client):
    union = factories.make_organisation(name="Bakers Union")
    dispute = factories.make_dispute(title="Bakery strike")
    day = factories.make_day_of_action(title="Bread day")
    factories.make_event(title="Plain")
    factories.make_event(title="Mexico", country="MX", locality="Oaxaca")
    factories.make_event(title="Online", mode=EventMode.ONLINE, latitude=None, longitude=None)
    factories.make_event(title="By the union", organisation=union)
    factories.make_event(title="For the bakery", disputes=[dispute])
    factories.make_event(title="On bread day", day_of_action=day)
    factories.make_event(title="Far off", starts_in=dt.timedelta(days=60))
    factories.make_event(title="Rally", description="Bring drums")
    assert _titles(client, "country=mx") == ["Mexico"]
    assert _titles(client, "mode=online") == ["Online"]
    assert _titles(client, f"organiser={union.slug}") == ["By the union"]
    assert _titles(client, f"dispute={dispute.slug}") == ["For the bakery"]
    assert _titles(client, f"day={day.slug}") == ["On bread day"]
    assert _titles(client, "q=drums") == ["Rally"]
    later = (dt.date.today() + dt.timedelta(days=50)).isoformat()
    assert _titles(client, f"date_from={later}") == ["Far off"]
    assert "Far off" not in _titles(client, f"date_to={later}")


def test_a_bad_filter_gives_the_page_with_the_error_and_400(client):
    factories.make_event(title="Plain")
    response = client.get("/events/?country=Mexico&date_from=yesterday")
    assert response.status_code == 400
    assert response.context["rows"] is None
    assert "Countries are two-letter codes" in response.text
    assert 'href="#f-date_from"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_an_unknown_place_is_an_error_on_near(client):
    response = client.get("/events/?near=Nowhere+Special")
    assert response.status_code == 400
    assert "No place called “Nowhere Special” was found" in response.text
    assert response.context["filters"]["errors"].keys() == {"near"}


def test_near_a_point_orders_by_distance_and_shows_kilometres(client):
    factories.make_event(title="Leeds", latitude=53.80, longitude=-1.55, locality="Leeds")
    factories.make_event(title="York", latitude=53.96, longitude=-1.08, locality="York")
    factories.make_event(title="Glasgow", latitude=55.86, longitude=-4.25, locality="Glasgow")
    factories.make_event(title="Online", mode=EventMode.ONLINE, latitude=None, longitude=None)
    response = client.get("/events/?near=53.95,-1.09&radius_km=100")
    assert [event.title for event in response.context["events"]] == ["York", "Leeds"]
    assert "km away" in response.text
    assert "Nearest first, within 100 km" in response.text


def test_it_pages_the_list(client, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        factories.make_event(title=f"Meeting {n}", starts_in=dt.timedelta(days=n + 1))
    response = client.get("/events/?page=3")
    assert [event.title for event in response.context["events"]] == ["Meeting 4"]
    assert "Page 3 of 3" in response.text
    assert Event.objects.count() == 5
