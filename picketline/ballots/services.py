"""Ballots: create, open (freeze the roll), cast, close (shuffle and count), cancel.

The secret is kept by what is written, not by who may read it (docs/ballots.md): casting marks
the voter as having voted and adds a sealed vote with a random id and no time; the close opens
the sealed votes, writes them as counted votes in a shuffled order in one transaction, deletes
them, and clears every voter's link in the same statement for all of them.
"""

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from zoneinfo import available_timezones

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.ballots import notices, tally
from picketline.ballots.links import TOKEN_PURPOSE
from picketline.ballots.models import (
    Ballot,
    BallotOption,
    BallotStatus,
    CountedVote,
    ElectorateKind,
    Scrutineer,
    SealedVote,
    Threshold,
    Voter,
)
from picketline.ballots.schedule import ballot_schedule, remind_at
from picketline.core.audit import log_action
from picketline.core.crypto import seal, unseal
from picketline.core.tokens import keyed_token, nonce_new, token_hash, token_plausible
from picketline.membership.dues.standing import Standing, local_date, standing_annotate
from picketline.membership.members.models import Membership, MembershipStatus
from picketline.membership.members.selectors import membership_settings_for

MAX_OPTIONS = 50
MAX_LIST_VOTERS = 100_000
# Receipts: 20 characters of an alphabet without look-alikes, 100 bits, shown in groups of 5.
_RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_RECEIPT_LENGTH = 20


