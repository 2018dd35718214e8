"""Resolving what people type ("Leeds", "Манчестер", "53.8,-1.55") to places, offline.

Every lookup goes through the indexed `PlaceName.key`: a name is normalised the way the
loader normalised every GeoNames name, then matched exactly or by prefix. The geocoder used by
imports reads each region's names once and then matches them in memory.
"""

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.utils.translation import gettext

from picketline.core.geo import bounding_box, distance_km_expression, parse_lat_lon
from picketline.core.i18n import current_language
from picketline.core.text import normalize_name
from picketline.places.countries import country_name
from picketline.places.matching import FUZZY_MIN_LENGTH, misspellings_among, resembles
from picketline.places.models import (
    LOCAL_NAME_LANGUAGES,
    Country,
    Place,
    PlaceLocalName,
    PlaceName,
    Region,
)

MAX_ALTERNATIVES = 10

# The precisions a geocoded locality can have; the same values as the registry's Precision
# choices, spelled out here because places imports no domain app.
CITY = "city"
REGION = "region"
COUNTRY = "country"

# What people write for a country besides its code, ISO3 code and GeoNames name.
COUNTRY_ALIASES = {
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "united states of america": "US",
    "america": "US",
}


@dataclass(frozen=True)
class PlaceCandidate:
    geonameid: int
    name: str  # the place's own name, e.g. "Leeds"
    label: str  # for people: "Leeds, England, United Kingdom"
    country: str  # ISO code
    latitude: float
    longitude: float
    population: int

    @property
    def query(self) -> str:
        """What to put in `near=` to pick exactly this place."""
        return f"{self.latitude:.5f},{self.longitude:.5f}"


@dataclass(frozen=True)
class PlaceResolution:
    text: str
    point: tuple[float, float] | None = None  # (lat, lon) of the chosen place
    label: str = ""  # what was understood, e.g. "Leeds, United Kingdom" or "53.80, -1.55"
    # Other places with the same name, most populous first (the chosen one excluded).
    alternatives: list[PlaceCandidate] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.point is not None


@dataclass(frozen=True)
class Geocoded:
    """Where a locality string put a record, and how sure that is."""

    latitude: float
    longitude: float
    precision: str  # CITY, REGION or COUNTRY ("exact" when an import had coordinates)
    city: str = ""
    region: str = ""
    country: str = ""  # ISO code
    timezone: str = ""


def place_label(place: Place) -> str:
    parts = [place.name]
    if place.region is not None and place.region.has_name:
        # The regions named by the loader are in the catalogue; the others stay as they are.
        parts.append(gettext(place.region.name))
    parts.append(country_name(place.country_id, default=place.country.name))
    return ", ".join(parts)


