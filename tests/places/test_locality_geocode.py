import pytest

from picketline.places.selectors import LocalityGeocoder, locality_geocode, name_variants


@pytest.mark.parametrize(
    ("text", "city", "region"),
    [
        ("Saint Louis, MO", "St. Louis", "Missouri"),
        ("St. Louis, MO", "St. Louis", "Missouri"),
        ("Ft. Wayne, IN", "Fort Wayne", "Indiana"),
        ("Fort Wayne, IN", "Fort Wayne", "Indiana"),
        ("St. Paul, MN", "Saint Paul", "Minnesota"),
        ("Mt. Vernon, NY", "Mount Vernon", "New York"),
        ("Mc Keesport, PA", "McKeesport", "Pennsylvania"),
        ("E St Louis, IL", "East Saint Louis", "Illinois"),
        ("N Little Rock, AR", "North Little Rock", "Arkansas"),
        ("Springfield, Illinois", "Springfield", "Illinois"),
        ("SPRINGFIELD, IL", "Springfield", "Illinois"),
        ("Springfield, MA", "Springfield", "Massachusetts"),
        ("Salem, OH", "Salem", "Ohio"),
        ("Flint & Vicinity, MI", "Flint", "Michigan"),
        ("Yuba City/Marysville, CA", "Yuba City", "California"),
        ("Detroit Metro Area, MI", "Detroit", "Michigan"),
        ("Saint Louis MO", "St. Louis", "Missouri"),
    ],
)
def test_it_finds_the_town_of_an_fmcs_locality(gazetteer, text, city, region):
    found = locality_geocode(text=text, country="US")

    assert found.precision == "city"
    assert (found.city, found.region, found.country) == (city, region, "US")
    assert found.timezone.startswith("America/")


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Long Island Cit, NY", "Long Island City"),
        ("Elk Grove Villa, IL", "Elk Grove Village"),
        ("North Little Ro, AR", "North Little Rock"),
        ("East Saint Loui, IL", "East Saint Louis"),
    ],
)
def test_it_finds_a_town_whose_name_was_cut_short(gazetteer, text, city):
    found = locality_geocode(text=text, country="US")

    assert (found.precision, found.city) == ("city", city)


def test_it_does_not_guess_a_town_from_a_short_name(gazetteer):
    # "Avo" could begin many names; only long names are taken as cut short.
    assert locality_geocode(text="Avo, OH", country="US").precision == "region"


def test_it_falls_back_to_the_region_when_the_town_is_unknown(gazetteer):
    found = locality_geocode(text="Arnold A F B, TN", country="US")

    assert found.precision == "region"
    assert found.region == "Tennessee"
    assert found.city == "Arnold A F B"
    # The pin goes to the state's largest place, Nashville.
    assert found.latitude == pytest.approx(36.17, abs=0.1)
    assert found.longitude == pytest.approx(-86.78, abs=0.1)


def test_it_falls_back_to_the_country_for_text_it_cannot_place(gazetteer):
    found = locality_geocode(text="Various locations", country="US")

    assert found.precision == "country"
    assert found.country == "US"
    assert found.city == "Various locations"


def test_it_places_an_empty_locality_in_its_country(gazetteer):
    assert locality_geocode(text="", country="GB").precision == "country"


def test_it_gives_up_only_without_a_country(gazetteer):
    assert locality_geocode(text="Xyzzyqwv", country="") is None
    assert locality_geocode(text="", country="") is None
    assert locality_geocode(text="Xyzzyqwv", country="ZZ") is None


def test_it_reads_a_territory_as_its_own_country(gazetteer):
    found = locality_geocode(text="San Juan, PR", country="US")

    assert (found.precision, found.city, found.country) == ("city", "San Juan", "PR")


def test_it_reads_a_province_of_another_country(gazetteer):
    found = locality_geocode(text="Toronto, ON", country="US")

    assert (found.city, found.region, found.country) == ("Toronto", "Ontario", "CA")


def test_it_finds_a_town_in_its_country_without_a_region(gazetteer):
    found = locality_geocode(text="Leeds", country="GB")

    assert (found.precision, found.city, found.region) == ("city", "Leeds", "England")


def test_it_remembers_each_string_within_a_run(gazetteer, django_assert_num_queries):
    geocoder = LocalityGeocoder()
    first = geocoder.geocode("Saint Louis, MO", country="US")

    with django_assert_num_queries(0):
        again = geocoder.geocode("Saint Louis, MO", country="US")
        same_text = geocoder.geocode("  Saint   Louis, MO ", country="us")

    assert first is again is same_text


def test_it_reads_a_region_once_for_all_its_towns(gazetteer, django_assert_max_num_queries):
    geocoder = LocalityGeocoder()
    geocoder.geocode("Saint Louis, MO", country="US")

    with django_assert_max_num_queries(0):
        geocoder.geocode("Kansas City, MO", country="US")
        geocoder.geocode("Springfield, MO", country="US")


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("Ft. Wayne", "fort wayne"),
        ("Fort Wayne", "ft wayne"),
        ("St. Paul", "saint paul"),
        ("Ste Genevieve", "sainte genevieve"),
        ("Mt. Vernon", "mount vernon"),
        ("Mc Keesport", "mckeesport"),
        ("Arnold A F B", "arnold air force base"),
        ("De Kalb", "dekalb"),
    ],
)
def test_it_spells_abbreviations_both_ways(text, variant):
    assert variant in name_variants(text)


def test_it_puts_the_plain_spelling_first():
    assert name_variants("St. Paul")[0] == "st paul"
    assert name_variants("") == []
