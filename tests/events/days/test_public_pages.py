import datetime as dt

import pytest
from django.urls import reverse

from picketline.events.choices import EventStatus, EventVisibility
from picketline.events.days.services import day_of_action_create
from picketline.events.rsvps import services as rsvps
from picketline.events.services import event_update
from tests import factories

pytestmark = pytest.mark.django_db


def _unpublished_day(title="Waiting day"):
    today = dt.date.today()
    return day_of_action_create(
        publish=False,
        title=title,
        call="Join us.",
        organiser_name="Someone",
        starts_on=today,
        ends_on=today,
    )


def test_the_list_puts_days_to_come_first_with_their_event_counts(client):
    soon = factories.make_day_of_action(title="Soon", days_ahead=3)
    later = factories.make_day_of_action(title="Later", days_ahead=30)
    factories.make_day_of_action(title="Gone", days_ahead=-30)
    _unpublished_day(title="Unpublished")
    for _ in range(2):
        factories.make_event(day_of_action=soon)
    factories.make_event(day_of_action=later, visibility=EventVisibility.UNLISTED)
    response = client.get("/days-of-action/")
    assert response.status_code == 200
    assert [(row.day.title, row.events) for row in response.context["upcoming"]] == [
        ("Soon", 2),
        ("Later", 0),
    ]
    assert [row.day.title for row in response.context["past"]] == ["Gone"]
    assert "Unpublished" not in response.text


def test_a_day_shows_its_call_demands_disputes_and_counts(client):
    dispute = factories.make_dispute(title="Bakery strike")
    day = factories.make_day_of_action(
        title="Bread day",
        call="Stop work at noon.",
        language="es",
        demands="Pay\nSafe ovens\n",
        disputes=[dispute],
    )
    leeds = factories.make_event(day_of_action=day, locality="Leeds", country="GB")
    factories.make_event(day_of_action=day, locality="York", country="GB")
    factories.make_event(day_of_action=day, locality="Oaxaca", country="MX")
    cancelled = factories.make_event(day_of_action=day, locality="Lima", country="PE")
    event_update(event=cancelled, status=EventStatus.CANCELLED)
    for _ in range(2):
        rsvps.rsvp_create(event=leeds, user=factories.make_user(), name="A")
    response = client.get(day.get_absolute_url())
    assert response.status_code == 200
    assert response.context["counts"] == {"events": 3, "cities": 3, "countries": 2, "rsvps": 2}
    html = response.text
    assert 'lang="es" dir="auto"><p>Stop work at noon.</p>' in html
    assert "<li>Safe ovens</li>" in html
    assert f'href="{dispute.get_absolute_url()}"' in html
    assert f'href="/events.ics?day={day.slug}"' in html
    assert f'data-geojson-url="/events.geojson?day={day.slug}&amp;past=on"' in html
    host = reverse("events:host", kwargs={"slug": day.slug})
    assert f'href="{host}"' in html


def test_its_local_events_can_be_found_near_a_place(client):
    day = factories.make_day_of_action()
    factories.make_event(title="York", day_of_action=day, latitude=53.96, longitude=-1.08)
    factories.make_event(title="Leeds", day_of_action=day, latitude=53.80, longitude=-1.55)
    factories.make_event(title="Not this day", latitude=53.96, longitude=-1.08)
    response = client.get(f"{day.get_absolute_url()}?near=53.79,-1.54&radius_km=100")
    assert [event.title for event in response.context["events"]] == ["Leeds", "York"]


def test_its_events_stay_listed_after_the_day(client):
    day = factories.make_day_of_action(days_ahead=-2)
    factories.make_event(title="Was there", day_of_action=day, starts_in=dt.timedelta(days=-2))
    response = client.get(day.get_absolute_url())
    assert [event.title for event in response.context["events"]] == ["Was there"]


def test_a_bad_place_is_400_with_the_error(client):
    day = factories.make_day_of_action()
    response = client.get(f"{day.get_absolute_url()}?radius_km=-4")
    assert response.status_code == 400
    assert response.context["rows"] is None
    assert 'href="#f-radius_km"' in response.text


def test_an_unpublished_day_is_not_found(client):
    day = _unpublished_day()
    assert client.get(day.get_absolute_url()).status_code == 404
