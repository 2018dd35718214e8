"""Likely duplicates of a reported dispute among the published ones, for moderators.

Two cheap lookups find the candidates:

- *nearby*: disputes with a site within NEAR_KM of the reported point, nearest first. The
  bounding box runs on the indexed public point, widened by how far a sensitive dispute's
  public point may sit from its real one; the distance itself is measured to the real point;
- *same employer*: disputes whose employer has the reported employer's key or starts with its
  first distinctive word, in the same country, the latest reported first. Brands outlive
  legal suffixes: "Amazon.com Services LLC" and "Amazon UK Services Ltd" are both "amazon …".
  Both are ranges on the indexed `name_key` column. Unions are not looked up this way: a
  national union has thousands of disputes, and the same union far away says nothing about a
  duplicate. A union shared by a nearby dispute does count in its score.

Their facts (dates, employer and union keys, site points) are read as plain rows and scored in
Python; only the best few are loaded as disputes, with what the moderator's page shows. The
count of queries does not depend on how many disputes are near or share a name.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Min, Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from picketline.core.geo import bounding_box, distance_km_expression, haversine_km
from picketline.core.text import normalize_name
from picketline.disputes.choices import DisputeStatus
from picketline.disputes.models import Dispute, Site, Submission
from picketline.moderation.registry import Candidate
from picketline.organisations.models import Organisation

NEAR_KM = 50.0
# A sensitive dispute's public point is rounded to 0.1°: up to 0.05° off in each direction,
# under 8 km anywhere on Earth.
COARSENING_KM = 8.0
# At most this many disputes from each lookup are scored; the nearest and the latest first.
NEARBY_LIMIT = 60
NAMED_LIMIT = 60
THRESHOLD = 25
# Within this distance a site is the same workplace, whatever the names say.
SAME_PLACE_KM = 1.0

# Points, adding up to 100 at most.
EMPLOYER_SAME = 40
EMPLOYER_SIMILAR = 30
EMPLOYER_OVERLAP = 20
EMPLOYER_FIRST_WORD = 10
UNION_SAME = 15
DISTANCE_MAX = 25
# The distance score halves about every 3.5 km: next door counts, the next town hardly.
DISTANCE_SCALE_KM = 5.0
DATES_OVERLAP = 15
DATES_CLOSE = 7
DATES_CLOSE_DAYS = 31
# A dispute that ended more than a year before the reported one began is another round.
DATES_FAR_DAYS = 365
DATES_FAR_PENALTY = -15
SAME_KIND = 5

# Words that say what kind of body a name is rather than which one: legal forms, "services",
# "group", articles. Left out when comparing names and when picking a name's first word.
GENERIC_WORDS = frozenset(
    {
        "a", "ab", "ag", "and", "as", "bv", "co", "com", "corp", "corporation", "company", "de",
        "del", "der", "des", "die", "do", "du", "e", "el", "et", "gmbh", "group", "holding",
        "holdings", "inc", "incorporated", "international", "kk", "la", "las", "le", "les",
        "limited", "llc", "llp", "lda", "ltd", "ltda", "los", "nv", "of", "plc", "pty", "pvt",
        "s", "sa", "sas", "service", "services", "sl", "spa", "srl", "the", "uk", "und", "us",
        "usa", "y", "z", "zoo",
    }
)  # fmt: skip


def distinctive_words(key: str) -> list[str]:
    """The words of a normalised name that tell one organisation from another, in order."""
    words = [word for word in key.split() if word not in GENERIC_WORDS and len(word) > 1]
    return words or key.split()


@dataclass(frozen=True)
class _Reported:
    """What the scoring needs from the submission, computed once."""

    employer_key: str
    employer_words: frozenset[str]
    union_keys: frozenset[str]
    latitude: float
    longitude: float
    kind: str
    start: dt.date
    end: dt.date | None


@dataclass
class _Facts:
    """What the scoring needs from a published dispute, read as plain rows."""

    kind: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    employer_keys: list[str] = field(default_factory=list)
    union_keys: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)


def _employer_points(reported: _Reported, keys: list[str]) -> tuple[int, str]:
    """The best match between the reported employer and any of a dispute's employers."""
    best, reason = 0, ""
    mine = reported.employer_words
    for key in keys:
        if key == reported.employer_key:
            return EMPLOYER_SAME, _("Same employer")
        words = distinctive_words(key)
        theirs = frozenset(words)
        if not theirs or not mine:
            continue
        if theirs <= mine or mine <= theirs:
            points = EMPLOYER_SIMILAR
        elif len(theirs & mine) / len(theirs | mine) >= 0.5:
            points = EMPLOYER_OVERLAP
        elif words[0] == distinctive_words(reported.employer_key)[0]:
            points = EMPLOYER_FIRST_WORD
        else:
            continue
        if points > best:
            best, reason = points, _("Similar employer name")
    return best, reason


