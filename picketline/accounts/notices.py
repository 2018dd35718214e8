"""The emails accounts send about a person's own data: the link confirming their address and
the link confirming that their account is to be erased. Queued once the change commits; a
task's payload holds the address and the text, nothing else."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from picketline.core.tasks import send_email


def _send(address: str, *, template: str, **context) -> None:
    def render_and_enqueue():
        data = {"SITE_NAME": settings.SITE_NAME, **context}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", data)
        body = render_to_string(f"accounts/email/{template}.txt", data)
        send_email.enqueue(subject=" ".join(subject.split()), body=body, to=[address])

    transaction.on_commit(render_and_enqueue)


def email_confirm_link(address: str, *, url: str) -> None:
    _send(address, template="email_confirm", url=url, hours=settings.EMAIL_CONFIRM_HOURS)


def erasure_link(address: str, *, url: str) -> None:
    _send(address, template="erasure_confirm", url=url, hours=settings.ERASURE_CONFIRM_HOURS)
