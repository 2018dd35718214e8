"""The rows the events benchmark writes, and removes again: bench events and a day of action
with its local events, accounts to RSVP with, and the plain rows of the baseline.

Every row is marked (slugs starting with PREFIX, accounts with USER_PREFIX, emails at
EMAIL_DOMAIN), so `clean` finds them after an interrupted run too.
"""

import datetime as dt
import json
import random

SEED = 20_261_123
PREFIX = "bench-events"
USER_PREFIX = "bench-rsvp-"
EMAIL_DOMAIN = "bench-events.example.org"


def bench_rows_remove(*, slug_prefix: str, username_prefix: str, email_domain: str) -> None:
    """Removes a benchmark's rows: its events, their RSVPs, the tasks that would write their
    emails (no worker runs during a bench: left queued, the next benchmark's worker would run
    them inside its timing), their audit entries, its days of action, its accounts and the
    emails to its addresses still waiting in the outbox."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult

    from picketline.core.models import AuditEntry, OutboxEmail
    from picketline.events.models import DayOfAction, Event, Rsvp
    from picketline.events.rsvps.notices import rsvp_email_send

    events = Event.objects.filter(slug__startswith=slug_prefix)
    ids = [str(pk) for pk in events.values_list("pk", flat=True)]
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Event), object_id__in=ids
    ).delete()
    rsvps = list(Rsvp.objects.filter(event__in=events).values_list("pk", flat=True))
    for start in range(0, len(rsvps), 500):
        DBTaskResult.objects.filter(
            task_path=rsvp_email_send.module_path,
            args_kwargs__kwargs__rsvp_id__in=rsvps[start : start + 500],
        ).delete()
    Rsvp.objects.filter(event__in=events).delete()
    events.delete()
    DayOfAction.objects.filter(slug__startswith=slug_prefix).delete()
    get_user_model().objects.filter(username__startswith=username_prefix).delete()
    OutboxEmail.objects.filter(address__iendswith=f"@{email_domain}").delete()


def clean() -> None:
    """Removes every row the events benchmark made."""
    bench_rows_remove(slug_prefix=PREFIX, username_prefix=USER_PREFIX, email_domain=EMAIL_DOMAIN)


def bench_event(name: str, capacity: int | None, **fields):
    from django.utils import timezone

    from picketline.events.models import Event

    starts_at = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    return Event.objects.create(
        title=f"Bench {name}",
        slug=f"{PREFIX}-{name}",
        organiser_name="Bench organisers",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        timezone="Europe/London",
        venue="Trades Hall",
        locality="Leeds",
        country="GB",
        latitude=53.8,
        longitude=-1.55,
        capacity=capacity,
        published_at=timezone.now(),
        **fields,
    )


def bench_users(count: int) -> list:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user_model.objects.bulk_create(
        [
            user_model(
                username=f"{USER_PREFIX}{n}",
                email=f"person{n}@{EMAIL_DOMAIN}",
                first_name=f"Person {n}",
                password="!",
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    return list(user_model.objects.filter(username__startswith=USER_PREFIX).order_by("id"))


def bench_warm_up_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create(
        username=f"{USER_PREFIX}warm-up", email=f"warm-up@{EMAIL_DOMAIN}", password="!"
    )


def plain_rows(event, users: list, capacity: int) -> list[dict]:
    """The rows rsvp_create would write for these accounts, in this order, made beforehand."""
    from django.utils import timezone

    from picketline.core.tokens import nonce_new, token_hash
    from picketline.events.choices import RsvpStatus
    from picketline.events.models import Rsvp
    from picketline.events.rsvps.selectors import rsvp_token

    now = timezone.now()
    rows = []
    for number, user in enumerate(users, start=1):
        seated = number <= capacity
        rsvp = Rsvp(
            event=event,
            user=user,
            name=user.first_name,
            email=user.email,
            language="en",
            status=RsvpStatus.CONFIRMED if seated else RsvpStatus.WAITLISTED,
            number=number,
            confirmed_at=now if seated else None,
            waitlisted_at=None if seated else now,
            token_nonce=nonce_new(),
        )
        rsvp.token_hash = token_hash(rsvp_token(rsvp))
        rows.append({field.attname: getattr(rsvp, field.attname) for field in _row_fields()})
    return rows


def _row_fields() -> list:
    from picketline.events.models import Rsvp

    return [f for f in Rsvp._meta.concrete_fields if not f.primary_key]


def day_with_events(count: int):
    """A published day of action with `count` local events at seeded sites, in their zones."""
    from django.utils import timezone

    from picketline.disputes.models import Site
    from picketline.events.choices import EventMode
    from picketline.events.models import DayOfAction, Event

    rng = random.Random(SEED)
    today = timezone.now().date()
    day = DayOfAction.objects.create(
        title="Bench day of action",
        slug=f"{PREFIX}-day",
        call="Everyone out, everywhere, on the same day.",
        starts_on=today + dt.timedelta(days=14),
        ends_on=today + dt.timedelta(days=14),
        demands="A living wage\nSafe staffing",
        organiser_name="Bench organisers",
        published_at=timezone.now(),
    )
    top = Site.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = rng.sample(range(1, top + 1), min(top, count * 2))
    sites = list(
        Site.objects.filter(id__in=ids).values(
            "city", "country", "public_latitude", "public_longitude", "timezone"
        )
    )
    if not sites:
        raise SystemExit("no seeded sites to place the local events at")
    noon = dt.datetime.combine(day.starts_on, dt.time(12), tzinfo=dt.UTC)
    now = timezone.now()
    events = []
    for n in range(count):
        site = sites[n % len(sites)]
        starts_at = noon + dt.timedelta(hours=rng.randint(-8, 8))
        events.append(
            Event(
                title=f"{site['city'] or 'Local'} rally {n}",
                slug=f"{PREFIX}-day-{n}",
                description="Meet at the gates, then march to the town hall.",
                organiser_name=f"{site['city'] or 'Local'} strike support",
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=2),
                timezone=site["timezone"] or "UTC",
                mode=EventMode.HYBRID if n % 10 == 0 else EventMode.IN_PERSON,
                venue="Town square",
                locality=site["city"],
                country=site["country"],
                latitude=site["public_latitude"],
                longitude=site["public_longitude"],
                join_url=f"https://meet.{EMAIL_DOMAIN}/{n}" if n % 10 == 0 else "",
                capacity=None if n % 3 else 100,
                day_of_action=day,
                published_at=now,
            )
        )
    Event.objects.bulk_create(events, batch_size=1000)
    countries = len({s["country"] for s in sites[:count]})
    return day, countries


def values_geojson(day) -> bytes:
    """Baseline: the day's events as plain rows, dumped as a FeatureCollection."""
    from picketline.events.models import Event

    columns = ("id", "slug", "title", "starts_at", "timezone", "mode", "locality", "country")
    rows = Event.objects.filter(
        day_of_action=day, published_at__isnull=False, latitude__isnull=False
    ).values(*columns, "latitude", "longitude")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": {
                "id": row["id"],
                "title": row["title"],
                "url": f"/events/{row['slug']}/",
                "starts_at": row["starts_at"].isoformat(),
                "timezone": row["timezone"],
                "mode": row["mode"],
                "locality": row["locality"],
                "country": row["country"],
            },
        }
        for row in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()
