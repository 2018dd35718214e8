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


def task_results_forget(*, text: str) -> int:
    """Deletes the stored tasks whose arguments hold `text` (an address being erased), sent or
    not; returns how many. Tasks stored by other backends are not kept, so there is nothing
    to forget."""
    from django_tasks_db.models import DBTaskResult

    if not text:
        return 0
    deleted, _ = DBTaskResult.objects.filter(args_kwargs__icontains=text).delete()
    return deleted
