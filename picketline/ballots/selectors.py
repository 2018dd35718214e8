"""Reading ballots: who may see what, the turnout, the tracker.

Before the close there is nothing to count: `SealedVote` is never read here, and no result
exists until `services.ballot_close` writes it. Organisers and scrutineers see the roll's size
and the turnout; voters see the question, the information and their own link's state.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.ballots.models import Ballot, BallotStatus, CountedVote, Scrutineer, Voter
from picketline.core.tokens import token_hash, token_plausible
from picketline.organisations.selectors import user_holds_organisation

TRACKER_PAGE = 200


@dataclass(frozen=True)
class Turnout:
    roll: int
    voted: int

    @property
    def percent(self) -> float:
        return round(100 * self.voted / self.roll, 1) if self.roll else 0.0


def ballot_get(pk: int) -> Ballot:
    ballot = Ballot.objects.select_related("organisation", "chapter").filter(pk=pk).first()
    if ballot is None:
        raise Http404(_("There is no ballot at this address."))
    return ballot


def user_runs_ballot(user, ballot: Ballot) -> bool:
    """The organisation's account holders run its ballots (not the site's moderators: a
    ballot is the organisation's own)."""
    return user.is_authenticated and user_holds_organisation(user, ballot.organisation)


def user_scrutinises(user, ballot: Ballot) -> bool:
    return user.is_authenticated and Scrutineer.objects.filter(ballot=ballot, user=user).exists()


def voter_of_user(user, ballot: Ballot) -> Voter | None:
    if not user.is_authenticated:
        return None
    return Voter.objects.filter(ballot=ballot, user=user).first()


def ballot_get_for_manager(*, user, pk: int) -> Ballot:
    ballot = ballot_get(pk)
    if not user_runs_ballot(user, ballot):
        raise PermissionDenied
    return ballot


def ballot_get_for_watcher(*, user, pk: int) -> Ballot:
    """Organisers and scrutineers: who may watch the turnout."""
    ballot = ballot_get(pk)
    if not (user_runs_ballot(user, ballot) or user_scrutinises(user, ballot)):
        raise PermissionDenied
    return ballot


def voter_by_token(ballot: Ballot, raw: str) -> Voter | None:
    if not token_plausible(raw):
        return None
    return Voter.objects.filter(ballot=ballot, token_hash=token_hash(raw)).first()


def turnout(ballot: Ballot) -> Turnout:
    counts = Voter.objects.filter(ballot=ballot).aggregate(
        roll=Count("id"), voted=Count("id", filter=Q(voted=True))
    )
    return Turnout(roll=counts["roll"], voted=counts["voted"])


def ballot_is_open(ballot: Ballot) -> bool:
    now = timezone.now()
    return ballot.status == BallotStatus.OPEN and ballot.opens_at <= now < ballot.closes_at


def ballots_of(organisation, *, user) -> list[Ballot]:
    """An organisation's ballots for its organisers; for anyone else the closed ones (their
    results are public)."""
    ballots = Ballot.objects.filter(organisation=organisation).select_related("chapter")
    if not user_holds_organisation(user, organisation):
        ballots = ballots.filter(status=BallotStatus.CLOSED)
    return list(ballots.order_by("-opens_at", "-id"))


def options_with_results(ballot: Ballot) -> list[dict]:
    """The options, each with its result after the close."""
    results = {o["id"]: o for o in (ballot.results or {}).get("options", [])}
    return [
        {"id": option.pk, "label": option.label, **results.get(option.pk, {})}
        for option in ballot.options.all()
    ]


def tracker(ballot: Ballot):
    """The counted votes, by receipt hash: nothing before the close."""
    if ballot.status != BallotStatus.CLOSED:
        return CountedVote.objects.none()
    return CountedVote.objects.filter(ballot=ballot).order_by("receipt_hash")