class VoteRefused(Exception):
    """The vote was not counted; `message` says why, for the voter. Nothing was written."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ListedVoter:
    email: str
    name: str = ""
    weight: int = 1


# --- creating ------------------------------------------------------------------------------


def _clean_options(labels: list[str]) -> list[str]:
    cleaned = [" ".join(str(label).split()) for label in labels]
    if len(cleaned) < 2:
        raise ValidationError(_("A ballot needs at least two options."), "options")
    if len(cleaned) > MAX_OPTIONS:
        raise ValidationError(
            _("A ballot has at most %(max)d options.") % {"max": MAX_OPTIONS}, "options"
        )
    if any(not label or len(label) > 200 for label in cleaned):
        raise ValidationError(_("Each option needs a label of at most 200 characters."), "options")
    if len({label.casefold() for label in cleaned}) != len(cleaned):
        raise ValidationError(_("Two options have the same label."), "options")
    return cleaned


def _clean_list(voters: list[ListedVoter]) -> list[ListedVoter]:
    seen = set()
    cleaned = []
    for voter in voters:
        email = voter.email.strip().lower()
        if "@" not in email or len(email) > 254:
            raise ValidationError(
                _("“%(email)s” is not an email address.") % {"email": voter.email[:80]}, "emails"
            )
        if email in seen:
            raise ValidationError(
                _("“%(email)s” is on the list twice.") % {"email": email[:80]}, "emails"
            )
        if voter.weight < 1:
            raise ValidationError(_("A voter's weight is a whole number from 1."), "emails")
        seen.add(email)
        cleaned.append(ListedVoter(email=email, name=voter.name.strip()[:100], weight=voter.weight))
    if not cleaned:
        raise ValidationError(_("The list of voters is empty."), "emails")
    if len(cleaned) > MAX_LIST_VOTERS:
        raise ValidationError(
            _("A list has at most %(max)d voters.") % {"max": MAX_LIST_VOTERS}, "emails"
        )
    return cleaned


@transaction.atomic
def ballot_create(
    *,
    organisation,
    question: str,
    options: list[str],
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    electorate: str,
    record_date: dt.date | None = None,
    voters: list[ListedVoter] | None = None,
    chapter=None,
    information: str = "",
    max_choices: int = 1,
    quorum_percent: int = 0,
    threshold: str = Threshold.MAJORITY,
    weighted: bool = False,
    zone: str = "",
    user=None,
) -> Ballot:
    """A new ballot, opened at once when its opening time has come (see `ballot_open`)."""
    question = " ".join(question.split())
    if not question:
        raise ValidationError(_("Ask a question."), "question")
    labels = _clean_options(options)
    if not 1 <= max_choices <= len(labels):
        raise ValidationError(
            _("Voters may choose from 1 to %(count)d options.") % {"count": len(labels)},
            "max_choices",
        )
    if timezone.is_naive(opens_at) or timezone.is_naive(closes_at):
        raise ValidationError(_("Give the opening and closing times with their time zone."))
    if closes_at <= opens_at:
        raise ValidationError(_("A ballot closes after it opens."), "closes_at")
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing time has already passed."), "closes_at")
    if not 0 <= quorum_percent <= 100:
        raise ValidationError(_("The quorum is a percentage from 0 to 100."), "quorum")
    if threshold not in Threshold.values:
        raise ValidationError(_("Choose a threshold."), "threshold")
    if chapter is not None and chapter.organisation_id != organisation.pk:
        raise ValidationError(_("That chapter is not this organisation's."), "chapter")
    zone = zone or _zone_of(organisation)
    if zone not in available_timezones():
        raise ValidationError(_("Choose a time zone from the list."), "timezone")
    listed = []
    if electorate == ElectorateKind.MEMBERS:
        if record_date is None:
            raise ValidationError(_("Members vote as they stood at a record date."), "record_date")
        if record_date > local_date(opens_at, zone):
            raise ValidationError(
                _("The record date is at the latest the day the roll is frozen: the opening day."),
                "record_date",
            )
        if weighted:
            raise ValidationError(
                _("Weighted votes are for a list of delegates, each with their weight."),
                "weighted",
            )
    elif electorate == ElectorateKind.LIST:
        listed = _clean_list(voters or [])
        record_date = None
    else:
        raise ValidationError(_("Say who may vote."), "electorate")
    ballot = Ballot.objects.create(
        organisation=organisation,
        chapter=chapter,
        question=question,
        information=information.strip(),
        max_choices=max_choices,
        opens_at=opens_at,
        closes_at=closes_at,
        electorate=electorate,
        record_date=record_date,
        weighted=weighted,
        quorum_percent=quorum_percent,
        threshold=threshold,
        timezone=zone,
        seal_salt=secrets.token_hex(16),
        created_by=user,
    )
    BallotOption.objects.bulk_create(
        BallotOption(ballot=ballot, position=n, label=label) for n, label in enumerate(labels)
    )
    Voter.objects.bulk_create(
        (
            Voter(ballot=ballot, email=v.email, name=v.name, weight=v.weight if weighted else 1)
            for v in listed
        ),
        batch_size=1000,
    )
    log_action(
        ballot, "ballot.created", user=user, data={"electorate": electorate, "voters": len(listed)}
    )
    ballot_schedule(ballot)
    if opens_at <= timezone.now():
        ballot_open(ballot)
        ballot.refresh_from_db()
    return ballot


def _zone_of(organisation) -> str:
    return membership_settings_for(organisation).timezone or "UTC"


def _members_at(ballot: Ballot):
    """The organisation's (or chapter's) members in good standing at the end of the record
    date on the organisation's clock: joined by then, not left by then, dues paid as of then.
    Who joins, pays, lapses or leaves later changes nothing."""
    settings = membership_settings_for(ballot.organisation)
    members = Membership.objects.filter(
        organisation=ballot.organisation, joined_at__isnull=False
    ).exclude(status=MembershipStatus.PENDING)
    if ballot.chapter_id:
        members = members.filter(chapter_id=ballot.chapter_id)
    on_roll = []
    annotated = standing_annotate(
        members, as_of=ballot.record_date, grace_periods=settings.grace_periods
    )
    for member in annotated.only(
        "id", "user_id", "name", "email", "language", "joined_at", "left_at"
    ):
        if local_date(member.joined_at, settings.timezone) > ballot.record_date:
            continue
        if member.left_at and local_date(member.left_at, settings.timezone) <= ballot.record_date:
            continue
        if member.standing != Standing.GOOD:
            continue
        on_roll.append(member)
    return on_roll


@transaction.atomic
def ballot_open(ballot: Ballot) -> int:
    """Opens a draft ballot whose time has come: freezes a members' roll as of the record date
    and gives every voter a private link's nonce. Returns the roll's size."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != BallotStatus.DRAFT:
        return ballot.voters.count()
    if ballot.electorate == ElectorateKind.MEMBERS:
        seen = set()
        rows = []
        for member in _members_at(ballot):
            email = member.email.strip().lower()
            if email in seen:
                continue
            seen.add(email)
            rows.append(
                Voter(
                    ballot=ballot,
                    membership_id=member.pk,
                    user_id=member.user_id,
                    name=member.name,
                    email=email,
                    language=member.language,
                )
            )
        Voter.objects.bulk_create(rows, batch_size=1000)
    voters = list(ballot.voters.order_by("id"))
    for voter in voters:
        voter.token_nonce = nonce_new()
        voter.token_hash = token_hash(keyed_token(TOKEN_PURPOSE, voter.token_nonce))
        voter.invited = True
    Voter.objects.bulk_update(voters, ["token_nonce", "token_hash", "invited"], batch_size=1000)
    ballot.status = BallotStatus.OPEN
    ballot.save(update_fields=["status", "updated_at"])
    notices.invitations_send(ballot, voters)
    log_action(ballot, "ballot.opened", user=None, data={"roll": len(voters)})
    return len(voters)


# --- casting -------------------------------------------------------------------------------


