"""Synthetic disputes for load tests, benchmarks and demos (`picketline seed --disputes N`).

Rows are written with bulk inserts in batches rather than through the per-row services, so a
hundred thousand disputes take a minute or two, but they keep every invariant the services keep:
public points (coarsened for sensitive disputes by the same function), the search key, unique
slugs. Every seeded dispute is `is_demo` and has the import key `seed:<n>`; every employer and
union in the pool is fictional and `is_demo`.

Dispute n is drawn from its own random stream, derived from the seed and n, so a run is
reproducible and seeding 1,000 then 1,000 more equals seeding 2,000 at once (dates are relative
to the day of the run, and towns come from the gazetteer when it is loaded).
"""

import bisect
import datetime as dt
import functools
import itertools
import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from picketline.core.text import normalize_name
from picketline.disputes.choices import Demand, Precision
from picketline.disputes.demo.words import (
    DEMAND_WEIGHTS,
    DOING,
    EMPLOYER_NOUNS,
    EMPLOYER_PREFIXES,
    KIND_WEIGHTS,
    LEGAL_SUFFIXES,
    OUTCOME_WEIGHTS,
    SECTOR_WEIGHTS,
    SITE_WORDS,
    STATUS_WEIGHTS,
    TOWNS,
    TRADES,
    WORKERS,
)
from picketline.disputes.models import (
    Dispute,
    DisputeDemand,
    Site,
    Source,
    StrikeAction,
)
from picketline.disputes.services import search_text_for, set_public_point
from picketline.organisations.models import Organisation

SOURCE_KEY_PREFIX = "seed:"


@dataclass(frozen=True)
class Town:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    timezone: str


@dataclass(frozen=True)
class SeedReport:
    disputes: int
    sites: int
    organisations: int
    first_number: int
    towns_from: str  # "gazetteer" or "built-in list"


