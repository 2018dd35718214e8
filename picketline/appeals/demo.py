"""Demo data for `make run`: an appeal of the demo car-industry campaign
(`picketline demo-campaigns`) to two of its managers, with confirmed signatures from several
countries. Every name and address here is fictional; the addresses are at example.org, a
domain that receives no mail."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from picketline.appeals import services
from picketline.appeals.models import Appeal, Signature, SignatureStatus
from picketline.campaigns.demo import DEMO_CAMPAIGN
from picketline.campaigns.models import Campaign

DEMO_TITLE = "Aurora Motors: no plant closes while the talks go on (demo)"

MANAGERS = (
    ("Helena Marsh", "Chief Executive Officer", "demo-ceo@example.org"),
    ("Jorge Villanueva", "Head of Industrial Relations", "demo-relations@example.org"),
)

# (name, country): supporters in seven countries, names in their own scripts.
SUPPORTERS = (
    ("Amina Diallo", "FR"),
    ("Lukas Becker", "DE"),
    ("Lucía Romero", "ES"),
    ("João Pereira", "BR"),
    ("Priya Sharma", "GB"),
    ("Mehdi Rahimi", "DE"),
    ("Carmen Ortiz", "ES"),
    ("Ana Souza", "BR"),
    ("Tomás Herrera", "ES"),
    ("Chloé Martin", "FR"),
    ("김민준", "KR"),
    ("Siti Rahayu", "ID"),
)


@transaction.atomic
def demo_appeals_load() -> bool:
    """Loads the demo appeal once; False when it was there (or the demo campaign is not)."""
    campaign = Campaign.objects.filter(title=DEMO_CAMPAIGN, is_demo=True).first()
    if campaign is None or Appeal.objects.filter(title=DEMO_TITLE, is_demo=True).exists():
        return False
    now = timezone.now()
    appeal = services.appeal_create(
        campaign=campaign,
        user=None,
        is_demo=True,
        title=DEMO_TITLE,
        summary=(
            "Aurora Motors plans to close plants in two countries while its workers negotiate. "
            "Ask its managers to keep every plant open until the talks end."
        ),
        subject="Keep every Aurora plant open while the talks go on",
        body=(
            "Aurora's workers in five countries are negotiating common demands: equal pay for "
            "equal work, safe line speeds and no plant closure without an agreement.\n\n"
            "I ask you to keep every plant open while the talks go on, and to negotiate in good "
            "faith with the unions of every country."
        ),
        allowance="paragraph",
        paragraph_limit=600,
        mode="send",
        opens_at=now - dt.timedelta(days=7),
        closes_at=now + dt.timedelta(days=60),
        per_hour=60,
        show_targets=True,
        language="en",
    )
    for name, role, email in MANAGERS:
        services.target_add(
            appeal=appeal,
            name=name,
            role=role,
            organisation="Aurora Motors Group (demo)",
            email=email,
            user=None,
        )
    # Written confirmed, as though their links had been followed: nothing is queued to the
    # fictional managers.
    for n, (name, country) in enumerate(SUPPORTERS, start=1):
        Signature.objects.create(
            appeal=appeal,
            name=name,
            email=f"appeal-supporter-{n}@example.org",
            country=country,
            status=SignatureStatus.CONFIRMED,
            confirmed_at=now - dt.timedelta(days=6, hours=-n),
        )
    return True
