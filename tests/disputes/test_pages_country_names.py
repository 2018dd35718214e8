"""Country names come from CLDR (through Babel) in the reader's language, on every page that
shows one: the list, a dispute's page, the filter's menu, the events list."""

import pytest
from django.conf import settings

from picketline.places.countries import country_name, country_names
from tests import factories

pytestmark = pytest.mark.django_db

GERMANY_AR = "ألمانيا"
UK_AR = "المملكة المتحدة"


@pytest.fixture
def two_countries():
    factories.make_dispute(title="Berlin hospital strike", city="Berlin", country="DE")
    return factories.make_dispute(title="Leeds bin strike", city="Leeds", country="GB")


def _arabic(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return client


def test_the_arabic_list_names_germany_and_the_united_kingdom_in_arabic(client, two_countries):
    page = _arabic(client).get("/disputes/").content.decode()
    assert GERMANY_AR in page
    assert UK_AR in page
    assert "Germany" not in page
    assert "United Kingdom" not in page


def test_the_arabic_filter_menu_offers_countries_by_their_arabic_names(client, two_countries):
    page = _arabic(client).get("/disputes/").content.decode()
    assert f'<option value="DE">{GERMANY_AR}</option>' in page
    assert f'<option value="GB">{UK_AR}</option>' in page


def test_an_arabic_dispute_page_names_its_country_in_arabic(client, two_countries):
    page = _arabic(client).get(two_countries.get_absolute_url()).content.decode()
    assert UK_AR in page


def test_the_english_list_keeps_english_names(client, two_countries):
    page = client.get("/disputes/").content.decode()
    assert "Germany" in page
    assert "United Kingdom" in page


def test_the_arabic_events_list_names_the_country_in_arabic(client):
    factories.make_event(title="Berlin meeting", locality="Berlin", country="DE")
    page = _arabic(client).get("/events/").content.decode()
    assert GERMANY_AR in page


def test_names_follow_the_language_asked_for():
    assert country_names(["DE", "GB"], language="es") == {
        "DE": "Alemania",
        "GB": "Reino Unido",
    }
    assert country_name("gb", language="ar") == UK_AR
    # English reads the long forms in a sentence, not CLDR's menu forms.
    assert country_name("CD", language="en") == "Democratic Republic of the Congo"
    assert country_name("BA", language="en") == "Bosnia and Herzegovina"


def test_a_code_no_one_knows_stays_a_code():
    assert country_names(["QQ"], language="ar") == {"QQ": "QQ"}
    assert country_name("", default="—") == "—"