def receipt_new() -> str:
    return "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(_RECEIPT_LENGTH))


def receipt_normalise(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch in _RECEIPT_ALPHABET)


def receipt_hash(raw: str) -> str:
    return hashlib.sha256(receipt_normalise(raw).encode("ascii")).hexdigest()


def receipt_display(raw: str) -> str:
    return "-".join(raw[n : n + 5] for n in range(0, len(raw), 5))


# The advisory lock class of ballots: votes hold (BALLOT_LOCK, id) shared, the close exclusive.
BALLOT_LOCK = 0x62616C6C  # "ball"


def _ballot_lock(ballot_id: int, *, exclusive: bool) -> None:
    """On PostgreSQL, an advisory lock on the ballot for this transaction: votes hold it
    shared (they never wait for one another, and unlike a row lock it writes nothing to the
    ballot's row), the close exclusive, so it waits for every vote in flight, and a vote that
    comes after waits for the close and then finds the ballot closed. SQLite lets one writer
    in at a time, which does the same."""
    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [BALLOT_LOCK, ballot_id])


def _lock_open(ballot_id: int) -> Ballot:
    """The ballot, if it is open now, held against closing until this transaction ends."""
    _ballot_lock(ballot_id, exclusive=False)
    ballot = Ballot.objects.filter(pk=ballot_id).first()
    now = timezone.now()
    if ballot is None:
        raise VoteRefused(_("There is no such ballot."), "unknown")
    if ballot.status != BallotStatus.OPEN or now >= ballot.closes_at:
        raise VoteRefused(_("This ballot is closed: votes are no longer taken."), "closed")
    if now < ballot.opens_at:
        raise VoteRefused(_("This ballot is not open yet."), "not_open")
    return ballot


def _choices_clean(ballot: Ballot, choices: list) -> list[int]:
    options = list(ballot.options.values_list("id", "label"))
    by_label = {label.casefold(): pk for pk, label in options}
    ids = {pk for pk, _label in options}
    chosen = set()
    for choice in choices:
        if isinstance(choice, int) and not isinstance(choice, bool) and choice in ids:
            chosen.add(choice)
        elif isinstance(choice, str) and choice.strip().casefold() in by_label:
            chosen.add(by_label[choice.strip().casefold()])
        elif isinstance(choice, str) and choice.strip().isdigit() and int(choice) in ids:
            chosen.add(int(choice))
        else:
            raise VoteRefused(_("One of the choices is not an option of this ballot."), "choice")
    if not chosen:
        raise VoteRefused(_("Choose an option."), "choice")
    if len(chosen) != len(choices):
        raise VoteRefused(_("An option was chosen twice."), "choice")
    if len(chosen) > ballot.max_choices:
        raise VoteRefused(
            _("Choose at most %(max)d options.") % {"max": ballot.max_choices}, "choice"
        )
    return sorted(chosen)


def vote_cast(*, ballot_id: int, choices: list, token: str = "", user=None) -> str:
    """Casts one vote, by private link (`token`) or as the signed-in `user` on the roll, and
    returns the receipt (shown once, never stored). Refused with VoteRefused, writing
    nothing, when the ballot is not open, the link is unknown, or the voter has voted."""
    with transaction.atomic():
        ballot = _lock_open(ballot_id)
        chosen = _choices_clean(ballot, list(choices))
        voters = Voter.objects.filter(ballot=ballot)
        if token:
            if not token_plausible(token):
                raise VoteRefused(_("This voting link is not valid."), "unknown_voter")
            voters = voters.filter(token_hash=token_hash(token))
        elif user is not None and user.is_authenticated:
            # One place on the roll per account, even if two of its addresses are listed.
            first = voters.filter(user=user).order_by("pk").values("pk")[:1]
            voters = Voter.objects.filter(pk__in=first)
        else:
            raise VoteRefused(_("This voting link is not valid."), "unknown_voter")
        # The conditional update is the one vote per voter: of two attempts at once, one
        # finds the flag still down and raises it; the other changes no row and is refused.
        if not voters.filter(voted=False).update(voted=True):
            if voters.exists():
                raise VoteRefused(
                    _("A vote has already been cast with this link. Each voter votes once."),
                    "already_voted",
                )
            raise VoteRefused(_("You are not on this ballot's roll."), "unknown_voter")
        weight = voters.values_list("weight", flat=True).get() if ballot.weighted else 1
        receipt = receipt_new()
        payload = {"c": chosen, "w": weight, "r": receipt_hash(receipt)}
        SealedVote.objects.create(
            ballot=ballot,
            sealed=seal(json.dumps(payload).encode(), salt=ballot.seal_salt),
        )
    return receipt


# --- closing -------------------------------------------------------------------------------


