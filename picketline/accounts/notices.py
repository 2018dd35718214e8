"""The emails accounts send about a person's own data: the link confirming their address and
the link confirming that their account is to be erased. Written to the outbox with the change
that causes them (`core.outbox`); they leave once it commits."""

from django.conf import settings
from django.template.loader import render_to_string

from picketline.core.outbox import outbox_send


def _send(address: str, *, template: str, **context) -> None:
    data = {"SITE_NAME": settings.SITE_NAME, **context}
    subject = render_to_string(f"accounts/email/{template}_subject.txt", data)
    body = render_to_string(f"accounts/email/{template}.txt", data)
    outbox_send(subject=subject, body=body, to=[address])


def email_confirm_link(address: str, *, url: str) -> None:
    _send(address, template="email_confirm", url=url, hours=settings.EMAIL_CONFIRM_HOURS)


def erasure_link(address: str, *, url: str) -> None:
    _send(address, template="erasure_confirm", url=url, hours=settings.ERASURE_CONFIRM_HOURS)
