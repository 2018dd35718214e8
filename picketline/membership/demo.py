"""Demo members for `make run`: an organisation with chapters, dues plans and members in every
standing, and accounts for an organiser, a treasurer and an admin (password "demo").

It uses a demo organisation with chapters when there is one; otherwise it makes a small
demo network with two chapters. Running it again changes nothing.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from picketline.core.tokens import nonce_new, token_hash
from picketline.membership.dues.models import DuesEntry, DuesPlan, MembershipSettings
from picketline.membership.members.models import Membership, Treasurer
from picketline.membership.members.selectors import membership_token
from picketline.organisations.models import Chapter, Organisation

NETWORK = "Picketline Demo Solidarity Network"
PASSWORD = "demo"
CHAPTERS = [
    ("Leeds", "leeds", 53.7965, -1.5478, "Europe/London", "GB"),
    ("Manchester", "manchester", 53.4808, -2.2426, "Europe/London", "GB"),
]
# name, chapter index, plan, months since joining, months paid
MEMBERS = [
    ("Ada Lovelace", 0, "Standard", 6, 7),
    ("Bo Okafor", 0, "Standard", 4, 3),
    ("Cyd Marlowe", 0, "Standard", 8, 2),
    ("Dee Ramírez", 1, "Standard", 3, 4),
    ("Eun-ji Park", 1, "Hardship", 5, 0),
    ("Farah Haddad", 1, "Supporter", 2, 1),
    ("Gus Nowak", 1, "Standard", 1, 0),
]


def _months_ago(today: dt.date, months: int) -> dt.date:
    year, month = today.year, today.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, min(today.day, 28))


def _organisation() -> Organisation:
    demo = (
        Organisation.objects.filter(is_demo=True, chapters__isnull=False)
        .distinct()
        .order_by("id")
        .first()
    )
    if demo is not None:
        return demo
    organisation, _created = Organisation.objects.get_or_create(
        slug="demo-solidarity-network",
        defaults={
            "name": NETWORK,
            "kind": Organisation.Kind.OTHER,
            "country": "GB",
            "is_demo": True,
        },
    )
    for name, slug, lat, lon, zone, country in CHAPTERS:
        Chapter.objects.get_or_create(
            organisation=organisation,
            slug=slug,
            defaults={
                "name": name,
                "place_name": name,
                "city": name,
                "country": country,
                "latitude": lat,
                "longitude": lon,
                "timezone": zone,
                "is_demo": True,
            },
        )
    return organisation


def _account(username: str):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_members_load() -> bool:
    """Loads the demo members once; False when they were already there."""
    organisation = _organisation()
    if DuesPlan.objects.filter(organisation=organisation).exists():
        return False
    MembershipSettings.objects.get_or_create(
        organisation=organisation,
        defaults={"timezone": "Europe/London", "grace_periods": 2, "drive_goal": 50},
    )
    plans = {
        "Standard": DuesPlan.objects.create(
            organisation=organisation, name="Standard", amount_minor=500, currency="GBP"
        ),
        "Supporter": DuesPlan.objects.create(
            organisation=organisation,
            name="Supporter",
            kind="sliding",
            amount_minor=1000,
            currency="GBP",
        ),
        "Hardship": DuesPlan.objects.create(
            organisation=organisation,
            name="Hardship",
            kind="waived",
            amount_minor=0,
            currency="GBP",
        ),
    }
    chapters = list(organisation.chapters.order_by("id")[:2])
    now = timezone.now()
    today = timezone.localdate()
    for n, (name, chapter_index, plan_name, months, paid) in enumerate(MEMBERS, start=1):
        plan = plans[plan_name]
        start = _months_ago(today, months)
        member = Membership(
            organisation=organisation,
            chapter=chapters[chapter_index % len(chapters)] if chapters else None,
            name=name,
            email=f"demo-member-{n}@example.org",
            plan=plan,
            status="active",
            source="online",
            agreed_at=now,
            joined_at=now - dt.timedelta(days=30 * months),
            dues_start=start,
            token_nonce=nonce_new(),
        )
        member.token_hash = token_hash(membership_token(member))
        member.save()
        for month in range(paid):
            DuesEntry.objects.create(
                membership=member,
                date=_months_ago(today, max(months - month, 0)),
                method="bank",
                amount_minor=plan.amount_minor,
                currency="GBP",
                note="Demo",
                external_id=f"demo:{member.pk}:{month}",
            )
    if chapters:
        chapters[0].organisers.add(_account("organiser"))
    Treasurer.objects.get_or_create(organisation=organisation, user=_account("treasurer"))
    organisation.coordinators.add(_account("network-admin"))
    return True
