"""Emails about requests for a chapter, written to the outbox with the change and sent after
the commit: each of the organisation's organisers hears of a new request; a requester whose
request is declined is told kindly, in the language they wrote in. (An approved request is
answered by the invitation to organise the chapter.)"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from picketline.core.outbox import outbox_send
from picketline.organisations.chapters.models import ChapterRequest


def _queue(*, template: str, context: dict, to: list[str]) -> None:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    outbox_send(subject=subject, body=body, to=to)


def chapter_request_received(request: ChapterRequest) -> None:
    organisation = request.organisation
    to = sorted(
        {
            email
            for email in organisation.coordinators.filter(is_active=True).values_list(
                "email", flat=True
            )
            if email
        }
    )
    url = settings.SITE_URL + reverse(
        "organisations:chapter_requests", kwargs={"slug": organisation.slug}
    )
    context = {
        "organisation": organisation,
        "request": request,
        "url": url,
        "site_name": settings.SITE_NAME,
    }
    _queue(template="organisations/email/chapter_request_received", context=context, to=to)


def chapter_request_declined(request: ChapterRequest, *, note: str) -> None:
    organisation = request.organisation
    context = {
        "organisation": organisation,
        "request": request,
        "note": note,
        "url": settings.SITE_URL + organisation.get_absolute_url(),
        "site_name": settings.SITE_NAME,
    }
    with translation.override(request.language):
        _queue(
            template="organisations/email/chapter_request_declined",
            context=context,
            to=[request.email],
        )