def _distance_points(km: float) -> int:
    if km > NEAR_KM:
        return 0
    return round(DISTANCE_MAX * math.exp(-km / DISTANCE_SCALE_KM))


def _distance_reason(km: float) -> str:
    shown = formats.number_format(km, 1 if km < 10 else 0, use_l10n=True)
    return _("%(distance)s km away") % {"distance": shown}


def _dispute_end(facts: _Facts) -> dt.date | None:
    """When the dispute ended; None while it goes on. An ended one with no date ended when it
    started, as far as anyone can tell."""
    if facts.end_date is not None:
        return facts.end_date
    if facts.status == DisputeStatus.ENDED:
        return facts.start_date
    return None


def _date_points(reported: _Reported, facts: _Facts) -> tuple[int, str]:
    if facts.start_date is None:
        return 0, ""
    far_future = dt.date.max
    start, end = facts.start_date, _dispute_end(facts) or far_future
    mine_end = reported.end or far_future
    if start <= mine_end and reported.start <= end:
        return DATES_OVERLAP, _("Dates overlap")
    gap = (reported.start - end).days if end < reported.start else (start - mine_end).days
    if gap <= DATES_CLOSE_DAYS:
        return DATES_CLOSE, _("Dates within a month of each other")
    if end < reported.start and gap > DATES_FAR_DAYS:
        return DATES_FAR_PENALTY, ""
    return 0, ""


def _score(reported: _Reported, facts: _Facts) -> tuple[int, list[str]] | None:
    """The score and its reasons, or None when the dispute is no likely duplicate."""
    reasons: list[str] = []
    employer, why = _employer_points(reported, facts.employer_keys)
    if why:
        reasons.append(why)
    km = min(
        (
            haversine_km(reported.latitude, reported.longitude, lat, lon)
            for lat, lon in facts.points
        ),
        default=None,
    )
    nearby = km is not None and km <= NEAR_KM
    union = UNION_SAME if reported.union_keys & facts.union_keys else 0
    if union:
        reasons.append(_("Same union"))
    if km is not None:
        reasons.append(_distance_reason(km))
    distance = _distance_points(km) if km is not None else 0
    dates, why = _date_points(reported, facts)
    if why:
        reasons.append(why)
    kind = SAME_KIND if facts.kind == reported.kind else 0
    if kind:
        reasons.append(_("Same kind of action"))
    # Proximity, dates and kind make a link only between disputes that share an employer, a
    # union in the same area, or a workplace: two strikes in one city at once are usually two.
    linked = (
        employer >= EMPLOYER_OVERLAP
        or (union and nearby)
        or (km is not None and km <= SAME_PLACE_KM)
    )
    score = max(0, min(100, employer + union + distance + dates + kind))
    if not linked or score < THRESHOLD:
        return None
    return score, reasons


def _facts(ids: set[int]) -> dict[int, _Facts]:
    """The scoring's facts of these disputes, in four queries of plain rows."""
    facts = {
        pk: _Facts(kind=kind, status=status, start_date=start, end_date=end)
        for pk, kind, status, start, end in Dispute.objects.filter(pk__in=ids)
        .order_by()
        .values_list("id", "kind", "status", "start_date", "end_date")
    }
    employers = Dispute.employers.through.objects.filter(dispute_id__in=ids)
    for pk, key in employers.values_list("dispute_id", "organisation__name_key"):
        facts[pk].employer_keys.append(key)
    unions = Dispute.unions.through.objects.filter(dispute_id__in=ids)
    for pk, key in unions.values_list("dispute_id", "organisation__name_key"):
        facts[pk].union_keys.add(key)
    sites = Site.objects.filter(dispute_id__in=ids).order_by()
    for pk, lat, lon in sites.values_list("dispute_id", "latitude", "longitude"):
        facts[pk].points.append((lat, lon))
    return facts


def scored_best(reported: _Reported, facts: dict[int, _Facts], *, limit: int) -> list:
    """(score, dispute id, reasons) of the `limit` best likely duplicates among `facts`."""
    scored = []
    for pk, one in facts.items():
        result = _score(reported, one)
        if result is not None:
            scored.append((result[0], pk, result[1]))
    scored.sort(key=lambda row: (-row[0], -row[1]))
    return scored[:limit]


