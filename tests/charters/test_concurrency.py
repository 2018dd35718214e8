"""Endorsements from separate connections at the same moment (PostgreSQL): the same address
sent many times at once is stored once and counted once; one link followed twice at once
confirms once; two editors adding versions at once get different numbers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from picketline.charters import services
from picketline.charters.models import CharterVersion, Endorsement
from picketline.core.models import AuditEntry
from tests import factories
from tests.charters import helpers
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_address_at_once_is_stored_once():
    charter = helpers.make_charter(slug="workers")

    def endorse(n):
        return lambda: services.endorsement_submit(
            charter=charter, kind="person", name=f"Rosa {n}", email="ROSA@example.org", country="IT"
        )

    outcomes = race([endorse(n) for n in range(12)])
    assert sum(1 for outcome in outcomes if outcome.created) == 1
    assert Endorsement.objects.filter(email="rosa@example.org").count() == 1
    assert AuditEntry.objects.filter(action="charter.endorsed").count() == 1


def test_a_link_followed_twice_at_once_confirms_once():
    charter = helpers.make_charter(slug="workers")
    helpers.endorse_person(charter, email="rosa@example.org", confirm=False)
    raw = helpers.confirm_link("rosa@example.org").rstrip("/").rsplit("/", 1)[1]
    outcomes = race(
        [lambda: services.endorsement_confirm(raw=raw) for _ in range(6)], refused=ValidationError
    )
    assert sum(1 for outcome in outcomes if isinstance(outcome, Endorsement)) == 1
    assert AuditEntry.objects.filter(action="charter.endorsement_confirmed").count() == 1


def test_versions_added_at_once_get_different_numbers():
    charter = helpers.make_charter(slug="workers")
    editor = factories.make_moderator()

    def add(n):
        return lambda: services.version_add(
            charter=charter,
            title="Charter",
            text=f"Text {n}",
            published_on=dt.date(2026, 6, 1),
            user=editor,
        )

    race([add(n) for n in range(6)])
    numbers = sorted(
        CharterVersion.objects.filter(charter=charter).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4, 5, 6, 7]
