import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from picketline.core.geo import haversine_km
from picketline.core.text import normalize_name
from picketline.places.models import Country, Place, PlaceName, Region
from picketline.places.services import gazetteer_load


@pytest.fixture(autouse=True)
def _in_english():
    # Messages are compared in English, whatever language an earlier test left active.
    with translation.override("en"):
        yield


def test_it_loads_every_place_of_500_people_or_more(gazetteer):
    assert Place.objects.count() > 230_000
    assert PlaceName.objects.count() > 1_000_000
    assert Country.objects.count() > 240
    assert Region.objects.count() > 3_500


def test_it_keeps_every_name_of_a_place_as_a_normalised_key(gazetteer):
    leeds = Place.objects.get(geonameid=2644688)
    keys = set(leeds.names.values_list("key", flat=True))

    assert {"leeds", "лидс", "ليدز", normalize_name("리즈")} <= keys
    assert set(leeds.names.values_list("population", flat=True)) == {leeds.population}
    assert list(leeds.names.filter(is_main=True).values_list("key", flat=True)) == ["leeds"]


def test_it_names_us_states_and_uk_nations(gazetteer):
    missouri = Region.objects.get(country="US", code="MO")
    england = Region.objects.get(country="GB", code="ENG")

    assert missouri.name == "Missouri"
    assert missouri.abbreviation == "MO"
    assert england.name == "England"
    assert Region.objects.get(country="CA", code="08").abbreviation == "ON"
    assert Place.objects.get(geonameid=2644688).region == england


def test_it_puts_a_country_at_its_capital_and_a_region_at_its_largest_place(gazetteer):
    britain = Country.objects.get(code="GB")
    missouri = Region.objects.get(country="US", code="MO")
    largest = Place.objects.filter(region=missouri).order_by("-population").first()

    assert haversine_km(britain.latitude, britain.longitude, 51.507, -0.128) < 10  # London
    assert (missouri.latitude, missouri.longitude) == (largest.latitude, largest.longitude)
    assert britain.name == "United Kingdom"
    assert britain.iso3 == "GBR"


def test_it_does_nothing_when_places_are_already_loaded(gazetteer):
    places = Place.objects.count()

    result = gazetteer_load()

    assert result["loaded"] is False
    assert result["places"] == places
    assert Place.objects.count() == places


def test_it_replaces_the_places_when_forced(gazetteer):
    result = gazetteer_load(min_population=15_000, force=True)

    assert result["loaded"] is True
    assert result["places"] == Place.objects.count()
    assert 20_000 < result["places"] < 40_000
    # GeoNames lists capitals of every size; nothing else is below the threshold.
    assert Place.objects.filter(population__lt=15_000).count() < result["places"] / 100
    assert PlaceName.objects.filter(key="leeds").exists()


def test_its_command_says_when_places_are_already_loaded(gazetteer):
    out = io.StringIO()

    call_command("load_places", stdout=out)

    assert "already loaded" in out.getvalue()
    assert "--force" in out.getvalue()


def test_its_command_refuses_a_population_below_what_geonames_lists(gazetteer):
    with pytest.raises(CommandError, match="500"):
        call_command("load_places", "--force", "--min-population", "100", stdout=io.StringIO())


def test_its_command_prints_what_it_loaded_and_how_long_it_took(gazetteer):
    out = io.StringIO()

    call_command("load_places", "--force", "--min-population", "15000", stdout=out)

    assert f"{Place.objects.count()} places" in out.getvalue()
    assert "Loaded" in out.getvalue()
    assert " s." in out.getvalue()