class WeightedTable:
    """Picks from items in proportion to their weights, in O(log n) per pick."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def _table(pairs: dict) -> WeightedTable:
    return WeightedTable(pairs.keys(), pairs.values())


KINDS = _table(KIND_WEIGHTS)
STATUSES = _table(STATUS_WEIGHTS)
OUTCOMES = _table(OUTCOME_WEIGHTS)
SECTORS = _table(SECTOR_WEIGHTS)
DEMANDS = _table(DEMAND_WEIGHTS)
VERIFICATIONS = _table({"crowd": 50, "press": 30, "union": 20})
SITE_COUNTS = _table({1: 75, 2: 18, 3: 7})
SENSITIVE_SHARE = 0.10
HISTORY_DAYS = 4 * 365
GENERAL_UNION = "General Workers' Union"


def builtin_towns() -> list[Town]:
    return [Town(*row[:4], population=row[4] * 1000, timezone=row[5]) for row in TOWNS]


def gazetteer_towns() -> list[Town]:
    """Places from the loaded gazetteer, or an empty list when it is not loaded."""
    from picketline.places.models import Place

    rows = (
        Place.objects.filter(population__gt=0)
        .order_by("geonameid")
        .values_list("name", "country_id", "latitude", "longitude", "population", "timezone")
    )
    return [Town(*row[:5], timezone=row[5] or "UTC") for row in rows.iterator(chunk_size=10_000)]


class Towns:
    """Towns weighted by population, overall and within each country."""

    def __init__(self, towns: list[Town]):
        self.all = WeightedTable(towns, [t.population for t in towns])
        self._towns = towns
        self._by_country: dict[str, WeightedTable] = {}

    def pick(self, rng: random.Random) -> Town:
        return self.all.pick(rng)

    def pick_in(self, country: str, rng: random.Random) -> Town:
        if not self._by_country:
            grouped: dict[str, list[Town]] = {}
            for town in self._towns:
                grouped.setdefault(town.country, []).append(town)
            self._by_country = {
                code: WeightedTable(towns, [t.population for t in towns])
                for code, towns in grouped.items()
            }
        return self._by_country[country].pick(rng)


def jitter(town: Town, rng: random.Random) -> tuple[float, float]:
    """A point a few km from the town centre; bigger towns spread further."""
    sigma_km = min(8.0, 1.0 + math.sqrt(town.population / 1_000_000) * 2.5)
    distance = min(abs(rng.gauss(0.0, sigma_km)), 4 * sigma_km)
    bearing = rng.uniform(0.0, 2 * math.pi)
    lat = town.latitude + distance * math.cos(bearing) / 111.32
    lat = max(-89.9, min(89.9, lat))
    lon_scale = 111.32 * max(0.01, math.cos(math.radians(lat)))
    lon = town.longitude + distance * math.sin(bearing) / lon_scale
    lon = (lon + 180.0) % 360.0 - 180.0
    return round(lat, 6), round(lon, 6)


@dataclass
class SitePlan:
    town: Town
    latitude: float
    longitude: float
    precision: str
    name: str


@dataclass
class DisputePlan:
    number: int
    title: str
    kind: str
    status: str
    outcome: str
    sector: str
    workers: int
    approximate: bool
    demands: list[str]
    description: str
    start: dt.date | None
    end: dt.date | None
    reported: dt.datetime
    authorised: bool | None
    verification: str
    sensitive: bool
    email: str
    employer: tuple[str, str, str]  # (kind, name, country)
    unions: list[tuple[str, str, str]]
    sites: list[SitePlan]


def _employer_name(sector: str, town: Town, rng: random.Random) -> str:
    # A few brands take a large share of the disputes, as in life: a Pareto pick of the prefix.
    rank = min(int(rng.paretovariate(1.2)), len(EMPLOYER_PREFIXES)) - 1
    prefix = EMPLOYER_PREFIXES[rank]
    public_bodies = {
        "education": [
            f"{town.name} University",
            f"{town.name} City Schools",
            f"{prefix} Academy Trust",
            f"{town.name} College",
        ],
        "health": [
            f"{town.name} General Hospital",
            f"{prefix} Care Homes",
            f"{prefix} Health",
            f"{town.name} Health Board",
        ],
        "public_administration": [f"{town.name} City Council", f"{town.name} Municipality"],
    }
    if sector in public_bodies:
        return rng.choice(public_bodies[sector])
    name = f"{prefix} {rng.choice(EMPLOYER_NOUNS[sector])}"
    suffix = LEGAL_SUFFIXES.get(town.country)
    return f"{name} {suffix}" if suffix else name


@functools.cache
def _sector_union(country: str, sector: str) -> str:
    """The one union a country's workers in a sector mostly belong to, the same on every run."""
    rng = random.Random(f"{country}:{sector}")
    trade = rng.choice(TRADES[sector])
    return rng.choice([f"National Union of {trade}", f"{trade}' Union", f"Federation of {trade}"])


