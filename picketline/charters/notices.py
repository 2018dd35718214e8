"""The email a charter's endorsement sends: the link confirming a person's endorsement,
written to the outbox (`core.outbox`) in the transaction that stored the endorsement, in the
language the person endorsed in."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from picketline.charters.models import Endorsement
from picketline.core.outbox import outbox_send


def endorsement_confirm_link(endorsement: Endorsement, raw: str) -> None:
    confirm_url = settings.SITE_URL + reverse("charters:confirm", kwargs={"token": raw})
    languages = {code for code, _name in settings.LANGUAGES}
    language = endorsement.language if endorsement.language in languages else None
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "endorsement": endorsement,
            "charter": endorsement.charter,
            "confirm_url": confirm_url,
            "hours": settings.ENDORSE_CONFIRM_HOURS,
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("charters/email/confirm_link_subject.txt", context).strip()
        body = render_to_string("charters/email/confirm_link.txt", context)
    outbox_send(subject=subject, body=body, to=[endorsement.email])
