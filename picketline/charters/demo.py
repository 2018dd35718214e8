"""The demo charter for `make run` (`picketline demo-charters`): a charter of international
solidarity for workers in the car industry, its text in English with its ten translations
(most approved by a named reviewer, Somali and Hindi left as drafts), and endorsements: people
who show their name and people who do not, verified organisations, and one organisation
waiting in the moderators' queue.

It is published by the demo network of `picketline demo-organisations` when that has run.
Running it again changes nothing.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from picketline.charters import services
from picketline.charters.demo_text import (
    DRAFTS,
    ENGLISH,
    ORIGINAL_LANGUAGE,
    REVIEWERS,
    TRANSLATIONS,
)
from picketline.charters.models import Charter, Endorsement, EndorsementStatus, EndorserKind
from picketline.organisations.demo import DEMO_NETWORK
from picketline.organisations.models import Organisation

DEMO_SLUG = "car-workers-solidarity"
PUBLISHED_ON = dt.date(2026, 5, 1)

# name, country, shows their name
PEOPLE = [
    ("Ana Souza", "BR", True),
    ("Lukas Becker", "DE", True),
    ("Hyun-woo Lee", "KR", True),
    ("Priya Nair", "IN", True),
    ("Carlos Méndez", "MX", True),
    ("Amina Yusuf", "ZA", True),
    ("Reza Karimi", "IR", False),
    ("Giulia Romano", "IT", False),
    ("Budi Santoso", "ID", False),
    ("Marie Lefèvre", "FR", False),
    ("Li Wei", "CN", False),
    ("Omar Farouk", "EG", False),
]
# Verified organisations: name, country.
ORGANISATIONS = [
    ("Metalworkers' Union of Turin (demo)", "IT"),
    ("Korean Car Workers' Council (demo)", "KR"),
    ("Sindicato de Trabajadores Automotrices de Puebla (demo)", "MX"),
]
WAITING = ("Auto Parts Workers' Network, Pune (demo)", "IN")


def _email(n: int) -> str:
    return f"charter-endorser-{n}@example.org"


@transaction.atomic
def demo_charters_load() -> bool:
    """Loads the demo charter; False when it was already there."""
    if Charter.objects.filter(slug=DEMO_SLUG).exists():
        return False
    publisher = Organisation.objects.filter(name=DEMO_NETWORK, is_demo=True).first()
    title, text = ENGLISH
    charter = services.charter_create(
        title=title,
        slug=DEMO_SLUG,
        language=ORIGINAL_LANGUAGE,
        organisation=publisher,
        is_demo=True,
    )
    version = services.version_add(
        charter=charter, title=title, text=text, published_on=PUBLISHED_ON, user=None
    )
    for language, (translated_title, translated_text) in TRANSLATIONS.items():
        translation = services.translation_save(
            version=version,
            language=language,
            title=translated_title,
            text=translated_text,
            user=None,
        )
        if language not in DRAFTS:
            services.translation_approve(
                translation=translation, reviewer_name=REVIEWERS[language], user=None
            )
    now = timezone.now()
    rows = [
        Endorsement(
            charter=charter,
            kind=EndorserKind.PERSON,
            name=name,
            email=_email(n),
            country=country,
            show_name=public,
            status=EndorsementStatus.COUNTED,
            counted_at=now - dt.timedelta(hours=n),
            language="en",
        )
        for n, (name, country, public) in enumerate(PEOPLE, start=1)
    ]
    rows += [
        Endorsement(
            charter=charter,
            kind=EndorserKind.ORGANISATION,
            name=name,
            email=_email(100 + n),
            country=country,
            show_name=True,
            status=EndorsementStatus.COUNTED,
            counted_at=now - dt.timedelta(days=n),
            language="en",
        )
        for n, (name, country) in enumerate(ORGANISATIONS, start=1)
    ]
    Endorsement.objects.bulk_create(rows)
    name, country = WAITING
    services.endorsement_submit(
        charter=charter,
        kind=EndorserKind.ORGANISATION,
        name=name,
        email=_email(200),
        country=country,
    )
    return True
