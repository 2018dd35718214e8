"""Everyone who sees the people coming (names and emails) uses two factors: an organiser
without an authenticator is sent to set one up, one who has not given a code this session is
asked for it, and neither sees a single email until then."""

import pytest
from django.urls import reverse

from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.events.manage.helpers import login, make_organiser

EMAIL = "ana.coming@example.org"
PAGES = ("manage", "attendees_csv", "check_in_sheet", "check_in", "message")


@pytest.fixture
def event(db):
    organiser = factories.make_user()
    event = factories.make_event(organiser=organiser, capacity=5)
    rsvps.rsvp_create(event=event, user=factories.make_user(email=EMAIL), name="Ana")
    return event


def _organiser(event):
    return event.organisers.get()


def _url(name, event) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_it_sends_an_organiser_without_two_factors_to_set_them_up(client, event, name):
    factories.login(client, _organiser(event))
    response = client.get(_url(name, event))
    assert response.status_code == 302
    setup = reverse("two_factor_setup")
    assert response["Location"].startswith(f"{setup}?next=")
    assert EMAIL not in _text(response)


@pytest.mark.parametrize("name", PAGES)
def test_it_asks_an_organiser_with_a_device_for_the_code_first(client, event, name):
    organiser = _organiser(event)
    factories.make_totp_device(organiser)
    client.force_login(organiser)  # a password, and no code yet
    response = client.get(_url(name, event))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login_code')}?next=")
    assert EMAIL not in _text(response)


def test_it_checks_no_one_in_without_two_factors(client, event):
    factories.login(client, _organiser(event))
    rsvp = event.rsvps.get()
    url = reverse("events:check_in_toggle", kwargs={"slug": event.slug, "pk": rsvp.pk})
    response = client.post(url, {"present": "1"})
    assert response.status_code == 302
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


def test_it_shows_the_emails_once_the_code_is_given(client, event):
    organiser = _organiser(event)
    factories.make_totp_device(organiser)
    login(client, organiser)
    assert EMAIL in _text(client.get(_url("manage", event)))
    assert EMAIL in _text(client.get(_url("attendees_csv", event)))


def test_it_refuses_someone_else_before_asking_for_two_factors(client, event):
    login(client, make_organiser())
    assert client.get(_url("manage", event)).status_code == 403
    factories.login(client, factories.make_user())
    assert client.get(_url("manage", event)).status_code == 403


def test_the_other_organisers_pages_ask_for_two_factors_too(client, event):
    factories.login(client, _organiser(event))
    for url in (_url("edit", event), "/events/mine/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/two-factor/setup/"), url