def _union_names(country: str, sector: str, rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.7:
        first = _sector_union(country, sector)
    elif roll < 0.9:
        first = GENERAL_UNION
    else:
        first = "Independent Workers' Union"
    if first != GENERAL_UNION and rng.random() < 0.15:
        return [first, GENERAL_UNION]
    return [first]


def _dates(
    status: str, today: dt.date, rng: random.Random
) -> tuple[dt.date | None, dt.date | None]:
    if status == "balloting":
        # A ballot sometimes already names the first day of action.
        named = rng.random() < 0.3
        return (today + dt.timedelta(days=rng.randint(14, 60)) if named else None), None
    if status == "announced":
        start = today + dt.timedelta(days=rng.randint(1, 45))
        fixed = rng.random() < 0.5
        return start, (start + dt.timedelta(days=rng.randint(0, 13)) if fixed else None)
    if status in {"active", "suspended"}:
        start = today - dt.timedelta(days=min(int(rng.expovariate(1 / 45)), HISTORY_DAYS))
        fixed = status == "active" and rng.random() < 0.2
        return start, (today + dt.timedelta(days=rng.randint(0, 20)) if fixed else None)
    # Ended: anywhere in the last few years, lasting a day to about a year.
    duration = min(int(rng.lognormvariate(math.log(6), 1.3)), 360)
    start = today - dt.timedelta(days=rng.randint(duration + 1, HISTORY_DAYS))
    return start, start + dt.timedelta(days=duration)


def _title(kind: str, employer: str, workers: str, town: Town, rng: random.Random) -> str:
    suffix = LEGAL_SUFFIXES.get(town.country)
    short = employer.removesuffix(f" {suffix}") if suffix else employer
    templates = {
        "strike": [
            f"{short} {workers} strike",
            f"Strike at {short}",
            f"{town.name} {workers} strike",
            f"{short} strike, {town.name}",
        ],
        "walkout": [f"Walkout at {short}", f"{short} {workers} walk out"],
        "work_to_rule": [f"Work-to-rule at {short}", f"{short} {workers} work to rule"],
        "protest": [f"{workers.capitalize()} protest at {short}", f"Protest at {short}"],
        "overtime_ban": [f"Overtime ban at {short}", f"{short} {workers} overtime ban"],
        "lockout": [f"{short} locks out {workers}", f"Lockout at {short}"],
        "occupation": [f"Occupation of {short}, {town.name}", f"{short} {workers} occupy site"],
    }
    return rng.choice(templates[kind])[:200]


def plan_dispute(*, seed: int, number: int, towns: Towns, today: dt.date) -> DisputePlan:
    rng = random.Random((seed << 32) + number)
    kind, status, sector = KINDS.pick(rng), STATUSES.pick(rng), SECTORS.pick(rng)
    town = towns.pick(rng)
    employer = _employer_name(sector, town, rng)
    workers_noun = rng.choice(WORKERS[sector])
    demands = sorted({DEMANDS.pick(rng) for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))})
    start, end = _dates(status, today, rng)
    workers = max(3, min(250_000, int(rng.lognormvariate(math.log(120), 1.4))))
    approximate = workers > 50 and rng.random() < 0.5
    if approximate:
        workers = round(workers, -(len(str(workers)) - 2))

    sites = []
    for i in range(SITE_COUNTS.pick(rng)):
        site_town = town if i == 0 or rng.random() < 0.6 else towns.pick_in(town.country, rng)
        if rng.random() < 0.7:
            lat, lon, precision = *jitter(site_town, rng), Precision.EXACT
        else:
            lat, lon, precision = site_town.latitude, site_town.longitude, Precision.CITY
        word = rng.choice(SITE_WORDS.get(sector, SITE_WORDS["default"]))
        name = f"{site_town.name} {word}"[:200]
        sites.append(SitePlan(site_town, lat, lon, precision, name))

    labels = ", ".join(str(Demand(d).label).lower() for d in demands)
    description = (
        f"{workers_noun.capitalize()} at {employer} in {town.name} are {DOING[kind]} over "
        f"{labels}. Supporters are welcome on the picket line."
    )
    anchor = min(start or today, today)
    reported = dt.datetime.combine(
        anchor - dt.timedelta(days=rng.randint(0, 10)), dt.time(rng.randint(6, 21)), dt.UTC
    )
    # Unknown for a fifth; walkouts are the most often unofficial.
    official_share = 0.6 if kind == "walkout" else 0.9
    authorised = None if rng.random() < 0.2 else rng.random() < official_share
    return DisputePlan(
        number=number,
        title=_title(kind, employer, workers_noun, town, rng),
        kind=kind,
        status=status,
        outcome=OUTCOMES.pick(rng) if status == "ended" else "unknown",
        sector=sector,
        workers=workers,
        approximate=approximate,
        demands=demands,
        description=description,
        start=start,
        end=end,
        reported=reported,
        authorised=authorised,
        verification=VERIFICATIONS.pick(rng),
        sensitive=rng.random() < SENSITIVE_SHARE,
        email=f"committee{number}@example.org" if rng.random() < 0.6 else "",
        employer=(Organisation.Kind.EMPLOYER.value, employer[:200], town.country),
        unions=[
            (Organisation.Kind.UNION.value, name, town.country)
            for name in _union_names(town.country, sector, rng)
        ],
        sites=sites,
    )


