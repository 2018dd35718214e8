"""Charters' public pages and API read a fixed number of queries, whatever the number of
endorsements, countries, versions and translations."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.charters import services
from picketline.charters.demo_text import TRANSLATIONS
from picketline.charters.models import Charter
from picketline.places.models import Country
from tests import factories
from tests.charters import helpers

pytestmark = pytest.mark.django_db

# The queries each page takes (anonymous reader), pinned.
QUERIES = {
    "/charters/": 1,
    # The charter; its versions and their translations; the counts by country; the named
    # endorsers; the countries' places on the map.
    "/charters/workers/": 6,
    "/charters/workers/fa/": 6,
    "/charters/workers/endorse/": 1,
    # The charter; the counts; the versions and their translations.
    "/api/v1/charters/workers": 4,
}


def _queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(charter, n: int) -> None:
    """More of everything the pages show: endorsers in more countries, another version with
    every translation, another charter in the list."""
    countries = ["FR", "DE", "IT", "KR", "IN", "BR", "MX", "ZA", "EG", "ID"]
    for code in countries:
        Country.objects.get_or_create(
            code=code, defaults={"name": code, "latitude": 10.0, "longitude": 20.0}
        )
    for i in range(n):
        country = countries[i % len(countries)]
        helpers.endorse_person(
            charter, email=f"p{n}-{i}@example.org", name=f"P {i}", country=country, public=i % 2
        )
        helpers.endorse_organisation(
            charter, email=f"o{n}-{i}@example.org", name=f"Union {n}-{i}", country=country
        )
    editor = factories.make_moderator()
    version = services.version_add(
        charter=charter,
        title="Workers' Charter",
        text=f"Revised {n}",
        published_on=dt.date(2026, 6, n),
        user=editor,
    )
    for language, (title, text) in TRANSLATIONS.items():
        services.translation_save(
            version=version, language=language, title=title, text=text, user=editor
        )
    services.charter_create(title=f"Another charter {n}", language="fr", user=editor)


@pytest.mark.parametrize("url", sorted(QUERIES))
def test_it_reads_a_fixed_number_of_queries(client, url):
    charter = helpers.make_charter(slug="workers")
    _grow(charter, 2)
    small = _queries(client, url)
    _grow(charter, 8)
    assert Charter.objects.count() == 3
    large = _queries(client, url)
    assert small == large == QUERIES[url], (small, large)
