"""A chapter's invariants hold in the database, whatever writes to it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from picketline.organisations.models import Chapter
from tests import factories

pytestmark = pytest.mark.django_db


def _chapter(organisation, **fields):
    values = {
        "organisation": organisation,
        "name": "Leeds",
        "slug": "leeds",
        "place_name": "Leeds, England, United Kingdom",
        "latitude": 53.8,
        "longitude": -1.55,
        "timezone": "Europe/London",
    } | fields
    return Chapter.objects.create(**values)


def test_a_chapter_meets_regularly_or_not_at_all():
    network = factories.make_organisation(kind="other")
    _chapter(network, meeting_week="first", meeting_weekday=1, meeting_time=dt.time(19))
    _chapter(network, slug="york", name="York")
    with transaction.atomic(), pytest.raises(IntegrityError):
        _chapter(network, slug="hull", name="Hull", meeting_week="first")


def test_a_chapters_address_is_unique_within_its_organisation():
    network = factories.make_organisation(kind="other")
    other = factories.make_organisation(kind="other")
    _chapter(network)
    _chapter(other)
    with transaction.atomic(), pytest.raises(IntegrityError):
        _chapter(network)


@pytest.mark.parametrize("fields", [{"latitude": 91}, {"longitude": -181}, {"area_km": 0}])
def test_a_chapter_has_a_real_place_and_area(fields):
    network = factories.make_organisation(kind="other")
    with transaction.atomic(), pytest.raises(IntegrityError):
        _chapter(network, **fields)
