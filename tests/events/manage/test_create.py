"""Creating an event: published at once for those who publish directly, else sent to the
moderators; bad input is refused with the field named and nothing stored."""

import datetime as dt

import pytest

from picketline.events.models import Event
from picketline.moderation.models import ModerationItem
from tests import factories
from tests.events.manage.helpers import URL, form_data, login, make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    """Lands on the event's dashboard after creating it: that page needs two factors."""
    return make_organiser()


def test_it_sends_anonymous_people_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_it_shows_the_form_to_a_signed_in_user(client, supporter):
    login(client, supporter)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="starts_at"' in response.text
    assert 'name="speakers-TOTAL_FORMS"' in response.text
    assert "no-store" in response["Cache-Control"]


def test_it_publishes_a_moderators_event_at_once(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(**{"speakers-0-name": "Ana", "speakers-0-role": "Rep"}))
    assert response.status_code == 302
    event = Event.objects.get(title="Strike rally")
    assert response["Location"] == f"/events/{event.slug}/manage/"
    assert event.published_at is not None
    assert list(event.organisers.all()) == [moderator]
    assert [(s.name, s.role) for s in event.speakers.all()] == [("Ana", "Rep")]
    assert event.capacity == 50
    page = client.get(response["Location"])
    assert "Your event is published." in page.text


def test_it_sends_a_plain_users_event_to_moderation(client, organiser):
    login(client, organiser)
    response = client.post(URL, form_data())
    assert response.status_code == 302
    event = Event.objects.get(title="Strike rally")
    assert event.published_at is None
    assert ModerationItem.objects.filter(kind="event", object_id=event.pk).exists()
    page = client.get(response["Location"])
    assert "sent to the moderators" in page.text
    assert page.status_code == 200


def test_it_refuses_an_end_before_the_start_and_stores_nothing(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(ends_at="2031-07-10T17:00"))
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"]
    assert not Event.objects.exists()


def test_it_needs_a_place_for_an_event_in_person(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(locality="", latitude="", longitude=""))
    assert response.status_code == 400
    assert "needs a place" in response.context["form"].errors["locality"][0]
    assert not Event.objects.exists()


def test_it_needs_a_join_link_for_an_online_event(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(mode="online"))
    assert response.status_code == 400
    assert response.context["form"].errors["join_url"]
    response = client.post(URL, form_data(mode="online", join_url="javascript:alert(1)"))
    assert response.status_code == 400
    assert response.context["form"].errors["join_url"]
    assert not Event.objects.exists()


def test_it_takes_an_online_event_without_a_place(client, moderator):
    login(client, moderator)
    data = form_data(
        mode="online", join_url="https://meet.example.org/rally", locality="", country=""
    )
    data.update(latitude="", longitude="", venue="", address="")
    response = client.post(URL, data)
    assert response.status_code == 302
    assert Event.objects.get().join_url == "https://meet.example.org/rally"


def test_it_needs_an_organiser(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(organiser_name=""))
    assert response.status_code == 400
    assert response.context["form"].errors["organiser_name"]
    assert not Event.objects.exists()


def test_it_strips_markup_from_text(client, moderator):
    login(client, moderator)
    response = client.post(
        URL, form_data(title="<b>Rally</b><script>x()</script>", description="<i>Hi</i>")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.title, event.description) == ("Rally", "Hi")


def test_it_links_disputes_by_slug_or_address_and_sponsors_by_name(client, moderator):
    dispute = factories.make_dispute(title="Depot strike")
    other = factories.make_dispute(title="Bin strike")
    union = factories.make_organisation(name="Unite")
    login(client, moderator)
    data = form_data(
        disputes=f"{dispute.slug}, https://example.org/disputes/{other.slug}/",
        sponsors="unite",
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert set(event.disputes.all()) == {dispute, other}
    assert list(event.sponsors.all()) == [union]


def test_it_names_unknown_disputes_and_sponsors(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(disputes="no-such-strike", sponsors="Nobody Union"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "no-such-strike" in errors["disputes"][0]
    assert "Nobody Union" in errors["sponsors"][0]
    assert not Event.objects.exists()


def test_it_refuses_a_speaker_without_a_name(client, moderator):
    login(client, moderator)
    response = client.post(URL, form_data(**{"speakers-0-role": "Rep"}))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_it_offers_only_the_organisations_the_user_holds(client, supporter):
    held = factories.make_organisation(name="Held Union")
    factories.make_organisation(name="Other Union")
    held.coordinators.add(supporter)
    factories.make_totp_device(supporter)  # a union's account holders need two factors
    login(client, supporter)
    response = client.get(URL)
    assert "Held Union" in response.text
    assert "Other Union" not in response.text


def test_a_verified_organisations_holder_publishes_directly(client, organiser):
    union = factories.make_organisation(name="Verified Union")
    union.coordinators.add(organiser)
    union.verified_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    union.save()
    login(client, organiser)
    response = client.post(URL, form_data(organisation=str(union.pk), organiser_name=""))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organisation == union
    assert event.published_at is not None


def test_the_speakers_are_at_most_ten(client, moderator):
    login(client, moderator)
    data = form_data(**{"speakers-TOTAL_FORMS": "11"})
    for index in range(11):
        data[f"speakers-{index}-name"] = f"Speaker {index}"
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not Event.objects.exists()
