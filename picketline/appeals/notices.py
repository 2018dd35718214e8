"""The email a signature sends the supporter: the link confirming it, written to the outbox
(`core.outbox`) in the transaction that stored the signature, in the language they signed in.
The emails to the targets are the fan-out's (`appeals.delivery`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from picketline.appeals.models import Signature
from picketline.core.outbox import outbox_send


def signature_confirm_link(signature: Signature, raw: str) -> None:
    confirm_url = settings.SITE_URL + reverse("appeals:confirm", kwargs={"token": raw})
    languages = {code for code, _name in settings.LANGUAGES}
    language = signature.language if signature.language in languages else None
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "signature": signature,
            "appeal": signature.appeal,
            "confirm_url": confirm_url,
            "hours": settings.APPEAL_CONFIRM_HOURS,
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("appeals/email/confirm_link_subject.txt", context).strip()
        body = render_to_string("appeals/email/confirm_link.txt", context)
    outbox_send(subject=subject, body=body, to=[signature.email])