def _localised(candidates: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """The candidates with their names in the reader's language, where the gazetteer has them:
    one query, and none for a language it keeps no names in."""
    language = current_language()
    if language not in LOCAL_NAME_LANGUAGES or not candidates:
        return candidates
    names = dict(
        PlaceLocalName.objects.filter(
            language=language, place_id__in=[c.geonameid for c in candidates]
        ).values_list("place_id", "name")
    )
    return [
        replace(c, name=names[c.geonameid], label=names[c.geonameid] + c.label[len(c.name) :])
        if c.geonameid in names
        else c
        for c in candidates
    ]


def _candidate(place: Place) -> PlaceCandidate:
    return PlaceCandidate(
        geonameid=place.geonameid,
        name=place.name,
        label=place_label(place),
        country=place.country_id,
        latitude=place.latitude,
        longitude=place.longitude,
        population=place.population,
    )


# A place's own name counts this many times its population against other places' alternative
# names: "Salem, OH" is the town of Salem, not a bigger neighbour once called Salem, while
# "New York" stays the city, whatever small place is called just that.
MAIN_NAME_WEIGHT = 10
_RANK = F("population") * Case(When(is_main=True, then=Value(MAIN_NAME_WEIGHT)), default=Value(1))
RANKING = (_RANK.desc(), "place_id")


def _names() -> QuerySet[PlaceName]:
    return PlaceName.objects.select_related("place__region", "place__country")


def _key_prefix(prefix: str) -> Q:
    """Keys that start with `prefix`, written so the key index serves the lookup."""
    if connection.vendor == "sqlite":
        # SQLite compares text byte by byte, so the keys starting with the prefix are exactly a
        # range, which its planner reads from the index (it will not for a LIKE).
        successor = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return Q(key__gte=prefix, key__lt=successor)
    # PostgreSQL: LIKE 'prefix%' through the index's pattern operator class.
    return Q(key__startswith=prefix)


def _regions_matching(text: str, *, country: str = "") -> list[Region]:
    """Regions called `text` by code, postal abbreviation or name ("MO", "ON", "Missouri")."""
    text = " ".join(text.split()).strip(".")
    if not text:
        return []
    regions = Region.objects.filter(
        Q(code__iexact=text) | Q(abbreviation__iexact=text) | Q(name__iexact=text)
    )
    if country:
        regions = regions.filter(country_id=country)
    return list(regions.select_related("country"))


def _countries_matching(text: str) -> list[Country]:
    text = " ".join(text.split()).strip(".")
    key = normalize_name(text)
    if not key:
        return []
    codes = [text.upper()] if len(text) == 2 else []
    if key in COUNTRY_ALIASES:
        codes.append(COUNTRY_ALIASES[key])
    return list(
        Country.objects.filter(Q(code__in=codes) | Q(iso3__iexact=text) | Q(name__iexact=text))
    )


def country_code(*, text: str) -> str:
    """The ISO code of the country `text` names ("GB", "GBR", "United Kingdom", "UK"), or ""."""
    matches = _countries_matching(text)
    return matches[0].code if len(matches) == 1 else ""


def _scope(qualifiers: list[str]) -> tuple[Q, bool]:
    """A filter for "…, IL", "…, United Kingdom", "…, England, UK": every qualifier must hold.

    Returns the filter and whether every qualifier was understood.
    """
    scope = Q()
    understood = True
    for qualifier in qualifiers:
        regions = _regions_matching(qualifier)
        countries = _countries_matching(qualifier)
        if not regions and not countries:
            understood = False
            continue
        scope &= Q(place__region__in=regions) | Q(place__country__in=countries)
    return scope, understood


def _resembling(key: str, name_row: PlaceName) -> bool:
    """A place found by its own name, or whose own name looks like what was typed."""
    return name_row.is_main or resembles(key, own_name=normalize_name(name_row.place.name))


def _lookup(key: str, scope: Q, *, limit: int) -> list[PlaceCandidate]:
    """Places with a name equal to `key`, best ranked first. The first is kept whatever its
    own name ("Bombay" is Mumbai); the others only when their own name resembles `key`."""
    if not key:
        return []
    names = _names().filter(key=key).filter(scope).order_by(*RANKING)
    found: dict[int, PlaceCandidate] = {}
    for name_row in names[: limit * 2]:
        if name_row.place_id in found or (found and not _resembling(key, name_row)):
            continue
        found[name_row.place_id] = _candidate(name_row.place)
        if len(found) == limit:
            break
    return list(found.values())


def _place_candidates(*, text: str, limit: int = MAX_ALTERNATIVES + 1) -> list[PlaceCandidate]:
    """Places called `text`, most populous first; "Name, region or country" narrows them."""
    name, *qualifiers = [part.strip() for part in text.split(",")]
    qualifiers = [qualifier for qualifier in qualifiers if qualifier]
    if not qualifiers:
        return _lookup(normalize_name(name), Q(), limit=limit)
    scope, understood = _scope(qualifiers)
    found = _lookup(normalize_name(name), scope, limit=limit)
    # Some places carry a comma in their name ("Washington, D.C.").
    found = found or _lookup(normalize_name(text), Q(), limit=limit)
    if not found and not understood:
        # "Leeds, West Yorkshire": the county is not a region the gazetteer knows.
        found = _lookup(normalize_name(name), Q(), limit=limit)
    return found


def place_candidates(*, text: str, limit: int = MAX_ALTERNATIVES + 1) -> list[PlaceCandidate]:
    """Places called `text`, most populous first, named in the reader's language where the
    gazetteer can; "Name, region or country" narrows them."""
    return _localised(_place_candidates(text=text, limit=limit))


def place_resolve(*, text: str) -> PlaceResolution:
    point = parse_lat_lon(text)
    if point:
        return PlaceResolution(text=text, point=point, label=f"{point[0]:.4f}, {point[1]:.4f}")
    candidates = place_candidates(text=text)
    if not candidates:
        return PlaceResolution(text=text)
    chosen, *others = candidates
    return PlaceResolution(
        text=text,
        point=(chosen.latitude, chosen.longitude),
        label=chosen.label,
        alternatives=others[:MAX_ALTERNATIVES],
    )


def place_search(*, text: str, limit: int = 10) -> list[PlaceCandidate]:
    """Suggestions for what is being typed: places named exactly so, then places with a name
    starting so, then misspellings of it, each group most populous first. A place found only
    through another of its names is left out when its own name does not resemble the text."""
    name, *qualifiers = [part.strip() for part in text.split(",")]
    key = normalize_name(name)
    if not key or limit < 1:
        return []
    scope, _ = _scope([qualifier for qualifier in qualifiers if qualifier])
    names = _names().filter(scope)
    found = {candidate.geonameid: candidate for candidate in _lookup(key, scope, limit=limit)}
    prefixed = names.filter(_key_prefix(key)).exclude(key=key).order_by(*RANKING)
    _add_resembling(found, key, prefixed[: limit * 4], limit=limit)
    if len(found) < limit and len(key) >= FUZZY_MIN_LENGTH:
        _add_resembling(found, key, _misspellings(names, key, limit=limit), limit=limit)
    return _localised(list(found.values()))


def _misspellings(names: QuerySet[PlaceName], key: str, *, limit: int) -> QuerySet[PlaceName]:
    """Names that start with the same two letters as `key`, are about as long and differ by a
    letter or two ("manchestr"), most populous first.

    The candidate keys are read from the index alone and compared in memory, cheapest test
    first: a few thousand keys take a few milliseconds."""
    keys = (
        PlaceName.objects.filter(_key_prefix(key[:2]))
        .annotate(length=Length("key"))
        .filter(length__gte=len(key) - 2, length__lte=len(key) + 2)
        .values_list("key", flat=True)
        .distinct()
    )
    close = misspellings_among(key, keys.iterator())
    return names.filter(key__in=close).order_by(*RANKING)[: limit * 4]


def _add_resembling(found: dict, key: str, name_rows, *, limit: int) -> None:
    for name_row in name_rows:
        if len(found) == limit:
            return
        if name_row.place_id not in found and _resembling(key, name_row):
            found[name_row.place_id] = _candidate(name_row.place)


# Abbreviations in place names, each with what else it may be written as.
_WORD_FORMS: dict[str, tuple[str, ...]] = {
    "st": ("saint",),
    "saint": ("st",),
    "ste": ("sainte",),
    "sainte": ("ste",),
    "ft": ("fort",),
    "fort": ("ft",),
    "mt": ("mount",),
    "mount": ("mt",),
    "mtn": ("mountain",),
    "pt": ("point", "port"),
    "pte": ("pointe",),
    "n": ("north",),
    "s": ("south",),
    "e": ("east",),
    "w": ("west",),
    "no": ("north",),
    "so": ("south",),
    "hts": ("heights",),
    "hgts": ("heights",),
    "spgs": ("springs",),
    "spg": ("springs",),
    "spr": ("springs",),
    "jct": ("junction",),
    "twp": ("township",),
    "vlg": ("village",),
    "cty": ("city",),
    "ctr": ("center",),
    "bch": ("beach",),
    "pk": ("park",),
    "hbr": ("harbor",),
    "lk": ("lake",),
    "is": ("island",),
    "isl": ("island",),
    "fls": ("falls",),
    "vly": ("valley",),
    "afb": ("air force base",),
}
# Prefixes that some spellings join to the next word ("Mc Keesport", "De Kalb", "La Porte").
_JOINABLE = {"mc", "mac", "de", "la", "le", "du", "van", "o"}
MAX_VARIANTS = 48


def name_variants(text: str) -> list[str]:
    """Normalised spellings of a locality: "Ft. Wayne" → "ft wayne", "fort wayne", …

    Expands abbreviations both ways, joins initials ("A F B" → "afb" → "air force base") and
    joined prefixes ("Mc Keesport" → "mckeesport"). The plain key comes first.
    """
    key = normalize_name(text)
    if not key:
        return []
    words: list[str] = []
    initials = False  # whether the last word was built from single letters
    for word in key.split():
        if len(word) == 1 and word.isalpha() and initials:
            words[-1] += word
        else:
            words.append(word)
        initials = len(word) == 1 and word.isalpha() and (initials or len(words[-1]) == 1)
    choices = [(word, *_WORD_FORMS.get(word, ())) for word in words]
    variants = [key]
    for combination in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
        variants.append(" ".join(combination))
    joined = []
    for variant in variants:
        parts = variant.split()
        if len(parts) > 1 and parts[0] in _JOINABLE:
            joined.append(parts[0] + " ".join(parts[1:]))
        if len(parts) > 1:
            joined.append("".join(parts))
    return list(dict.fromkeys(variant for variant in variants + joined if len(variant) <= 200))


# Fewer letters than this are too short to be a name cut off by a fixed-width source.
MIN_TRUNCATED_LENGTH = 10


class LocalityGeocoder:
    """Places locality strings ("Saint Louis, MO", "Long Island Cit, NY"), remembering answers.

    Keep one for a whole import run: each distinct string is looked up once, and the names of
    a region are read once, then searched in memory.
    """

    def __init__(self):
        self._answers: dict[tuple[str, str], Geocoded | None] = {}
        self._countries: dict[str, Country | None] = {}
        self._regions: dict[tuple[str, str], Region | None] = {}
        self._region_names: dict[int, _RegionNames] = {}

    def geocode(self, text: str, *, country: str = "") -> Geocoded | None:
        text = " ".join((text or "").split())
        country = (country or "").strip().upper()
        key = (text, country)
        if key not in self._answers:
            self._answers[key] = self._geocode(text, country)
        return self._answers[key]

    def _country(self, code: str) -> Country | None:
        if code not in self._countries:
            self._countries[code] = Country.objects.filter(code=code).first() if code else None
        return self._countries[code]

    def _region(self, text: str, country: str) -> Region | None:
        """The region `text` names, within `country` when given (where "CA" is California)."""
        key = (text.upper(), country)
        if key not in self._regions:
            regions = _regions_matching(text, country=country)
            # Without a country, an ambiguous code ("WA") names nothing in particular.
            self._regions[key] = regions[0] if len(regions) == 1 else None
        return self._regions[key]

    def _qualifier(self, text: str, country: str) -> tuple[Region | None, Country | None]:
        region = self._region(text, country)
        if region is not None:
            return region, region.country
        matches = _countries_matching(text)
        if len(matches) == 1:
            return None, matches[0]
        # A region of another country than the default one: "Toronto, ON" in a US file.
        region = self._region(text, "") if country else None
        return (region, region.country) if region is not None else (None, None)

    def _geocode(self, text: str, country_code: str) -> Geocoded | None:
        country = self._country(country_code)
        region = None
        city = text
        head, comma, tail = text.rpartition(",")
        if comma:
            region, qualified = self._qualifier(tail.strip(" ."), country_code)
            if qualified is not None:
                country, city = qualified, head.strip(" ,")
        elif country is not None and " " in text:
            # "Saint Louis MO": a trailing capitalised code naming a region of the country.
            head, _, last = text.rpartition(" ")
            if last.isupper() and (found := self._region(last, country.code)) is not None:
                region, city = found, head
        place = self._place(city, region=region, country=country)
        if place is not None:
            return Geocoded(
                latitude=place.latitude,
                longitude=place.longitude,
                precision=CITY,
                city=place.name,
                region=_region_label(place.region),
                country=place.country_id,
                timezone=place.timezone,
            )
        if region is not None:
            return Geocoded(
                latitude=region.latitude,
                longitude=region.longitude,
                precision=REGION,
                city=city,
                region=_region_label(region),
                country=region.country_id,
                timezone=region.timezone,
            )
        if country is not None:
            return Geocoded(
                latitude=country.latitude,
                longitude=country.longitude,
                precision=COUNTRY,
                city=city,
                country=country.code,
                timezone=country.timezone,
            )
        return None

    def _place(self, city: str, *, region: Region | None, country: Country | None) -> Place | None:
        pieces = _locality_pieces(city)
        if region is not None:
            return self._place_in_region(pieces, region)
        names = _names()
        if country is not None:
            names = names.filter(place__country=country)
        for piece in pieces:
            variants = name_variants(piece)
            if variants:
                found = names.filter(key__in=variants).order_by(*RANKING).first()
                if found is not None:
                    return found.place
        return None

    def _place_in_region(self, pieces: list[str], region: Region) -> Place | None:
        if region.pk not in self._region_names:
            self._region_names[region.pk] = _RegionNames(region)
        names = self._region_names[region.pk]
        for piece in pieces:
            found = names.best(name_variants(piece))
            if found is not None:
                return found
        if not pieces:
            return None
        # Fixed-width sources cut long names ("Long Island Cit"): a prefix, but only within
        # the region and only for names long enough to have been cut.
        prefixes = [v for v in name_variants(pieces[0]) if len(v) >= MIN_TRUNCATED_LENGTH]
        return names.best(prefixes, prefix=True)


class _RegionNames:
    """Every name of one region's places, held in memory for many lookups in a row.

    Ranked as RANKING ranks them in the database: population, ten times over for a place's
    own name, then the lower GeoNames id.
    """

    def __init__(self, region: Region):
        self.places = {
            place.pk: place
            for place in Place.objects.filter(region=region).select_related("country")
        }
        for place in self.places.values():
            place.region = region
        self.ranks: dict[str, tuple[int, int]] = {}
        rows = PlaceName.objects.filter(place__region=region).values_list(
            "key", "is_main", "population", "place_id"
        )
        for key, is_main, population, place_id in rows:
            rank = (population * (MAIN_NAME_WEIGHT if is_main else 1), -place_id)
            if rank > self.ranks.get(key, (-1, 0)):
                self.ranks[key] = rank
        self.keys = sorted(self.ranks)

    def best(self, keys: list[str], *, prefix: bool = False) -> Place | None:
        ranks = []
        for key in keys:
            if not prefix:
                if key in self.ranks:
                    ranks.append(self.ranks[key])
                continue
            index = bisect.bisect_left(self.keys, key)
            while index < len(self.keys) and self.keys[index].startswith(key):
                ranks.append(self.ranks[self.keys[index]])
                index += 1
        if not ranks:
            return None
        return self.places[-max(ranks)[1]]


# Words around a town's name that are not part of it: "St Louis Area", "Oakland & Vic".
_NOISE_WORDS = {"area", "vic", "vicinity", "viciniy", "and", "greater", "metro", "downtown"}
_PIECE_SEPARATORS = re.compile(r"[,/&;()]| - ")


def _locality_pieces(city: str) -> list[str]:
    """What to look up for a locality, best first: "Yuba City/Marysville" → itself, each town."""
    if not city.strip():
        return []
    pieces = [city]
    parts = [part.strip() for part in _PIECE_SEPARATORS.split(city)]
    pieces.extend(part for part in parts if part)
    for piece in list(pieces):
        words = [word for word in piece.split() if word.casefold().strip(".") not in _NOISE_WORDS]
        if words:
            pieces.append(" ".join(words))
    return list(dict.fromkeys(pieces))


def _region_label(region: Region | None) -> str:
    return region.name if region is not None and region.has_name else ""


def locality_geocode(
    *, text: str, country: str = "", geocoder: LocalityGeocoder | None = None
) -> Geocoded | None:
    """Where a locality string ("Saint Louis, MO") is, at the best precision it allows.

    Tries the town within the region or country, then a prefix of it (for truncated names),
    then the region's centre, then the country's. None only when neither the text nor
    `country` names anywhere. Pass one `geocoder` for many calls to reuse its answers.
    """
    return (geocoder or LocalityGeocoder()).geocode(text, country=country)


def place_nearest(*, latitude: float, longitude: float, radius_km: float) -> Place | None:
    """The gazetteer place nearest to a point, within `radius_km`, with its region loaded."""
    box = bounding_box(latitude, longitude, radius_km)
    places = Place.objects.filter(latitude__gte=box.min_lat, latitude__lte=box.max_lat)
    if box.crosses_antimeridian:
        places = places.filter(longitude__gte=box.min_lon) | places.filter(
            longitude__lte=box.max_lon
        )
    else:
        places = places.filter(longitude__gte=box.min_lon, longitude__lte=box.max_lon)
    return (
        places.annotate(
            distance_km=distance_km_expression(latitude, longitude, "latitude", "longitude")
        )
        .filter(distance_km__lte=radius_km)
        .select_related("region")
        .order_by("distance_km", "-population")
        .first()
    )
