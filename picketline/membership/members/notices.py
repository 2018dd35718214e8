"""The emails membership sends: the link confirming that someone joins, the welcome, a note
to someone who joins again, organisers' messages and arrears reminders. Each is written to the
outbox (`core.outbox`) in the transaction of the change that causes it, in the language the
member joined in, and every one ends with the member's own link (standing, paying, leaving in
one click). A message to a segment of the roster is written in bulk, one row per member.
"""

from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from picketline.core.outbox import Email, outbox_send_many
from picketline.membership.members.models import Membership
from picketline.membership.members.selectors import membership_token


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def membership_page_url(membership: Membership) -> str:
    return _absolute(reverse("membership:mine", kwargs={"token": membership_token(membership)}))


def _email(membership: Membership, *, template: str, **extra) -> Email:
    with translation.override(membership.language or settings.LANGUAGE_CODE):
        context = {
            "membership": membership,
            "organisation": membership.organisation,
            "chapter": membership.chapter,
            "member_url": membership_page_url(membership),
            "SITE_NAME": settings.SITE_NAME,
            **extra,
        }
        subject = render_to_string(f"membership/email/{template}_subject.txt", context)
        body = render_to_string(f"membership/email/{template}.txt", context)
    return Email(to=membership.email, subject=subject, body=body)


def _send(membership: Membership, *, template: str, **extra) -> None:
    outbox_send_many([_email(membership, template=template, **extra)])


def join_confirm_link(membership: Membership, raw: str) -> None:
    confirm_url = _absolute(reverse("membership:confirm", kwargs={"token": raw}))
    _send(
        membership,
        template="confirm_link",
        confirm_url=confirm_url,
        hours=settings.JOIN_CONFIRM_HOURS,
    )


def join_again(membership: Membership) -> None:
    """Someone joined with an address that is already a member: tell its owner, only."""
    _send(membership, template="already_member")


def welcome(membership: Membership) -> None:
    _send(membership, template="welcome")


def segment_message(members: Iterable[Membership], *, subject: str, body: str) -> int:
    """One email to each member, each with their own link; returns how many."""
    return outbox_send_many(
        _email(member, template="message", message_subject=subject, message_body=body)
        for member in members
    )


def dues_reminder(membership: Membership, *, arrears: int) -> None:
    _send(membership, template="reminder", arrears=arrears)
