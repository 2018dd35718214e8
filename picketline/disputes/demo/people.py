"""Demo accounts and pending reports, so moderation and coordination can be tried at once.

Loaded by `picketline demo` after the demo disputes; safe to re-run.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from picketline.accounts.roles import Role
from picketline.accounts.services import user_grant_role
from picketline.disputes.demo.disputes import DEMO_PASSWORD
from picketline.disputes.models import Dispute, Submission
from picketline.disputes.submissions.services import submission_create
from picketline.organisations.models import Organisation

# (username, role, what they are for)
DEMO_ACCOUNTS = (
    ("moderator", Role.MODERATOR),
    ("admin", Role.ADMIN),
    ("coordinator", None),
    ("union", None),
)
DEMO_COORDINATED = "Northgate Buses drivers' pay strike"
DEMO_VERIFIED_UNION = "Health and Care Union (demo)"

DEMO_REPORTS = (
    {
        "employer": "Harbour Lane Warehouse (demo)",
        "unions": "Transport Workers' Union (demo)",
        "kind": "strike",
        "description": "Warehouse workers walked out over the heat inside and forced overtime.",
        "place_name": "Leeds",
        "city": "Leeds",
        "country": "GB",
        "latitude": 53.7997,
        "longitude": -1.5492,
        "timezone": "Europe/London",
        "sources": ["https://example.org/news/harbour-lane-walkout"],
        "demands": ["safety", "hours"],
    },
    {
        # The same bus strike as a published demo dispute: the queue shows it as a duplicate.
        "employer": "Northgate Buses",  # written as people say it, not "…Ltd"
        "unions": "",
        "kind": "strike",
        "description": "Bus drivers on strike again this week, picket at the depot from 6am.",
        "place_name": "Leeds",
        "city": "Leeds",
        "country": "GB",
        "latitude": 53.7965,
        "longitude": -1.5478,
        "timezone": "Europe/London",
        "sources": [],
        "demands": ["pay"],
    },
    {
        "employer": "Cafetería Central (demo)",
        "unions": "",
        "kind": "walkout",
        "description": "El personal de cocina se ha plantado por impagos de horas extra.",
        "language": "es",
        "place_name": "Valencia",
        "city": "Valencia",
        "country": "ES",
        "latitude": 39.4699,
        "longitude": -0.3763,
        "timezone": "Europe/Madrid",
        "sources": [],
        "demands": ["pay"],
    },
)


@transaction.atomic
def demo_people_load() -> list[str]:
    """Creates the demo accounts (with their roles and duties) and pending reports once.

    Returns the usernames created this time.
    """
    User = get_user_model()
    created = []
    users = {}
    for username, role in DEMO_ACCOUNTS:
        user, new = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if new:
            user.set_password(DEMO_PASSWORD)
            user.save()
            if role:
                user_grant_role(user=user, role=role)
            created.append(username)
        users[username] = user
    dispute = Dispute.objects.filter(is_demo=True, title=DEMO_COORDINATED).first()
    if dispute:
        dispute.coordinators.add(users["coordinator"])
    union = Organisation.objects.filter(is_demo=True, name=DEMO_VERIFIED_UNION).first()
    if union:
        if union.verified_at is None:
            union.verified_at = timezone.now()
            union.save(update_fields=["verified_at", "updated_at"])
        union.coordinators.add(users["union"])
    if not Submission.objects.filter(is_demo=True).exists():
        today = timezone.localdate()
        for n, report in enumerate(DEMO_REPORTS):
            submission_create(
                start_date=today - dt.timedelta(days=n + 1),
                is_demo=True,
                **{"language": "en", **report},
            )
    return created
