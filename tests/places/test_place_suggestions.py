"""Suggestions rank places by how well their name matches what was typed (exactly, then as
the start of a name, then as a misspelling), then by population, and never offer a town whose
own name does not resemble the text because one of its former names once did."""

import pytest

from picketline.places.matching import resembles, similarity
from picketline.places.selectors import place_resolve, place_search

# What people type → the first suggestion, from the GeoNames data the tests load.
FIRST_SUGGESTIONS = [
    ("Leeds", "Leeds, England, United Kingdom"),
    ("leeds", "Leeds, England, United Kingdom"),
    ("Lee", "Lee, England, United Kingdom"),
    ("Manch", "Manchester, England, United Kingdom"),
    ("Манчестер", "Manchester, England, United Kingdom"),
    ("مانشستر", "Manchester, England, United Kingdom"),
    ("Manchestr", "Manchester, England, United Kingdom"),
    ("Birmingam", "Birmingham, England, United Kingdom"),
    ("Sheffeld", "Sheffield, England, United Kingdom"),
    ("Madird", "Madrid, Spain"),
    ("Glasgo", "Glasgow, Scotland, United Kingdom"),
    ("Springf", "Springfield, Missouri, United States"),
    ("Spring, IL", "Springfield, Illinois, United States"),
    ("Saint-Étienne", "Saint-Étienne, France"),
    ("Paris", "Paris, France"),
    ("London", "London, England, United Kingdom"),
    ("Cologne", "Köln, Germany"),
    ("Bombay", "Mumbai, India"),
]


@pytest.mark.parametrize(("typed", "first"), FIRST_SUGGESTIONS)
def test_it_suggests_the_place_meant_first(gazetteer, typed, first):
    suggestions = place_search(text=typed, limit=8)
    assert suggestions, f"nothing suggested for {typed!r}"
    assert suggestions[0].label == first


def test_it_never_offers_towns_once_called_leeds(gazetteer):
    # Elkins (WV) and Linwood (NJ) were once Leedsville, Hoopeston (IL) was once Leeds.
    labels = [s.label for s in place_search(text="Leeds", limit=20)]
    for town in ("Elkins", "Linwood", "Hoopeston"):
        assert not any(label.startswith(town) for label in labels), labels


def test_places_named_exactly_so_come_before_longer_names(gazetteer):
    labels = [s.label for s in place_search(text="Leeds", limit=8)]
    assert labels[:4] == [
        "Leeds, England, United Kingdom",
        "Leeds, Alabama, United States",
        "Leeds, Maine, United States",
        "Leeds, Utah, United States",
    ]


def test_did_you_mean_never_offers_a_town_once_called_so(gazetteer):
    resolution = place_resolve(text="Leeds")
    labels = [candidate.label for candidate in resolution.alternatives]
    assert resolution.label == "Leeds, England, United Kingdom"
    assert "Leeds, Alabama, United States" in labels
    assert not any(label.startswith("Hoopeston") for label in labels), labels


def test_a_former_name_typed_in_full_still_finds_its_town(gazetteer):
    # The only place that answers to the name is the place meant.
    assert place_search(text="Leedsville", limit=5)[0].label.startswith("Elkins, West Virginia")


def test_misspellings_come_after_names_that_start_with_the_text(gazetteer):
    labels = [s.label for s in place_search(text="Leds", limit=8)]
    assert labels[0].startswith("Leds")  # Ledsham, Ledston
    assert "Leeds, England, United Kingdom" in labels


def test_it_suggests_nothing_that_does_not_look_like_the_text(gazetteer):
    assert place_search(text="Xqzvw", limit=8) == []


def test_resemblance_compares_letters_only_within_one_script():
    assert resembles("munich", own_name="munchen")
    assert not resembles("leeds", own_name="hoopeston")
    assert resembles("манчестер", own_name="manchester")
    assert similarity("manch", "manchester") == 1.0