def _nearby_ids(lat: float, lon: float) -> list[int]:
    box = bounding_box(lat, lon, NEAR_KM + COARSENING_KM)
    in_box = Q(public_latitude__gte=box.min_lat, public_latitude__lte=box.max_lat)
    if box.crosses_antimeridian:
        in_box &= Q(public_longitude__gte=box.min_lon) | Q(public_longitude__lte=box.max_lon)
    elif (box.min_lon, box.max_lon) != (-180.0, 180.0):
        in_box &= Q(public_longitude__gte=box.min_lon, public_longitude__lte=box.max_lon)
    distance = distance_km_expression(lat, lon, "latitude", "longitude")
    rows = (
        Site.objects.filter(in_box)
        .order_by()
        .values("dispute_id")
        .annotate(distance_km=Min(distance))
        .filter(distance_km__lte=NEAR_KM)
        .order_by("distance_km", "dispute_id")
        .values_list("dispute_id", flat=True)
    )
    return list(rows[:NEARBY_LIMIT])


def _word_range(word: str) -> Q:
    """Keys that are `word` or start with `word` and a space, as an index lookup.

    PostgreSQL answers LIKE 'word %' from the pattern index Django adds to an indexed text
    column. SQLite's LIKE ignores case and so ignores the index; but its binary collation makes
    the range from "word " to "word!" the same set, read from the index. (PostgreSQL's locale
    collations ignore spaces and punctuation, so there the range would be wrong.)
    """
    if connection.vendor == "sqlite":
        return Q(name_key=word) | Q(name_key__gte=f"{word} ", name_key__lt=f"{word}!")
    return Q(name_key=word) | Q(name_key__startswith=f"{word} ")


def _named_ids(reported: _Reported, country: str) -> list[int]:
    if not reported.employer_key:
        return []
    first_word = distinctive_words(reported.employer_key)[0]
    # No filter on the organisations' kind: the employers relation only holds employers, and
    # the name index alone narrows the rows.
    organisations = Organisation.objects.filter(
        Q(name_key=reported.employer_key) | _word_range(first_word)
    )
    if country:
        # An organisation with no country may be anywhere, so it may be here.
        organisations = organisations.filter(country__in=[country, ""])
    # The latest reported first, read from the link table alone: a big brand has thousands.
    rows = (
        Dispute.employers.through.objects.filter(organisation_id__in=organisations.values("id"))
        .order_by("-dispute_id")
        .values_list("dispute_id", flat=True)
    )
    return list(rows[:NAMED_LIMIT])


def reported_of(submission: Submission) -> _Reported:
    employer_key = normalize_name(submission.employer)
    return _Reported(
        employer_key=employer_key,
        employer_words=frozenset(distinctive_words(employer_key)) if employer_key else frozenset(),
        union_keys=frozenset(
            key for key in (normalize_name(n) for n in submission.union_names) if key
        ),
        latitude=submission.latitude,
        longitude=submission.longitude,
        kind=submission.kind,
        start=submission.start_date or timezone.now().date(),
        end=submission.end_date,
    )


def submission_duplicates(*, submission: Submission, limit: int = 5) -> list[Candidate]:
    """Published disputes the submission may report again, best first, with a score from 0 to
    100 and the reasons in the active language. At most ten queries, however many match."""
    reported = reported_of(submission)
    ids = set(_nearby_ids(submission.latitude, submission.longitude))
    ids.update(_named_ids(reported, submission.country))
    ids.discard(submission.dispute_id)
    if not ids:
        return []
    best = scored_best(reported, _facts(ids), limit=limit)
    if not best:
        return []
    organisations = Organisation.objects.only("id", "name", "slug", "kind")
    disputes = Dispute.objects.only(
        "id", "title", "slug", "kind", "status", "start_date", "end_date", "verification"
    ).prefetch_related(
        Prefetch("employers", queryset=organisations),
        Prefetch("unions", queryset=organisations),
        Prefetch("sites", queryset=Site.objects.only("id", "dispute_id", "city", "country")),
    )
    loaded = disputes.in_bulk([pk for _score, pk, _reasons in best])
    return [
        Candidate(obj=loaded[pk], score=score, reasons=reasons)
        for score, pk, reasons in best
        if pk in loaded
    ]
