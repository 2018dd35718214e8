"""The events filters offer organisations, disputes, days of action and countries by name;
the menus send the slugs and codes the addresses have always taken."""

import re

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[tuple[str, str, bool]]:
    select = re.search(rf'<select name="{name}" id="f-{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no menu for {name}"
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


@pytest.fixture
def events():
    union = factories.make_organisation(name="Bakers Union")
    dispute = factories.make_dispute(title="Bakery strike")
    day = factories.make_day_of_action(title="Bread day")
    factories.make_event(title="By the union", organisation=union, country="DE")
    factories.make_event(title="For the bakery", disputes=[dispute], day_of_action=day)
    return union, dispute, day


def test_it_offers_organisers_disputes_and_days_by_name(client, events):
    union, dispute, day = events
    html = client.get("/events/").content.decode()
    assert (union.slug, "Bakers Union", False) in _options(html, "organiser")
    assert (dispute.slug, "Bakery strike", False) in _options(html, "dispute")
    assert (day.slug, "Bread day", False) in _options(html, "day")
    assert "short name in its address" not in html


def test_it_offers_countries_by_name_in_the_readers_language(client, events):
    html = client.get("/events/").content.decode()
    assert ("DE", "Germany", False) in _options(html, "country")
    assert ("GB", "United Kingdom", False) in _options(html, "country")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = client.get("/events/").content.decode()
    assert ("DE", "ألمانيا", False) in _options(html, "country")
    assert "Two-letter codes" not in html


def test_the_chosen_ones_stay_chosen_and_filter(client, events):
    union, _dispute, _day = events
    response = client.get("/events/", {"organiser": union.slug, "country": "de"})
    html = response.content.decode()
    assert (union.slug, "Bakers Union", True) in _options(html, "organiser")
    assert ("DE", "Germany", True) in _options(html, "country")
    assert [event.title for event in response.context["events"]] == ["By the union"]


def test_several_countries_work_both_ways(client, events):
    for query in ("country=DE,GB", "country=DE&country=GB"):
        response = client.get(f"/events/?{query}")
        assert len(response.context["rows"]) == 2
        chosen = [value for value, _label, selected in _options(response.text, "country")]
        assert {"DE", "GB"} <= set(chosen)


def test_a_slug_the_menu_does_not_hold_still_shows(client, events):
    html = client.get("/events/", {"dispute": "no-such-dispute"}).content.decode()
    assert ("no-such-dispute", "no-such-dispute", True) in _options(html, "dispute")


def test_unlisted_events_give_no_choice(client):
    from picketline.events.choices import EventVisibility

    secret = factories.make_organisation(name="Quiet Union")
    factories.make_event(organisation=secret, visibility=EventVisibility.UNLISTED)
    html = client.get("/events/").content.decode()
    assert "Quiet Union" not in html
