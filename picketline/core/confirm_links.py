"""Confirming by an emailed link: a person's record (an appeal's signature, a charter's
endorsement) waits until they follow a single-use private link sent to their address.

The record keeps the link in two columns, `confirm_token_hash` (the token's SHA-256, unique;
the token itself is only in the email) and `confirm_expires_at`. Each room keeps its own
record, statuses, wording and URL (`<room>/<token>/`); the link's life is the same for all:

- `confirm_link_new(record, hours=…)` gives the record a new link before it is saved, and
  returns the token for the email (`confirm_link_email`, written to the outbox in the same
  transaction, in the language the person used);
- `confirm_link_find(queryset, raw=…)` finds the record a token belongs to, without touching
  the database for junk;
- `confirm_link_check` / `confirm_link_take` say whether the link still does something (code
  "unknown" or "expired"), the latter under the record's row lock, so a second click waits for
  the first and then finds the link used; `confirm_link_used(record)` ends the link;
- `confirm_link_page` is the view's shape: GET shows what the button confirms, POST (behind a
  button, because mail scanners follow every link in an email) confirms, and a link that does
  nothing answers 404 (unknown) or 410 (expired) with the reason.
"""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from picketline.core.http import private_page, too_many_requests
from picketline.core.outbox import outbox_send
from picketline.core.ratelimit import submission_rate_limited
from picketline.core.tokens import token_hash, token_new, token_plausible

CONFIRM_LINK_FIELDS = ("confirm_token_hash", "confirm_expires_at")
LINK_PROBLEM_TEMPLATE = "confirm_links/link_problem.html"


def confirm_link_new(record: models.Model, *, hours: int) -> str:
    """Gives `record` a new link valid for `hours` (the caller saves it, with
    CONFIRM_LINK_FIELDS when it exists already); returns the token for the email."""
    raw, record.confirm_token_hash = token_new()
    record.confirm_expires_at = timezone.now() + dt.timedelta(hours=hours)
    return raw


def confirm_link_find(queryset: models.QuerySet, *, raw: str):
    """The record of `queryset` whose link the token is, or None."""
    if not token_plausible(raw):
        return None
    return queryset.filter(confirm_token_hash=token_hash(raw)).first()


def confirm_link_check(record, *, pending: str, expired_message: str):
    """`record` when its link still confirms it: found, still `pending`, not expired.
    ValidationError with code "unknown" or "expired" (and `expired_message`) otherwise."""
    if record is None or record.status != pending:
        raise ValidationError(
            _("This link has already been used, or it is not a link we sent."), code="unknown"
        )
    if record.confirm_expires_at is None or record.confirm_expires_at <= timezone.now():
        raise ValidationError(expired_message, code="expired")
    return record


def confirm_link_take(check: Callable[[], models.Model]) -> models.Model:
    """`check()` (which finds and checks the record), again under the record's row lock.
    Call inside the transaction that confirms."""
    record = check()
    type(record).objects.select_for_update().get(pk=record.pk)
    return check()


def confirm_link_used(record) -> list[str]:
    """Ends the link (it works once); returns the fields to save."""
    record.confirm_token_hash = None
    record.confirm_expires_at = None
    return list(CONFIRM_LINK_FIELDS)


def confirm_links_expired(queryset: models.QuerySet) -> models.QuerySet:
    """The records of `queryset` whose link has expired (never confirmed: forget them)."""
    return queryset.filter(confirm_expires_at__lt=timezone.now())


def confirm_link_email(
    *, to: str, language: str, url: str, hours: int, templates: str, context: dict
) -> None:
    """Writes the email carrying the link to the outbox, in `language` when the site speaks
    it: `<templates>_subject.txt` and `<templates>.txt`, with `confirm_url` and `hours`."""
    languages = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in languages else settings.LANGUAGE_CODE):
        context = {
            **context,
            "confirm_url": url,
            "hours": hours,
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string(f"{templates}_subject.txt", context).strip()
        body = render_to_string(f"{templates}.txt", context)
    outbox_send(subject=subject, body=body, to=[to])


def confirm_link_page(
    request,
    *,
    scope: str,
    check: Callable[[], models.Model],
    confirm: Callable[[], models.Model],
    done: Callable[[models.Model], tuple[str, str]],
    template: str,
    name: str,
) -> HttpResponse:
    """The page the emailed link opens. GET: `template` with the record as `name`. POST
    (rate-limited by `scope`): `confirm()`, then `done(record)` gives the thank-you message
    and the page to go to. A link that does nothing: its reason, 404 or 410. Never cached."""
    if request.method == "POST" and submission_rate_limited(request, scope=scope):
        return private_page(too_many_requests(request, scope=scope))
    try:
        if request.method == "POST":
            message, url = done(confirm())
            messages.success(request, message)
            return private_page(HttpResponseRedirect(url, status=303))
        record = check()
    except ValidationError as error:
        status = 410 if error.code == "expired" else 404
        context = {"message": error.messages[0]}
        return private_page(render(request, LINK_PROBLEM_TEMPLATE, context, status=status))
    return private_page(render(request, template, {name: record}))
