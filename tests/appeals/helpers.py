"""Appeals for the tests, made through the services."""

import datetime as dt
import re

from django.utils import timezone

from picketline.appeals import services
from picketline.appeals.models import Signature
from picketline.core.models import OutboxEmail
from tests.campaigns.helpers import make_campaign


def make_appeal(*, campaign=None, dispute=None, user=None, targets=2, **fields):
    """An open appeal of `campaign` (a new one when neither it nor `dispute` is given), with
    `targets` targets at target<n>@employer.example."""
    if campaign is None and dispute is None:
        campaign = make_campaign()
    now = timezone.now()
    values = {
        "title": "Stop the plant closures",
        "summary": "Write to the board.",
        "subject": "Keep the plants open",
        "body": "We ask you to keep every plant open and to negotiate with the unions.",
        "allowance": "paragraph",
        "paragraph_limit": 200,
        "mode": "send",
        "opens_at": now - dt.timedelta(days=1),
        "closes_at": now + dt.timedelta(days=30),
        "per_hour": 60,
        "show_targets": True,
        "language": "en",
    } | fields
    appeal = services.appeal_create(campaign=campaign, dispute=dispute, user=user, **values)
    for n in range(1, targets + 1):
        services.target_add(
            appeal=appeal,
            name=f"Manager {n}",
            role="Board member",
            organisation="Big Cars plc",
            email=f"target{n}@employer.example",
            user=user,
        )
    return appeal


def confirm_token(email: str) -> str:
    """The token of the latest confirmation link emailed to `email`."""
    body = (
        OutboxEmail.objects.filter(address__iexact=email, body__contains="/appeal-signatures/")
        .order_by("-id")
        .first()
        .body
    )
    return re.search(r"/appeal-signatures/([^/\s]+)/", body).group(1)


def sign(appeal, *, email, name="Ada Picket", country="FR", paragraph="", confirm=True):
    result = services.signature_submit(
        appeal=appeal, name=name, email=email, country=country, paragraph=paragraph
    )
    if confirm:
        services.signature_confirm(raw=confirm_token(email))
    return Signature.objects.get(pk=result.signature.pk)
