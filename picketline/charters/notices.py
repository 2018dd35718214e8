"""The email a charter's endorsement sends: the link confirming a person's endorsement,
written to the outbox (`core.outbox`) in the transaction that stored the endorsement, in the
language the person endorsed in."""

from django.conf import settings
from django.urls import reverse

from picketline.charters.models import Endorsement
from picketline.core.confirm_links import confirm_link_email


def endorsement_confirm_link(endorsement: Endorsement, raw: str) -> None:
    confirm_link_email(
        to=endorsement.email,
        language=endorsement.language,
        url=settings.SITE_URL + reverse("charters:confirm", kwargs={"token": raw}),
        hours=settings.ENDORSE_CONFIRM_HOURS,
        templates="charters/email/confirm_link",
        context={"endorsement": endorsement, "charter": endorsement.charter},
    )
