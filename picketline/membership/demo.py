"""Demo members for `make run`: dues plans and members in every standing (good, in arrears,
lapsed, waived, on a sliding scale, one not yet confirmed, one who left) for the demo network
`picketline demo-organisations` makes, spread over its chapters; and accounts for a chapter
organiser, a treasurer, the network's admin and a member (the password of every demo login).

It finds the network by its name (`organisations.demo.DEMO_NETWORK`); when demo-organisations
has not run yet, it runs it first, so there is only ever one demo network. Running it again
changes nothing.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from picketline.accounts.own_data import email_confirmed_record
from picketline.core.tokens import nonce_new, token_hash
from picketline.membership.dues.models import DuesEntry, DuesPlan, MembershipSettings
from picketline.membership.members.models import Membership, Treasurer
from picketline.membership.members.selectors import membership_token
from picketline.organisations.demo import DEMO_NETWORK, demo_organisations_load
from picketline.organisations.models import Organisation

# The same password as every other demo login (`picketline demo`).
PASSWORD = "picketline-demo"
# The chapter the `organiser` login organises, and where most members are.
HOME_CHAPTER = "Leeds"
# name, chapter (a city; or the n-th other chapter), plan, months since joining, months
# paid, status
MEMBERS = [
    ("Ada Lovelace", "Leeds", "Standard", 6, 7, "active"),  # good standing (the `member` login)
    ("Bo Okafor", "Leeds", "Standard", 4, 3, "active"),  # one period in arrears
    ("Cyd Marlowe", "Leeds", "Standard", 8, 2, "active"),  # lapsed
    ("Dee Ramírez", 1, "Standard", 3, 4, "active"),
    ("Eun-ji Park", 1, "Hardship", 5, 0, "active"),  # waived: always in good standing
    ("Farah Haddad", 2, "Supporter", 2, 1, "active"),  # sliding scale, in arrears
    ("Gus Nowak", 2, "Standard", 1, 0, "active"),
    ("Hamid Sadeghi", 3, "Standard", 7, 1, "active"),
    ("Inés Duarte", 4, "Supporter", 2, 3, "active"),
    ("Jun Watanabe", 5, "Standard", 3, 1, "left"),
    ("Kofi Mensah", "Leeds", "Standard", 0, 0, "pending"),
]


def _months_ago(today: dt.date, months: int) -> dt.date:
    year, month = today.year, today.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, min(today.day, 28))


def _network() -> Organisation:
    """The demo network of `picketline demo-organisations`, made first when missing."""
    found = Organisation.objects.filter(name=DEMO_NETWORK, is_demo=True).first()
    if found is None:
        demo_organisations_load()
        found = Organisation.objects.get(name=DEMO_NETWORK, is_demo=True)
    return found


def _account(username: str, *, email: str = ""):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email or f"{username}@example.org"}
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_members_load() -> bool:
    """Loads the demo members once; False when they were already there."""
    organisation = _network()
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
    home = organisation.chapters.filter(name=HOME_CHAPTER).first()
    others = list(organisation.chapters.exclude(pk=getattr(home, "pk", None)).order_by("name"))
    now = timezone.now()
    today = timezone.localdate()
    for n, (name, where, plan_name, months, paid, status) in enumerate(MEMBERS, start=1):
        plan = plans[plan_name]
        start = _months_ago(today, months)
        if isinstance(where, str):
            chapter = home
        else:
            chapter = others[(where - 1) % len(others)] if others else home
        member = Membership(
            organisation=organisation,
            chapter=chapter,
            name=name,
            email=f"demo-member-{n}@example.org",
            plan=plan,
            amount_minor=1500 if plan.kind == "sliding" else None,
            status=status,
            source="online",
            agreed_at=now,
            joined_at=None if status == "pending" else now - dt.timedelta(days=30 * months),
            dues_start=None if status == "pending" else start,
            left_at=now if status == "left" else None,
            token_nonce=nonce_new(),
        )
        member.token_hash = token_hash(membership_token(member))
        member.save()
        for month in range(paid):
            DuesEntry.objects.create(
                membership=member,
                date=_months_ago(today, max(months - month, 0)),
                method="bank",
                amount_minor=member.amount_minor or plan.amount_minor,
                currency="GBP",
                note="Demo",
                external_id=f"demo:{member.pk}:{month}",
            )
        if n == 1:
            # The `member` login: their membership, and their own data at /account/data/.
            account = _account("member", email=member.email)
            member.user = account
            member.save(update_fields=["user"])
            email_confirmed_record(user=account, email=member.email)
    if home is not None:
        home.organisers.add(_account("organiser"))
    Treasurer.objects.get_or_create(organisation=organisation, user=_account("treasurer"))
    organisation.coordinators.add(_account("network-admin"))
    return True