class Slugs:
    """Hands out slugs unique among those already in a table and those handed out so far."""

    def __init__(self, taken: Iterator[str]):
        self.taken = set(taken)
        self.next_suffix: dict[str, int] = {}

    def unique(self, text: str, *, max_length: int = 200) -> str:
        base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "seed"
        slug, n = base, self.next_suffix.get(base, 1)
        if n > 1:
            slug = f"{base}-{n}"
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        self.next_suffix[base] = n + 1
        return slug


class OrganisationPool:
    """Employer and union ids by (kind, name, country), created in bulk the first time needed."""

    def __init__(self):
        self.ids = {
            (kind, name, country): pk
            for kind, name, country, pk in Organisation.objects.values_list(
                "kind", "name", "country", "pk"
            )
        }
        self.slugs = Slugs(Organisation.objects.values_list("slug", flat=True).iterator())
        self.created = 0

    def ensure(self, keys) -> None:
        missing = sorted({key for key in keys if key not in self.ids})
        if not missing:
            return
        rows = Organisation.objects.bulk_create(
            Organisation(
                kind=kind,
                name=name,
                name_key=normalize_name(name),
                country=country,
                slug=self.slugs.unique(f"{name} {country}"),
                is_demo=True,
            )
            for kind, name, country in missing
        )
        for row in rows:
            self.ids[(row.kind, row.name, row.country)] = row.pk
        self.created += len(rows)


