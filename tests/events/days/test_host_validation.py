"""Bad input on the host form: the field that is wrong says so, and nothing is stored."""

import datetime as dt

import pytest

from picketline.events.models import Event
from picketline.moderation.models import ModerationItem
from tests.events.days.helpers import fresh_limits, host_url, online_data
from tests.factories import make_day_of_action

__all__ = ["fresh_limits"]
pytestmark = pytest.mark.usefixtures("fresh_limits")


def _refused(client, day, field, **changes):
    response = client.post(host_url(day), online_data(day, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert not Event.objects.exists()
    assert not ModerationItem.objects.exists()
    return str(errors[field])


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("title", {"title": "  "}),
        ("description", {"description": ""}),
        ("host_name", {"host_name": ""}),
        ("host_email", {"host_email": ""}),
        ("host_email", {"host_email": "not-an-address"}),
        ("consent", {"consent": ""}),
        ("start_time", {"start_time": "25:99"}),
        ("timezone", {"timezone": "Mars/Olympus_Mons"}),
        ("timezone", {"timezone": ""}),
        ("join_url", {"join_url": ""}),
        ("join_url", {"join_url": "javascript:alert(1)"}),
        ("capacity", {"capacity": "0"}),
        ("mode", {"mode": "telepathy"}),
        ("country", {"country": "G1"}),
    ],
)
def test_it_says_which_field_is_wrong(client, db, field, changes):
    _refused(client, make_day_of_action(), field, **changes)


def test_it_refuses_a_date_outside_the_day_of_action(client, db):
    day = make_day_of_action()
    message = _refused(client, day, "date", date=(day.starts_on + dt.timedelta(days=1)).isoformat())
    assert "choose that day" in message


def test_it_refuses_a_day_before_a_several_day_action(client, db):
    first = dt.date.today() + dt.timedelta(days=10)
    day = make_day_of_action(days_ahead=10)
    day.ends_on = first + dt.timedelta(days=2)
    day.save()
    _refused(client, day, "date", date=(day.starts_on - dt.timedelta(days=1)).isoformat())
    ok = client.post(
        host_url(day), online_data(day, date=(day.starts_on + dt.timedelta(days=2)).isoformat())
    )
    assert ok.status_code == 303


def test_it_refuses_an_end_before_the_start(client, db):
    _refused(client, make_day_of_action(), "end_time", start_time="18:00", end_time="17:00")


def test_it_asks_for_a_town_for_an_event_in_person(client, db):
    day = make_day_of_action()
    _refused(client, day, "town", mode="in_person", town="", join_url="")


def test_it_does_not_take_events_for_an_unpublished_day(client, db):
    from picketline.events.days.services import day_of_action_create

    day = day_of_action_create(
        publish=False,
        title="Not yet checked",
        call="Soon.",
        starts_on=dt.date.today() + dt.timedelta(days=9),
        ends_on=dt.date.today() + dt.timedelta(days=9),
        organiser_name="Someone",
    )
    assert client.get(host_url(day)).status_code == 404
    assert client.post(host_url(day), online_data(day)).status_code == 404
    assert not Event.objects.exists()
