"""Seeded with the bench registry (part of its stamp): what makes the public pages worth measuring.

- the newest active seeded dispute gets 10,000 published solidarity messages from 40 countries;
- one published day of action gets 5,000 local events at seeded sites, each in its site's zone
  (one in ten hybrid, with a join link that must never appear);
- the organisation page measured is the union with the most seeded disputes.

Everything is deterministic (fixed seed, fixed dates), and marked with PREFIX or MESSAGE_MARK so
`pages_fixture` finds it again. It stays in the bench database: other benchmarks remove only their
own rows (the messages benchmark uses the two oldest disputes, the events one its own prefix).
"""

import datetime as dt
import random

SEED = 20_261_207
PREFIX = "bench-pages"
MESSAGES = 10_000
LOCAL_EVENTS = 5_000
MESSAGE_MARK = "Bench pages sender"
# Fixed dates, so the data is the same on every rebuild; the day is still to come for years.
MESSAGES_FROM = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
DAY = dt.date(2031, 5, 1)
COUNTRIES = [
    "GB", "FR", "DE", "ES", "IT", "PT", "NL", "BE", "IE", "SE", "NO", "DK", "FI", "PL", "CZ",
    "AT", "CH", "GR", "TR", "US", "CA", "MX", "BR", "AR", "CL", "CO", "ZA", "NG", "KE", "EG",
    "IN", "PK", "BD", "ID", "PH", "KR", "JP", "AU", "NZ", "MA",
]  # fmt: skip


def seed_page_data() -> dict:
    """Adds the rows above to a freshly seeded registry. Returns what it made."""
    from picketline.events.days.models import DayOfAction

    if DayOfAction.objects.filter(slug=f"{PREFIX}-day").exists():
        return {"reused": True}
    dispute = _messages_dispute()
    _messages(dispute)
    _day_with_events()
    return {"messages_dispute": dispute.slug}


def _messages_dispute():
    from picketline.disputes.choices import DisputeStatus
    from picketline.disputes.models import Dispute

    return Dispute.objects.filter(status=DisputeStatus.ACTIVE).order_by("-id").first()


def _messages(dispute) -> None:
    from picketline.solidarity.models import Message

    rng = random.Random(SEED)
    messages = []
    for n in range(MESSAGES):
        with_email = n % 3 == 0
        at = MESSAGES_FROM + dt.timedelta(minutes=n)
        messages.append(
            Message(
                dispute=dispute,
                sender_name=f"{MESSAGE_MARK} {n}" if n % 4 else "",
                organisation_name=f"Branch {n % 97}",
                country=COUNTRIES[n % len(COUNTRIES)],
                body=f"Solidarity from branch {n % 97}! " * rng.randint(2, 12),
                sender_email=f"sender{n}@bench-pages.example.org" if with_email else "",
                contact_consent=with_email,
                published_at=at,
            )
        )
    Message.objects.bulk_create(messages, batch_size=1000)


def _day_with_events() -> None:
    from picketline.disputes.models import Site
    from picketline.events.choices import EventMode
    from picketline.events.days.models import DayOfAction
    from picketline.events.models import Event

    rng = random.Random(SEED)
    published = dt.datetime.combine(DAY - dt.timedelta(days=60), dt.time(9), tzinfo=dt.UTC)
    day = DayOfAction.objects.create(
        title="Bench pages day of action",
        slug=f"{PREFIX}-day",
        call="Everyone out, everywhere, on the same day.",
        starts_on=DAY,
        ends_on=DAY,
        demands="A living wage\nSafe staffing",
        organiser_name="Bench organisers",
        published_at=published,
    )
    top = Site.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = rng.sample(range(1, top + 1), min(top, LOCAL_EVENTS * 2))
    sites = list(
        Site.objects.filter(id__in=ids)
        .order_by("id")
        .values("city", "country", "public_latitude", "public_longitude", "timezone")
    )
    noon = dt.datetime.combine(DAY, dt.time(12), tzinfo=dt.UTC)
    events = []
    for n in range(LOCAL_EVENTS):
        site = sites[n % len(sites)]
        starts_at = noon + dt.timedelta(hours=rng.randint(-8, 8))
        hybrid = n % 10 == 0
        events.append(
            Event(
                title=f"{site['city'] or 'Local'} rally {n}",
                slug=f"{PREFIX}-day-{n}",
                description="Meet at the gates, then march to the town hall.",
                organiser_name=f"{site['city'] or 'Local'} strike support",
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=2),
                timezone=site["timezone"] or "UTC",
                mode=EventMode.HYBRID if hybrid else EventMode.IN_PERSON,
                venue="Town square",
                locality=site["city"],
                country=site["country"],
                latitude=site["public_latitude"],
                longitude=site["public_longitude"],
                join_url=f"https://meet.bench-pages.example.org/{n}" if hybrid else "",
                capacity=None if n % 3 else 100,
                day_of_action=day,
                published_at=published,
            )
        )
    Event.objects.bulk_create(events, batch_size=1000)


def pages_fixture() -> dict:
    """The objects whose pages are measured, found again in a seeded bench database."""
    from django.db.models import Count

    from picketline.events.days.models import DayOfAction
    from picketline.events.models import Event
    from picketline.organisations.models import Organisation

    day = DayOfAction.objects.get(slug=f"{PREFIX}-day")
    union = (
        Organisation.objects.filter(kind=Organisation.Kind.UNION)
        .annotate(disputes=Count("union_disputes"))
        .order_by("-disputes", "id")
        .first()
    )
    return {
        "dispute": _messages_dispute(),
        "day": day,
        "event": Event.objects.get(slug=f"{PREFIX}-day-1"),
        "organisation": union,
        "organisation_disputes": union.disputes,
    }
