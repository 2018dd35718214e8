"""Background work that belongs to no domain: sending email."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task(queue_name="email")
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> int:
    """Sends one email. Raises on failure so the worker records it and it can be retried."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
