"""Reads for picket sign-ups: who is coming to which occurrence of a shift, and the rota."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Sum
from django.utils import timezone

from picketline.core.tokens import keyed_token
from picketline.disputes.models import Dispute, PicketShift, Site
from picketline.disputes.shifts import ShiftOccurrence, shift_occurrences
from picketline.solidarity.pickets.models import ShiftAttendance, ShiftSignup

# The public page offers sign-ups this far ahead, like its list of picket lines.
SIGNUP_DAYS = 14
# The rota looks back a week (to record who came) and four weeks ahead.
ROTA_DAYS_BEFORE = 7
ROTA_DAYS_AFTER = 28
OCCURRENCE_FORMAT = "%Y%m%dT%H%MZ"


def occurrence_key(starts_at: dt.datetime) -> str:
    """How an occurrence is named in addresses: its start in UTC, to the minute."""
    return starts_at.astimezone(dt.UTC).strftime(OCCURRENCE_FORMAT)


def occurrence_parse(key: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(key, OCCURRENCE_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def occurrence_get(*, shift: PicketShift, key: str) -> ShiftOccurrence | None:
    """The occurrence of `shift` that starts in the minute `key` names, if there is one."""
    target = occurrence_parse(key)
    if target is None:
        return None
    window = dt.timedelta(minutes=1)
    for occurrence in shift_occurrences(shift, after=target - window, before=target + window):
        if occurrence_key(occurrence.starts_at) == key:
            return occurrence
    return None


def public_place(site: Site, *, sensitive: bool) -> str:
    """Where a picket is, as the public and its volunteers see it: the town alone for a
    sensitive dispute."""
    return site.city if sensitive else (site.name or site.city)


def people_coming(*, shift: PicketShift, starts_at: dt.datetime) -> int:
    """People signed up (party sizes added up) for one occurrence, cancellations left out."""
    total = ShiftSignup.objects.filter(
        shift=shift, occurrence_starts_at=starts_at, cancelled_at__isnull=True
    ).aggregate(people=Sum("party_size"))["people"]
    return total or 0


def _people_by_occurrence(shift_ids, *, after: dt.datetime) -> dict[tuple[int, dt.datetime], int]:
    rows = (
        ShiftSignup.objects.filter(
            shift_id__in=shift_ids, occurrence_starts_at__gte=after, cancelled_at__isnull=True
        )
        .values("shift_id", "occurrence_starts_at")
        .annotate(people=Sum("party_size"))
        .order_by()
    )
    return {(row["shift_id"], row["occurrence_starts_at"]): row["people"] for row in rows}


def signup_token(signup: ShiftSignup) -> str:
    """The token in the sign-up's private link (where it can be cancelled)."""
    return keyed_token("picket", signup.token_nonce)


def signup_occurrence(signup: ShiftSignup) -> ShiftOccurrence:
    """The occurrence a sign-up (its shift loaded with it) is for, in the shift's own zone, as
    `shift_occurrences` gives it."""
    shift = signup.shift
    zone = ZoneInfo(shift.timezone)
    starts_at = signup.occurrence_starts_at.astimezone(zone)
    ends_at = (signup.occurrence_starts_at + (shift.ends_at - shift.starts_at)).astimezone(zone)
    return ShiftOccurrence(shift=shift, starts_at=starts_at, ends_at=ends_at)


def signup_get_by_token_hash(*, token_hash: str) -> ShiftSignup | None:
    return (
        ShiftSignup.objects.select_related("shift__site__dispute")
        .filter(cancel_token_hash=token_hash)
        .first()
    )


# --- the public page ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicOccurrence:
    occurrence: ShiftOccurrence
    place: str
    key: str
    people: int
    full: bool


