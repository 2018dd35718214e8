"""Demo organisations: a solidarity network with chapters in seven cities of three countries,
a union with branches, and a town's cross-union strike committee with member organisations;
demands in English with Spanish and Arabic translations.

Loaded by `picketline demo-organisations` (after `picketline demo`, whose Transport Workers'
Union it gives branches to); safe to re-run: every row is found by its name first. Places come
from the gazetteer when `picketline load-places` has run, else from the coordinates here.
Every organisation and place here is fictional or public, and marked `is_demo`.

Members in every standing come from the membership room's own demo data, which finds these
organisations and chapters by slug (`DEMO_NETWORK`, `DEMO_UNION`).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from picketline.core.text import normalize_name
from picketline.organisations.chapters.models import MeetingWeek, Weekday
from picketline.organisations.chapters.services import chapter_create
from picketline.organisations.models import Organisation
from picketline.organisations.services import demand_save, organisation_update
from picketline.places.selectors import locality_geocode

DEMO_NETWORK = "Strike Solidarity Network (demo)"
DEMO_UNION = "Transport Workers' Union (demo)"
DEMO_COMMITTEE = "Leeds Cross-Union Strike Committee (demo)"


@dataclass(frozen=True)
class DemoChapter:
    city: str
    country: str
    zone: str
    lat: float
    lon: float
    week: str = ""
    weekday: int | None = None
    time: dt.time | None = None
    meeting_place: str = ""


NETWORK_CHAPTERS = (
    DemoChapter(
        "Leeds",
        "GB",
        "Europe/London",
        53.7965,
        -1.5478,
        MeetingWeek.FIRST,
        Weekday.TUESDAY,
        dt.time(19),
        "Trades Club, back room",
    ),
    DemoChapter(
        "Manchester",
        "GB",
        "Europe/London",
        53.4808,
        -2.2426,
        MeetingWeek.SECOND,
        Weekday.WEDNESDAY,
        dt.time(18, 30),
        "Mechanics Institute",
    ),
    DemoChapter(
        "Glasgow",
        "GB",
        "Europe/London",
        55.8642,
        -4.2518,
        MeetingWeek.LAST,
        Weekday.THURSDAY,
        dt.time(19),
    ),
    DemoChapter(
        "Madrid",
        "ES",
        "Europe/Madrid",
        40.4168,
        -3.7038,
        MeetingWeek.FIRST,
        Weekday.MONDAY,
        dt.time(19, 30),
        "Ateneo de Lavapiés",
    ),
    DemoChapter(
        "Barcelona",
        "ES",
        "Europe/Madrid",
        41.3874,
        2.1686,
        MeetingWeek.EVERY,
        Weekday.THURSDAY,
        dt.time(20),
    ),
    DemoChapter(
        "Paris",
        "FR",
        "Europe/Paris",
        48.8566,
        2.3522,
        MeetingWeek.THIRD,
        Weekday.SATURDAY,
        dt.time(15),
        "Bourse du Travail",
    ),
    DemoChapter("Lyon", "FR", "Europe/Paris", 45.764, 4.8357),
)

NETWORK_DEMANDS = (
    (
        "No victimisation of strikers",
        {"es": "Ninguna represalia contra los huelguistas", "ar": "لا انتقام من المضربين"},
    ),
    (
        "Wages that keep up with prices",
        {"es": "Salarios que suban con los precios", "ar": "أجور تواكب الأسعار"},
    ),
    ("The right to strike in solidarity", {"es": "El derecho a la huelga de solidaridad"}),
)

UNION_BRANCHES = (
    (
        "Transport Workers' Union Leeds Branch (demo)",
        "Leeds",
        "GB",
        "Europe/London",
        53.7965,
        -1.5478,
    ),
    (
        "Transport Workers' Union Manchester Branch (demo)",
        "Manchester",
        "GB",
        "Europe/London",
        53.4808,
        -2.2426,
    ),
)


def _organisation(name: str, kind: str, country: str, **fields) -> Organisation:
    organisation = Organisation.objects.filter(name=name, country=country).first()
    if organisation is None:
        base = slugify(name, allow_unicode=True)[:200] or "organisation"
        slug, n = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        organisation = Organisation.objects.create(
            name=name,
            name_key=normalize_name(name),
            kind=kind,
            country=country,
            slug=slug,
            is_demo=True,
        )
    changes = {
        name: value
        for name, value in {"kind": kind, **fields}.items()
        if getattr(organisation, name) != value
    }
    if changes:
        organisation = organisation_update(organisation=organisation, by=None, **changes)
    return organisation


def _chapter(organisation: Organisation, demo: DemoChapter, *, name: str | None = None):
    name = name or demo.city
    existing = organisation.chapters.filter(name=name).first()
    if existing is not None:
        return existing
    place = locality_geocode(text=demo.city, country=demo.country)
    found = place is not None and place.city
    return chapter_create(
        organisation=organisation,
        by=None,
        is_demo=True,
        name=name,
        place_name=f"{demo.city}, {demo.country}",
        city=demo.city,
        region=place.region if found else "",
        country=demo.country,
        latitude=place.latitude if found else demo.lat,
        longitude=place.longitude if found else demo.lon,
        timezone=(place.timezone if found and place.timezone else demo.zone),
        meeting_week=demo.week,
        meeting_weekday=demo.weekday,
        meeting_time=demo.time,
        meeting_place=demo.meeting_place,
    )


def _demands(organisation: Organisation, demands) -> None:
    if organisation.demands.exists():
        return
    for position, (text, translations) in enumerate(demands, start=1):
        demand_save(
            organisation=organisation,
            by=None,
            text=text,
            language="en",
            position=position,
            translations=translations,
        )


@transaction.atomic
def demo_organisations_load() -> bool:
    """Loads the demo organisations; False when they were already there."""
    loaded = Organisation.objects.filter(name=DEMO_COMMITTEE, is_demo=True).exists()
    network = _organisation(
        DEMO_NETWORK,
        Organisation.Kind.NETWORK,
        "GB",
        summary="Supporters of every strike, organised by city.",
        description=(
            "We turn up on picket lines, raise money for strike funds and bring workplaces "
            "together. Join a chapter near you, or start one."
        ),
        website="https://example.org/strike-solidarity-network",
    )
    _demands(network, NETWORK_DEMANDS)
    for demo in NETWORK_CHAPTERS:
        _chapter(network, demo)

    union = _organisation(
        DEMO_UNION,
        Organisation.Kind.UNION,
        "GB",
        summary="The union of bus, tram and rail workers.",
    )
    _demands(
        union,
        (
            (
                "A pay rise that beats inflation",
                {"es": "Una subida salarial por encima de la inflación"},
            ),
            ("Safe rotas", {"es": "Turnos seguros", "ar": "جداول مناوبات آمنة"}),
        ),
    )
    branches = []
    for name, city, country, zone, lat, lon in UNION_BRANCHES:
        branch = _organisation(name, Organisation.Kind.UNION_BRANCH, country, parent=union)
        _chapter(
            branch,
            DemoChapter(
                city, country, zone, lat, lon, MeetingWeek.LAST, Weekday.MONDAY, dt.time(18)
            ),
            name=f"{city} depot",
        )
        branches.append(branch)

    committee = _organisation(
        DEMO_COMMITTEE,
        Organisation.Kind.CROSS_UNION,
        "GB",
        summary="Every union in Leeds, together on each other's picket lines.",
    )
    organisation_update(organisation=committee, by=None, members=[network, *branches])
    _chapter(
        committee,
        DemoChapter(
            "Leeds",
            "GB",
            "Europe/London",
            53.7965,
            -1.5478,
            MeetingWeek.EVERY,
            Weekday.FRIDAY,
            dt.time(17, 30),
            "Leeds Civic Hall steps",
        ),
    )
    # Members in every standing: added by the membership room's demo data (see above).
    return not loaded
