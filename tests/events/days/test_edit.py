import pytest
from django.urls import reverse

from picketline.events.models import DayOfAction
from tests.factories import login, make_day_of_action, make_dispute, make_moderator, make_user

pytestmark = pytest.mark.django_db


def _url(day) -> str:
    return reverse("events:day_of_action_edit", kwargs={"slug": day.slug})


def _data(day, **changes) -> dict:
    data = {
        "title": day.title,
        "call": day.call,
        "language": day.language,
        "starts_on": day.starts_on.isoformat(),
        "ends_on": day.ends_on.isoformat(),
        "demands": day.demands,
        "disputes": "",
        "organiser_name": day.organiser_name,
    }
    return {**data, **changes}


def test_it_lets_the_organiser_change_the_day(client):
    organiser = make_user()
    day = make_day_of_action(organiser=organiser)
    dispute = make_dispute()
    login(client, organiser)
    form = client.get(_url(day))
    assert form.status_code == 200
    assert day.title in form.content.decode()
    response = client.post(_url(day), _data(day, title="Renamed day", disputes=dispute.slug))
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.title == "Renamed day"
    assert list(day.disputes.all()) == [dispute]


def test_it_lets_a_moderator_change_any_day(client):
    day = make_day_of_action(organiser=make_user())
    login(client, make_moderator())
    assert client.post(_url(day), _data(day, call="A new call.")).status_code == 302
    day.refresh_from_db()
    assert day.call == "A new call."


def test_it_refuses_other_supporters(client):
    day = make_day_of_action(organiser=make_user())
    login(client, make_user())
    assert client.get(_url(day)).status_code == 403
    assert client.post(_url(day), _data(day, title="Hijacked")).status_code == 403
    assert DayOfAction.objects.get().title == day.title


def test_it_sends_anonymous_people_to_log_in(client):
    day = make_day_of_action(organiser=make_user())
    response = client.get(_url(day))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_it_keeps_the_day_as_it_was_on_bad_input(client):
    organiser = make_user()
    day = make_day_of_action(organiser=organiser)
    login(client, organiser)
    response = client.post(_url(day), _data(day, title="", disputes="unknown-strike"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "disputes"}
    assert DayOfAction.objects.get().title == day.title


def test_it_answers_404_for_an_unknown_day(client):
    login(client, make_user())
    assert client.get("/days-of-action/no-such-day/edit/").status_code == 404
