"""Test data, built through the services so tests exercise what the product does."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from picketline.accounts.roles import Role
from picketline.accounts.services import user_grant_role
from picketline.disputes import services
from picketline.disputes.models import Organisation

_counter = itertools.count(1)

PASSWORD = "correct horse battery staple"


def make_user(*, username=None, role=None, email=None):
    n = next(_counter)
    username = username or f"user{n}"
    user = get_user_model().objects.create_user(
        username=username, email=email or f"{username}@example.org", password=PASSWORD
    )
    if role:
        user_grant_role(user=user, role=role)
    return user


def make_moderator(**kwargs):
    return make_user(role=Role.MODERATOR, **kwargs)


def make_admin(**kwargs):
    return make_user(role=Role.ADMIN, **kwargs)


def make_organisation(*, name=None, kind=Organisation.Kind.UNION, country="GB"):
    return services.organisation_get_or_create(
        name=name or f"Organisation {next(_counter)}", kind=kind, country=country
    )


def make_dispute(
    *,
    title=None,
    lat=53.7965,
    lon=-1.5478,
    city="Leeds",
    country="GB",
    timezone_name="Europe/London",
    employer=None,
    union=None,
    demands=(),
    with_shift=False,
    **fields,
):
    """A dispute with one site; employer and union are names or organisations."""
    n = next(_counter)
    fields.setdefault("status", "active")
    fields.setdefault("start_date", timezone.now().date() - dt.timedelta(days=3))
    employers = []
    if employer is not None:
        employers = [
            employer
            if isinstance(employer, Organisation)
            else make_organisation(name=employer, kind="employer", country=country)
        ]
    unions = []
    if union is not None:
        unions = [
            union
            if isinstance(union, Organisation)
            else make_organisation(name=union, kind="union", country=country)
        ]
    dispute = services.dispute_create(
        title=title or f"Dispute number {n}",
        employers=employers,
        unions=unions,
        demands=demands,
        **fields,
    )
    site = services.site_create(
        dispute=dispute,
        name=f"Main gate {n}",
        city=city,
        country=country,
        latitude=lat,
        longitude=lon,
        timezone=timezone_name,
    )
    if with_shift:
        start = timezone.now().replace(microsecond=0) + dt.timedelta(days=1)
        services.picket_shift_create(
            site=site,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            timezone=timezone_name,
            notes="Bring a flask",
        )
    return dispute
