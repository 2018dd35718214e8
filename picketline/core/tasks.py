"""Background work that belongs to no domain: sending email."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task(queue_name="email")
def send_email(
    *, subject: str, body: str, to: list[str], html: str = "", ics: str = "", ics_name: str = ""
) -> int:
    """Sends one email, with a calendar invite attached when `ics` is given.

    Raises on failure so the worker records it and it can be retried.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    if ics:
        message.attach(
            ics_name or "invite.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH"
        )
    return message.send()
