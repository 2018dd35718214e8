"""The one `near` filter, shared by disputes and events: coordinates, place names, radius."""

import pytest
from django.test import override_settings
from django.utils import translation

from picketline.disputes.filtering import FilterError, filters_from_query
from picketline.events.filters import event_filters_from_query
from picketline.places.near import (
    DEFAULT_RADIUS_KM,
    NearError,
    NearField,
    RadiusField,
    near_resolve,
)


def test_it_takes_coordinates_as_they_are_without_the_gazetteer(db):
    near = near_resolve("53.80, -1.55", 25)

    assert near.point == (53.8, -1.55)
    assert near.radius_km == 25
    assert near.place is None
    assert near.label == "53.80, -1.55"


def test_it_resolves_a_place_name_to_its_most_populous_place(gazetteer):
    near = near_resolve("Leeds")

    assert near.point == pytest.approx((53.796, -1.548), abs=0.01)
    assert near.radius_km == DEFAULT_RADIUS_KM
    assert near.label == "Leeds, England, United Kingdom"


def test_it_refuses_a_place_nobody_knows_saying_what_to_try(db):
    with pytest.raises(NearError) as raised:
        near_resolve("Nowhereville-on-Sea")

    assert raised.value.message == (
        "No place called “Nowhereville-on-Sea” was found. Try a town name, or coordinates "
        "such as 53.80,-1.55."
    )


@override_settings(LANGUAGE_CODE="es")
def test_its_message_is_in_the_readers_language(db):
    with translation.override("es"), pytest.raises(NearError) as raised:
        near_resolve("Nowhereville-on-Sea")

    assert "Nowhereville-on-Sea" in raised.value.message
    assert not raised.value.message.startswith("No place called")


def test_the_fields_keep_the_parameters_limits():
    assert NearField().max_length == 200
    assert not NearField().required
    assert RadiusField().min_value == 0.1
    assert RadiusField().max_value == 20_000
    assert RadiusField(min_value=1).min_value == 1


@pytest.mark.parametrize(
    "from_query", [filters_from_query, event_filters_from_query], ids=["disputes", "events"]
)
def test_disputes_and_events_refuse_an_unknown_place_alike(db, from_query):
    with pytest.raises(FilterError) as raised:
        from_query({"near": "Nowhereville-on-Sea"})

    assert raised.value.unknown_place
    assert raised.value.errors["near"] == [NearError("Nowhereville-on-Sea").message]


@pytest.mark.parametrize(
    "from_query", [filters_from_query, event_filters_from_query], ids=["disputes", "events"]
)
def test_disputes_and_events_take_coordinates_alike(db, from_query):
    filters = from_query({"near": "53.8,-1.55", "radius_km": "5"})

    assert filters.point == (53.8, -1.55)
    assert filters.radius_km == 5
    assert filters.place is None