def public_occurrences(*, dispute: Dispute, now: dt.datetime | None = None) -> list:
    """Occurrences of the dispute's shifts starting in the next two weeks, with how many
    people are coming. No one is named.

    Uses the dispute's prefetched sites and shifts when the page has them (as the dispute's
    page does), so the counts are the only query.
    """
    now = now or timezone.now()
    until = now + dt.timedelta(days=SIGNUP_DAYS)
    found = [
        (site, occurrence)
        for site in dispute.sites.all()
        for shift in site.shifts.all()
        for occurrence in shift_occurrences(shift, after=now, before=until)
        if occurrence.starts_at > now  # one under way is too late to sign up to
    ]
    if not found:
        return []
    counts = _people_by_occurrence({o.shift.pk for _site, o in found}, after=now)
    rows = []
    for site, occurrence in found:
        shift = occurrence.shift
        people = counts.get((shift.pk, occurrence.starts_at.astimezone(dt.UTC)), 0)
        rows.append(
            PublicOccurrence(
                occurrence=occurrence,
                place=public_place(site, sensitive=dispute.sensitive),
                key=occurrence_key(occurrence.starts_at),
                people=people,
                full=shift.capacity is not None and people >= shift.capacity,
            )
        )
    return sorted(rows, key=lambda row: (row.occurrence.starts_at, row.occurrence.shift.pk))


# --- the coordinators' rota -----------------------------------------------------------------


@dataclass
class RotaOccurrence:
    occurrence: ShiftOccurrence
    key: str
    signups: list = field(default_factory=list)
    attendance: ShiftAttendance | None = None

    @property
    def people(self) -> int:
        return sum(signup.party_size for signup in self.signups)

    @property
    def emails(self) -> int:
        return sum(1 for signup in self.signups if signup.email)

    @property
    def phones(self) -> list[str]:
        return [signup.phone for signup in self.signups if signup.phone]


@dataclass
class RotaSite:
    site: Site
    occurrences: list[RotaOccurrence]


def rota_for_dispute(*, dispute: Dispute, now: dt.datetime | None = None) -> list[RotaSite]:
    """Every site's shift occurrences from a week ago to four weeks ahead, with the people
    signed up (contacts included: for the dispute's coordinators only) and attendance."""
    now = now or timezone.now()
    start = now - dt.timedelta(days=ROTA_DAYS_BEFORE)
    end = now + dt.timedelta(days=ROTA_DAYS_AFTER)
    sites = list(
        dispute.sites.order_by("id").prefetch_related(
            Prefetch("shifts", queryset=PicketShift.objects.order_by("starts_at", "id"))
        )
    )
    shift_ids = [shift.pk for site in sites for shift in site.shifts.all()]
    signups: dict[tuple[int, dt.datetime], list[ShiftSignup]] = {}
    for signup in ShiftSignup.objects.filter(
        shift_id__in=shift_ids,
        occurrence_starts_at__gte=start,
        occurrence_starts_at__lt=end,
        cancelled_at__isnull=True,
    ).order_by("created_at", "id"):
        signups.setdefault((signup.shift_id, signup.occurrence_starts_at), []).append(signup)
    attendance = {
        (row.shift_id, row.occurrence_starts_at): row
        for row in ShiftAttendance.objects.filter(shift_id__in=shift_ids)
    }
    rota = []
    for site in sites:
        rows = []
        for shift in site.shifts.all():
            for occurrence in shift_occurrences(shift, after=start, before=end):
                utc = occurrence.starts_at.astimezone(dt.UTC)
                rows.append(
                    RotaOccurrence(
                        occurrence=occurrence,
                        key=occurrence_key(utc),
                        signups=signups.get((shift.pk, utc), []),
                        attendance=attendance.get((shift.pk, utc)),
                    )
                )
        rows.sort(key=lambda row: (row.occurrence.starts_at, row.occurrence.shift.pk))
        rota.append(RotaSite(site=site, occurrences=rows))
    return rota


def rota_summary(*, dispute: Dispute, now: dt.datetime | None = None) -> dict:
    """For the dashboard: people signed up to the coming two weeks of shifts."""
    now = now or timezone.now()
    people = ShiftSignup.objects.filter(
        shift__site__dispute=dispute,
        occurrence_starts_at__gte=now,
        occurrence_starts_at__lt=now + dt.timedelta(days=SIGNUP_DAYS),
        cancelled_at__isnull=True,
    ).aggregate(people=Sum("party_size"))["people"]
    return {"people": people or 0}


def volunteer_emails(*, shift: PicketShift, starts_at: dt.datetime) -> list[str]:
    """Each address signed up to this occurrence once, cancellations left out."""
    emails = (
        ShiftSignup.objects.filter(
            shift=shift, occurrence_starts_at=starts_at, cancelled_at__isnull=True
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .order_by("email")
    )
    return list(dict.fromkeys(email.strip().lower() for email in emails))