@transaction.atomic
def ballot_close(ballot: Ballot, *, user=None) -> Ballot:
    """Closes an open ballot: waits for votes in flight, counts, publishes the results.

    The sealed votes become counted votes in an order drawn at random, all in this one
    transaction, and are deleted; every voter's link is cleared in one statement. Closing a
    closed ballot changes nothing."""
    _ballot_lock(ballot.pk, exclusive=True)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status == BallotStatus.CLOSED:
        return ballot
    if ballot.status != BallotStatus.OPEN:
        raise ValidationError(_("Only an open ballot can be closed."), "status")
    sealed = list(SealedVote.objects.filter(ballot=ballot).values_list("sealed", flat=True))
    votes = [json.loads(unseal(token, salt=ballot.seal_salt)) for token in sealed]
    secrets.SystemRandom().shuffle(votes)
    CountedVote.objects.bulk_create(
        (
            CountedVote(ballot=ballot, receipt_hash=v["r"], choices=v["c"], weight=v["w"])
            for v in votes
        ),
        batch_size=1000,
    )
    SealedVote.objects.filter(ballot=ballot).delete()
    voters = ballot.voters.all()
    roll_people = voters.count()
    voted_people = voters.filter(voted=True).count()
    roll = sum(voters.values_list("weight", flat=True)) if ballot.weighted else roll_people
    voters.update(token_hash=None, token_nonce="")
    results = tally.count(
        options=list(ballot.options.values_list("id", "label")),
        votes=[(v["c"], v["w"]) for v in votes],
        roll=roll,
        quorum_percent=ballot.quorum_percent,
        threshold=ballot.threshold,
    )
    results["roll_people"] = roll_people
    results["voted_people"] = voted_people
    results["weighted"] = ballot.weighted
    ballot.results = results
    ballot.status = BallotStatus.CLOSED
    ballot.closed_at = timezone.now()
    ballot.save(update_fields=["results", "status", "closed_at", "updated_at"])
    log_action(
        ballot, "ballot.closed", user=user, data={"turnout": voted_people, "roll": roll_people}
    )
    return ballot


@transaction.atomic
def ballot_remind(ballot: Ballot, *, user=None) -> int:
    """Reminds every voter who has not voted yet of an open ballot; returns how many."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != BallotStatus.OPEN:
        return 0
    voters = list(ballot.voters.filter(voted=False).order_by("id"))
    notices.reminders_send(ballot, voters)
    Voter.objects.filter(pk__in=[v.pk for v in voters]).update(reminded=True)
    ballot.reminded_at = timezone.now()
    ballot.save(update_fields=["reminded_at", "updated_at"])
    log_action(ballot, "ballot.reminded", user=user, data={"voters": len(voters)})
    return len(voters)


def ballot_due_run(ballot_id: int, now: dt.datetime | None = None) -> int:
    """Takes the steps whose time has come for one ballot: open, remind, close. Each happens
    once however often this runs."""
    now = now or timezone.now()
    ballot = Ballot.objects.filter(pk=ballot_id).first()
    if ballot is None:
        return 0
    steps = 0
    if ballot.status == BallotStatus.DRAFT and ballot.opens_at <= now:
        ballot_open(ballot)
        ballot.refresh_from_db()
        steps += 1
    if ballot.status == BallotStatus.OPEN and ballot.closes_at <= now:
        ballot_close(ballot)
        return steps + 1
    if (
        ballot.status == BallotStatus.OPEN
        and ballot.reminded_at is None
        and remind_at(ballot.opens_at, ballot.closes_at) <= now
    ):
        ballot_remind(ballot)
        steps += 1
    return steps


def ballots_due_run(now: dt.datetime | None = None) -> int:
    """`ballot_due_run` for every ballot with a step due."""
    now = now or timezone.now()
    due = Ballot.objects.filter(
        Q(status=BallotStatus.DRAFT, opens_at__lte=now)
        | Q(status=BallotStatus.OPEN, closes_at__lte=now)
        | Q(status=BallotStatus.OPEN, reminded_at__isnull=True)
    ).values_list("pk", flat=True)
    return sum(ballot_due_run(pk, now) for pk in list(due))


def scrutineer_add(ballot: Ballot, *, account: str, user=None) -> Scrutineer:
    """Makes the account with this username or email a scrutineer of the ballot."""
    key = account.strip()
    people = get_user_model().objects.filter(is_active=True)
    found = people.filter(username=key).first() or people.filter(email__iexact=key).first()
    if found is None:
        raise ValidationError(_("No account has this username or email."), "account")
    scrutineer, _created = Scrutineer.objects.get_or_create(ballot=ballot, user=found)
    log_action(ballot, "ballot.scrutineer_added", user=user, data={"account": found.pk})
    return scrutineer
