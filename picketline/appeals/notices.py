"""The email a signature sends the supporter: the link confirming it, written to the outbox
(`core.outbox`) in the transaction that stored the signature, in the language they signed in.
The emails to the targets are the fan-out's (`appeals.delivery`)."""

from django.conf import settings
from django.urls import reverse

from picketline.appeals.models import Signature
from picketline.core.confirm_links import confirm_link_email


def signature_confirm_link(signature: Signature, raw: str) -> None:
    confirm_link_email(
        to=signature.email,
        language=signature.language,
        url=settings.SITE_URL + reverse("appeals:confirm", kwargs={"token": raw}),
        hours=settings.APPEAL_CONFIRM_HOURS,
        templates="appeals/email/confirm_link",
        context={"signature": signature, "appeal": signature.appeal},
    )
