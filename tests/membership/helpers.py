"""Membership test data: organisations with chapters and plans, members in any state."""

import datetime as dt
import itertools

from django.utils import timezone

from picketline.core.tokens import nonce_new, token_hash
from picketline.membership.dues.models import DuesEntry, DuesPlan, MembershipSettings
from picketline.membership.members.models import Membership, Treasurer
from picketline.membership.members.selectors import (
    membership_access_for,
    membership_token,
)
from picketline.organisations.models import Chapter
from tests import factories

_counter = itertools.count(1)

LEEDS = (53.7965, -1.5478)
MANCHESTER = (53.4808, -2.2426)


def make_network(*, name=None, grace_periods=2, zone="Europe/London"):
    organisation = factories.make_organisation(
        name=name or f"Network {next(_counter)}", kind="other"
    )
    MembershipSettings.objects.create(
        organisation=organisation, timezone=zone, grace_periods=grace_periods
    )
    return organisation


def make_chapter(organisation, *, name="Leeds", point=LEEDS, area_km=25, zone="Europe/London"):
    n = next(_counter)
    return Chapter.objects.create(
        organisation=organisation,
        name=name,
        slug=f"{name.lower()}-{n}",
        place_name=name,
        latitude=point[0],
        longitude=point[1],
        area_km=area_km,
        timezone=zone,
    )


def make_plan(
    organisation, *, name=None, amount_minor=500, currency="GBP", period="monthly", kind="fixed"
):
    return DuesPlan.objects.create(
        organisation=organisation,
        name=name or f"Plan {next(_counter)}",
        kind=kind,
        amount_minor=0 if kind == "waived" else amount_minor,
        currency=currency,
        period=period,
    )


def make_member(
    organisation,
    *,
    chapter=None,
    plan=None,
    name=None,
    email=None,
    status="active",
    dues_start=None,
    joined_at=None,
    user=None,
):
    n = next(_counter)
    now = joined_at or timezone.now()
    membership = Membership(
        organisation=organisation,
        chapter=chapter,
        plan=plan,
        user=user,
        name=name or f"Member {n}",
        email=email or f"member{n}@example.org",
        status=status,
        source="online",
        agreed_at=now,
        joined_at=now if status != "pending" else None,
        dues_start=(dues_start or now.date()) if status != "pending" else None,
        left_at=now if status == "left" else None,
        token_nonce=nonce_new(),
    )
    membership.token_hash = token_hash(membership_token(membership))
    membership.save()
    return membership


def pay(membership, amount_minor, *, date=None, currency="GBP"):
    return DuesEntry.objects.create(
        membership=membership,
        date=date or timezone.localdate(),
        method="cash",
        amount_minor=amount_minor,
        currency=currency,
    )


def make_organiser(chapter):
    user = factories.make_user()
    chapter.organisers.add(user)
    factories.make_totp_device(user)
    return user


def make_treasurer(organisation):
    user = factories.make_user()
    Treasurer.objects.create(organisation=organisation, user=user)
    factories.make_totp_device(user)
    return user


def make_admin(organisation):
    user = factories.make_user()
    organisation.coordinators.add(user)
    factories.make_totp_device(user)
    return user


def access(user, organisation):
    return membership_access_for(user=user, organisation=organisation)


def months_ago(n: int) -> dt.date:
    today = timezone.localdate()
    month = today.month - n
    year = today.year
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)
