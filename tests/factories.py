"""Test data, built through the services so tests exercise what the product does."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from picketline.accounts import totp
from picketline.accounts.models import TotpDevice
from picketline.accounts.roles import Role
from picketline.accounts.services import user_grant_role
from picketline.accounts.two_factor import VERIFIED_KEY, has_second_factor, two_factor_required
from picketline.disputes import services
from picketline.disputes.submissions.services import submission_create
from picketline.moderation.services import item_for_object
from picketline.organisations.models import Organisation

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


def make_moderator(*, with_device=True, **kwargs):
    """A moderator who has set up two-factor authentication, as every moderator must."""
    user = make_user(role=Role.MODERATOR, **kwargs)
    if with_device:
        make_totp_device(user)
    return user


def make_admin(*, with_device=True, **kwargs):
    user = make_user(role=Role.ADMIN, **kwargs)
    if with_device:
        make_totp_device(user)
    return user


def make_totp_device(user) -> str:
    """A confirmed authenticator for `user`; returns its secret (see `totp_code`)."""
    device = TotpDevice.objects.create(
        user=user, secret=totp.secret_generate(), confirmed_at=timezone.now()
    )
    return device.secret


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code the authenticator app would show at `at` (now when None)."""
    return totp.code_at(secret, at)


def login(client, user) -> None:
    """Signs `user` in; for moderators and admins, and anyone with a second factor, as if they
    had also given their code."""
    client.force_login(user)
    if two_factor_required(user) or has_second_factor(user):
        session = client.session
        session[VERIFIED_KEY] = True
        session.save()


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
        services.shift_create(
            site=site,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            timezone=timezone_name,
            notes="Bring a flask",
        )
    return dispute


def make_coordinator(dispute, *, with_device=True, **kwargs):
    """An account that coordinates `dispute`, with the second factor every coordinator needs
    (they see the contact details people shared)."""
    user = make_user(**kwargs)
    dispute.coordinators.add(user)
    if with_device:
        # Kept on the object for the browser tests' log-in (the code step).
        user.totp_secret = make_totp_device(user)
    return user


LEEDS = (53.7965, -1.5478)


def make_submission(
    *,
    employer=None,
    unions="GMB",
    point=LEEDS,
    country="GB",
    city="Leeds",
    email="reporter@example.org",
    **fields,
):
    """A submission as "Add a strike" stores it, waiting in the queue; returns (submission,
    item)."""
    n = next(_counter)
    fields.setdefault("kind", "strike")
    fields.setdefault("start_date", timezone.now().date() - dt.timedelta(days=1))
    fields.setdefault("description", "Cleaners walked out over unpaid wages.")
    fields.setdefault("place_name", city)
    if email:
        fields.setdefault("submitter_name", "Sam Reporter")
        fields.setdefault("contact_consent", True)
    submission, _token = submission_create(
        employer=employer or f"Employer {n}",
        unions=unions,
        city=city,
        country=country,
        latitude=point[0],
        longitude=point[1],
        submitter_email=email or "",
        **fields,
    )
    return submission, item_for_object(submission)


def make_event(
    *,
    title=None,
    organiser=None,
    capacity=None,
    starts_in=dt.timedelta(days=7),
    hours=2,
    zone="Europe/London",
    published=True,
    **fields,
):
    """A published in-person event in London a week from now, organised by `organiser`."""
    from picketline.events.services import event_create

    n = next(_counter)
    starts_at = timezone.now().replace(microsecond=0) + starts_in
    defaults = {
        "organiser_name": "Leeds Strike Support",
        "venue": "Trades Club",
        "address": "1 Union Street",
        "locality": "London",
        "country": "GB",
        "latitude": 51.5072,
        "longitude": -0.1276,
        "description": "Come and hear the strikers.",
    }
    return event_create(
        user=organiser,
        publish=published,
        title=title or f"Solidarity meeting {n}",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        timezone=zone,
        capacity=capacity,
        **{**defaults, **fields},
    )


def make_day_of_action(*, title=None, organiser=None, disputes=(), days_ahead=14, **fields):
    from picketline.events.days.services import day_of_action_create

    n = next(_counter)
    day = timezone.now().date() + dt.timedelta(days=days_ahead)
    defaults = {"organiser_name": "Global Picketline", "call": "Join us on the day."}
    return day_of_action_create(
        user=organiser,
        publish=True,
        title=title or f"Day of action {n}",
        starts_on=day,
        ends_on=day,
        disputes=disputes,
        **{**defaults, **fields},
    )


def invite(target, email: str, *, by=None):
    """An emailed invitation to coordinate a dispute, hold a union's account or organise an
    event, as the pages send it; returns (invitation, raw token)."""
    from picketline.organisations.invitations.services import invitation_create

    role = {
        "disputes.Dispute": "coordinator",
        "organisations.Organisation": "account-holder",
        "events.Event": "event-organiser",
    }[target._meta.label]
    return invitation_create(role=role, target=target, email=email, by=by)


def make_chapter(
    organisation, *, name=None, lat=53.7965, lon=-1.5478, zone="Europe/London", **fields
):
    """A chapter of `organisation` at a point, through the service that organisers use."""
    from picketline.organisations.chapters.services import chapter_create

    name = name or f"Chapter {next(_counter)}"
    return chapter_create(
        organisation=organisation,
        by=None,
        name=name,
        place_name=fields.pop("place_name", name),
        latitude=lat,
        longitude=lon,
        timezone=zone,
        **fields,
    )
