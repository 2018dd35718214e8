import pytest
from django.db import connection

from picketline.places.models import PlaceName
from picketline.places.selectors import RANKING, place_resolve, place_search

LEEDS = "Leeds, England, United Kingdom"
MANCHESTER = "Manchester, England, United Kingdom"


def test_it_finds_leeds(gazetteer):
    resolution = place_resolve(text="Leeds")

    assert resolution.found
    assert resolution.label == LEEDS
    assert resolution.point == pytest.approx((53.796, -1.548), abs=0.01)


@pytest.mark.parametrize("text", ["Манчестер", "مانشستر", "manchester", "  MANCHESTER "])
def test_it_finds_a_place_by_its_name_in_other_scripts(gazetteer, text):
    assert place_resolve(text=text).label == MANCHESTER


@pytest.mark.parametrize("text", ["Saint-Étienne", "saint etienne", "SAINT ETIENNE"])
def test_it_ignores_accents_case_and_hyphens(gazetteer, text):
    assert place_resolve(text=text).label == "Saint-Étienne, France"


def test_it_chooses_the_most_populous_and_offers_the_others(gazetteer):
    resolution = place_resolve(text="Springfield")
    populations = [candidate.population for candidate in resolution.alternatives]

    assert resolution.label == "Springfield, Missouri, United States"
    assert len(resolution.alternatives) == 10
    assert populations == sorted(populations, reverse=True)
    assert populations[0] <= 170_188
    assert "Springfield, Illinois, United States" in [a.label for a in resolution.alternatives]


def test_it_prefers_a_town_called_so_to_a_bigger_one_once_called_so(gazetteer):
    # Salem (Ohio) is smaller than a neighbour that GeoNames also lists as "Salem".
    assert place_resolve(text="Salem, OH").label == "Salem, Ohio, United States"


def test_it_takes_coordinates_as_they_are(gazetteer):
    resolution = place_resolve(text="53.8, -1.55")

    assert resolution.point == (53.8, -1.55)
    assert resolution.alternatives == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Leeds, GB", LEEDS),
        ("Leeds, United Kingdom", LEEDS),
        ("Leeds, UK", LEEDS),
        ("Leeds, England", LEEDS),
        ("Leeds, England, United Kingdom", LEEDS),
        ("Leeds, Alabama", "Leeds, Alabama, United States"),
        ("Springfield, IL", "Springfield, Illinois, United States"),
        ("Springfield, Illinois", "Springfield, Illinois, United States"),
        ("springfield,il", "Springfield, Illinois, United States"),
        ("Toronto, ON", "Toronto, Ontario, Canada"),
        ("London, Canada", "London, Ontario, Canada"),
        ("Paris, US", "Paris, Texas, United States"),
    ],
)
def test_it_narrows_a_name_by_region_or_country(gazetteer, text, label):
    resolution = place_resolve(text=text)

    assert resolution.label == label
    assert all(label not in candidate.label for candidate in resolution.alternatives)


def test_it_finds_nothing_where_the_region_has_no_such_place(gazetteer):
    assert not place_resolve(text="Leeds, Texas").found


def test_it_ignores_a_qualifier_it_does_not_know(gazetteer):
    assert place_resolve(text="Leeds, West Yorkshire").label == LEEDS


@pytest.mark.parametrize("text", ["Xyzzyqwv", "", "   ", ",", "Leeds Leeds Leeds"])
def test_it_says_when_it_finds_nothing(gazetteer, text):
    resolution = place_resolve(text=text)

    assert not resolution.found
    assert resolution.point is None
    assert resolution.alternatives == []


def test_it_suggests_places_starting_with_what_was_typed(gazetteer):
    suggestions = place_search(text="Manch")

    assert [s.label for s in suggestions[:2]] == [
        MANCHESTER,
        "Manchester, New Hampshire, United States",
    ]
    assert len(suggestions) == 10
    assert len({candidate.geonameid for candidate in suggestions}) == 10


def test_it_suggests_within_a_region(gazetteer):
    suggestions = place_search(text="Spring, IL", limit=3)

    assert suggestions[0].label == "Springfield, Illinois, United States"
    assert all(", Illinois, " in s.label for s in suggestions)
    assert len(suggestions) == 3


def test_it_suggests_nothing_for_nothing(gazetteer):
    assert place_search(text="") == []
    assert place_search(text="zzqxj") == []


def test_it_reads_names_through_their_index(gazetteer):
    from picketline.places.selectors import _key_prefix

    exact = PlaceName.objects.filter(key="leeds").order_by(*RANKING)[:11].explain()
    prefix = PlaceName.objects.filter(_key_prefix("manch")).order_by(*RANKING)[:40].explain()

    assert "placename_key_pop" in exact
    assert "placename_key_pop" in prefix
    if connection.vendor == "sqlite":
        assert "SCAN places_placename" not in exact + prefix