@contextmanager
def _own_timestamps(*models):
    """Let bulk inserts keep the created/updated times set on each row.

    Seeded disputes carry their own history (reported around their start), which auto_now
    fields would otherwise flatten to the moment of the run.
    """
    fields = [m._meta.get_field(name) for m in models for name in ("created_at", "updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _next_number() -> int:
    keys = Dispute.objects.filter(source_key__startswith=SOURCE_KEY_PREFIX).values_list(
        "source_key", flat=True
    )
    numbers = (k.removeprefix(SOURCE_KEY_PREFIX) for k in keys.iterator())
    return max((int(n) for n in numbers if n.isdigit()), default=0) + 1


def _write_batch(
    plans: list[DisputePlan], *, organisations: OrganisationPool, slugs: Slugs, now: dt.datetime
) -> int:
    """Insert one batch of planned disputes with their relations; returns the number of sites."""
    organisations.ensure(
        key for plan in plans for key in itertools.chain([plan.employer], plan.unions)
    )
    disputes = []
    for plan in plans:
        updated = min(now, plan.reported + dt.timedelta(days=(plan.number % 30)))
        disputes.append(
            Dispute(
                title=plan.title,
                slug=slugs.unique(plan.title),
                kind=plan.kind,
                status=plan.status,
                outcome=plan.outcome,
                sector=plan.sector,
                workers_involved=plan.workers,
                workers_approximate=plan.approximate,
                description=plan.description,
                language="en",
                start_date=plan.start,
                end_date=plan.end,
                authorised=plan.authorised,
                verification=plan.verification,
                sensitive=plan.sensitive,
                solidarity_email=plan.email,
                search_text=search_text_for(
                    title=plan.title,
                    employers=[plan.employer[1]],
                    unions=[u[1] for u in plan.unions],
                    description=plan.description,
                ),
                source_key=f"{SOURCE_KEY_PREFIX}{plan.number}",
                is_demo=True,
                created_at=min(now, plan.reported),
                updated_at=updated,
            )
        )
    with transaction.atomic(), _own_timestamps(Dispute, Site, Source, StrikeAction):
        Dispute.objects.bulk_create(disputes)
        sites, demands, employers, unions, sources, actions = [], [], [], [], [], []
        for plan, dispute in zip(plans, disputes, strict=True):
            for s in plan.sites:
                site = Site(
                    dispute_id=dispute.pk,
                    name=s.name,
                    city=s.town.name[:120],
                    country=s.town.country,
                    latitude=s.latitude,
                    longitude=s.longitude,
                    precision=s.precision,
                    timezone=s.town.timezone,
                    created_at=dispute.created_at,
                    updated_at=dispute.updated_at,
                )
                set_public_point(site, sensitive=plan.sensitive)
                sites.append(site)
            demands += [DisputeDemand(dispute_id=dispute.pk, demand=d) for d in plan.demands]
            employers.append(
                Dispute.employers.through(
                    dispute_id=dispute.pk, organisation_id=organisations.ids[plan.employer]
                )
            )
            unions += [
                Dispute.unions.through(
                    dispute_id=dispute.pk, organisation_id=organisations.ids[key]
                )
                for key in plan.unions
            ]
            if plan.verification != "crowd":
                host = "news.example.org" if plan.verification == "press" else "union.example.org"
                sources.append(
                    Source(
                        dispute_id=dispute.pk,
                        url=f"https://{host}/{dispute.created_at:%Y/%m}/{dispute.slug}",
                        kind=plan.verification,
                        title=plan.title,
                        created_at=dispute.created_at,
                        updated_at=dispute.created_at,
                    )
                )
            if plan.status == "announced" and plan.start:
                actions.append(_announced_action(plan, dispute))
        Site.objects.bulk_create(sites)
        DisputeDemand.objects.bulk_create(demands)
        Dispute.employers.through.objects.bulk_create(employers)
        Dispute.unions.through.objects.bulk_create(unions)
        Source.objects.bulk_create(sources)
        StrikeAction.objects.bulk_create(actions)
    return len(sites)


def _announced_action(plan: DisputePlan, dispute: Dispute) -> StrikeAction:
    """The first announced day of action, from 06:00 local time at the first site."""
    zone = plan.sites[0].town.timezone
    starts = dt.datetime.combine(plan.start, dt.time(6), ZoneInfo(zone))
    days = (plan.end - plan.start).days + 1 if plan.end else 1
    return StrikeAction(
        dispute_id=dispute.pk,
        kind="strike_day" if days == 1 else "strike_period",
        starts_at=starts,
        ends_at=starts + dt.timedelta(days=days),
        timezone=zone,
        created_at=dispute.created_at,
        updated_at=dispute.created_at,
    )


def seed_disputes(
    *,
    count: int,
    seed: int = 0,
    batch_size: int = 5000,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SeedReport:
    """Create `count` synthetic disputes, numbered after any seeded before.

    Each batch is one transaction; an interrupted run leaves whole batches behind, and the next
    run continues the numbering.
    """
    if count < 0 or batch_size < 1:
        raise ValueError("count must be 0 or more and batch_size at least 1")
    now = timezone.now()
    today = today or now.date()
    town_list = gazetteer_towns()
    towns_from = "gazetteer" if town_list else "built-in list"
    towns = Towns(town_list or builtin_towns())
    first = _next_number()
    organisations = OrganisationPool()
    slugs = Slugs(Dispute.objects.values_list("slug", flat=True).iterator())
    sites = done = 0
    # Descriptions quote the demands' English labels, whatever language is active.
    with translation.override("en"):
        for start in range(first, first + count, batch_size):
            stop = min(start + batch_size, first + count)
            plans = [
                plan_dispute(seed=seed, number=n, towns=towns, today=today)
                for n in range(start, stop)
            ]
            sites += _write_batch(plans, organisations=organisations, slugs=slugs, now=now)
            done += len(plans)
            if progress:
                progress(done, count)
    return SeedReport(
        disputes=count,
        sites=sites,
        organisations=organisations.created,
        first_number=first,
        towns_from=towns_from,
    )
