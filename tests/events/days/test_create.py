import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from picketline.events.models import DayOfAction
from picketline.moderation.services import item_for_object
from tests.factories import (
    login,
    make_dispute,
    make_moderator,
    make_organisation,
    make_totp_device,
    make_user,
)

pytestmark = pytest.mark.django_db
URL = "/days-of-action/new/"


def _data(**changes) -> dict:
    day = timezone.localdate() + dt.timedelta(days=20)
    data = {
        "title": "Global day for the bus drivers",
        "call": "Stand with the drivers on the day.",
        "language": "en",
        "starts_on": day.isoformat(),
        "ends_on": "",
        "demands": "A fair wage\n\n  No victimisation  \n",
        "disputes": "",
        "organiser_name": "Bus Solidarity Network",
    }
    return {**data, **changes}


def test_it_has_the_promised_address():
    assert reverse("events:day_of_action_create") == URL


def test_it_sends_a_supporters_call_to_the_moderators(client):
    user = make_user()
    login(client, user)
    response = client.post(URL, _data(), follow=True)
    day = DayOfAction.objects.get()
    assert day.published_at is None
    assert item_for_object(day) is not None
    assert list(day.organisers.all()) == [user]
    assert day.ends_on == day.starts_on
    assert day.demand_lines == ["A fair wage", "No victimisation"]
    assert "sent to the moderators" in response.content.decode()


def test_it_publishes_a_moderators_call_at_once(client):
    login(client, make_moderator())
    response = client.post(URL, _data())
    day = DayOfAction.objects.get()
    assert day.published_at is not None
    assert item_for_object(day) is None
    assert response.status_code == 302
    assert response["Location"] == day.get_absolute_url()


def test_it_publishes_a_verified_organisations_call_at_once(client):
    user = make_user()
    union = make_organisation(name="Verified Drivers Union")
    union.verified_at = timezone.now()
    union.save()
    union.coordinators.add(user)
    make_totp_device(user)  # a union's account holders need two factors
    login(client, user)
    client.post(URL, _data(organisation=str(union.pk), organiser_name=""))
    day = DayOfAction.objects.get()
    assert day.organisation == union
    assert day.published_at is not None


def test_it_does_not_publish_in_the_name_of_an_unverified_organisation(client):
    user = make_user()
    union = make_organisation(name="New Drivers Union")
    union.coordinators.add(user)
    make_totp_device(user)  # a union's account holders need two factors
    login(client, user)
    client.post(URL, _data(organisation=str(union.pk), organiser_name=""))
    assert DayOfAction.objects.get().published_at is None


def test_it_refuses_an_organisation_the_user_does_not_hold(client):
    login(client, make_user())
    stranger = make_organisation(name="Someone Else's Union")
    response = client.post(URL, _data(organisation=str(stranger.pk), organiser_name=""))
    assert response.status_code == 400
    assert not DayOfAction.objects.exists()


def test_it_links_disputes_by_address_or_slug(client):
    first, second = make_dispute(title="Depot strike"), make_dispute(title="Port strike")
    login(client, make_user())
    references = f"http://testserver{first.get_absolute_url()}, {second.slug}"
    client.post(URL, _data(disputes=references))
    assert set(DayOfAction.objects.get().disputes.all()) == {first, second}


def test_it_names_an_unknown_dispute_and_stores_nothing(client):
    login(client, make_user())
    response = client.post(URL, _data(disputes="no-such-strike"))
    assert response.status_code == 400
    assert response.context["form"].errors["disputes"]
    assert "no-such-strike" in response.content.decode()
    assert not DayOfAction.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "<b></b>"}, "title"),
        ({"call": ""}, "call"),
        ({"starts_on": "tomorrow-ish"}, "starts_on"),
        ({"ends_on": "2000-01-01"}, "ends_on"),
        ({"organiser_name": ""}, "organiser_name"),
    ],
)
def test_it_says_which_field_is_wrong_and_stores_nothing(client, changes, field):
    login(client, make_user())
    response = client.post(URL, _data(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not DayOfAction.objects.exists()


def test_it_refuses_a_last_day_before_the_first(client):
    login(client, make_user())
    first = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        URL,
        _data(starts_on=first.isoformat(), ends_on=(first - dt.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert "before the first day" in str(response.context["form"].errors["ends_on"])
    assert not DayOfAction.objects.exists()


def test_it_sends_anonymous_people_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.post(URL, _data())
    assert not DayOfAction.objects.exists()
