"""The emails of a ballot: an invitation to each voter when it opens, a reminder to those who
have not voted. Each is written to the outbox (`core.outbox`) in the transaction that opens
the ballot or sends the reminder; no task carries an address, a link or a choice.

The text is rendered once per language, with markers where each voter's name and link go, and
each voter's email is that text with the markers replaced: ten thousand invitations cost one
render a language, not ten thousand.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from picketline.ballots.links import voter_token
from picketline.ballots.models import Ballot, Voter
from picketline.core.outbox import Email, outbox_send_many

_NAME = "\x00name\x00"
_LINK = "\x00link\x00"


def _language(voter: Voter) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    return voter.language if voter.language in languages else settings.LANGUAGE_CODE


def vote_url(ballot: Ballot, token: str) -> str:
    return settings.SITE_URL + reverse("ballots:vote", kwargs={"pk": ballot.pk, "token": token})


def _texts(ballot: Ballot, kind: str, language: str) -> tuple[str, str]:
    with translation.override(language), timezone.override(ballot.timezone):
        context = {
            "ballot": ballot,
            "organisation": ballot.organisation,
            "name": _NAME,
            "vote_url": _LINK,
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string(f"ballots/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"ballots/email/{kind}.txt", context)
    return subject, body


def _emails(ballot: Ballot, voters, kind: str):
    rendered: dict[str, tuple[str, str]] = {}
    for voter in voters:
        language = _language(voter)
        if language not in rendered:
            rendered[language] = _texts(ballot, kind, language)
        subject, body = rendered[language]
        yield Email(
            to=voter.email,
            subject=subject,
            body=body.replace(_NAME, voter.name or voter.email).replace(
                _LINK, vote_url(ballot, voter_token(voter))
            ),
        )


def invitations_send(ballot: Ballot, voters) -> int:
    """Queues an invitation to each of `voters` (a queryset or list of the roll's rows)."""
    return outbox_send_many(_emails(ballot, voters, "invitation"))


def reminders_send(ballot: Ballot, voters) -> int:
    return outbox_send_many(_emails(ballot, voters, "reminder"))
