import datetime as dt

import pytest

from tests.events.helpers import event_at

pytestmark = pytest.mark.django_db

MADRID = "Europe/Madrid"


def _page(client, event, language="en"):
    response = client.get(event.get_absolute_url(), headers={"accept-language": language})
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_it_shows_six_in_the_evening_on_both_sides_of_the_clock_change(client, language):
    # Spain moves its clocks forward in the night of 27 to 28 March 2027.
    before = event_at(dt.datetime(2027, 3, 27, 18, 0), MADRID)
    after = event_at(dt.datetime(2027, 3, 29, 18, 0), MADRID)
    html_before = _page(client, before, language)
    html_after = _page(client, after, language)
    assert f'<html lang="{language}"' in html_before
    assert "18:00" in html_before and "18:00" in html_after
    assert "(Europe/Madrid, CET)" in html_before
    assert "(Europe/Madrid, CEST)" in html_after
    assert 'datetime="2027-03-27T18:00:00+01:00"' in html_before
    assert 'datetime="2027-03-29T18:00:00+02:00"' in html_after


def test_it_names_the_day_in_the_readers_language(client):
    event = event_at(dt.datetime(2027, 3, 29, 18, 0), MADRID)
    assert "Mon 29 Mar" in _page(client, event, "en")
    assert "Mon 29 Mar" not in _page(client, event, "es")


def test_it_leaves_the_readers_own_time_to_the_browser(client):
    event = event_at(dt.datetime(2027, 3, 29, 18, 0), MADRID)
    html = _page(client, event)
    assert 'id="event-local-time" hidden' in html
    assert 'data-zone="Europe/Madrid"' in html
    assert "js/events-local-time.js" in html
