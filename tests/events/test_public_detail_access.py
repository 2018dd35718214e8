import pytest

from picketline.events.choices import EventVisibility
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_a_published_event_to_anyone(client):
    event = factories.make_event(title="Meet the strikers")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Meet the strikers" in response.text
    assert "waiting for moderation" not in response.text


def test_an_unlisted_event_is_reachable_by_its_address(client):
    event = factories.make_event(visibility=EventVisibility.UNLISTED)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.text


def test_an_unpublished_event_is_not_found_by_strangers(client):
    organiser = factories.make_user()
    event = factories.make_event(organiser=organiser, published=False)
    assert client.get(event.get_absolute_url()).status_code == 404
    factories.login(client, factories.make_user())
    assert client.get(event.get_absolute_url()).status_code == 404


def test_an_unpublished_event_is_shown_to_its_organiser_with_a_banner(client):
    organiser = factories.make_user()
    event = factories.make_event(organiser=organiser, published=False, title="Quiet meeting")
    factories.login(client, organiser)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Quiet meeting" in response.text
    assert "waiting for moderation" in response.text
    assert "application/ld+json" not in response.text


def test_an_unpublished_event_is_shown_to_a_moderator(client, moderator):
    event = factories.make_event(published=False)
    factories.login(client, moderator)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_an_unknown_address_is_not_found(client):
    assert client.get("/events/no-such-event/").status_code == 404


def test_its_calendar_file_is_not_found_until_published(client):
    organiser = factories.make_user()
    event = factories.make_event(organiser=organiser, published=False)
    factories.login(client, organiser)
    assert client.get(f"/events/{event.slug}.ics").status_code == 404
