"""Ballots through the API:

- `POST /api/v1/organisations/{id_or_slug}/ballots`: an organiser (the organisation's account
  holder, by token) puts a question to its members in good standing at a record date, or to a
  list of addresses; it opens at `opens_at` and invitations go out then.
- `GET /api/v1/ballots/{id}`: its status and turnout (to its organisers, scrutineers and
  voters while it is open; to anyone once closed, with `results`).
- `POST /api/v1/ballots/{id}/votes`: a vote, with the token from the voter's emailed link;
  the answer is the receipt, which is stored nowhere.
- `POST /api/v1/ballots/{id}/close`: an organiser closes it (it also closes by itself).
- `GET /api/v1/ballots/{id}/tracker`: after the close, every counted vote by its receipt's hash.
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from picketline.api.auth import optional_token_auth, token_auth
from picketline.api.problems import (
    ProblemError,
    forbidden,
    invalid_parameters,
    not_found,
    problem_documented,
)
from picketline.ballots import selectors, services
from picketline.ballots.models import Ballot, BallotStatus, ElectorateKind
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.membership.members.selectors import organisation_get
from picketline.organisations.selectors import user_holds_organisation

organisations_router = Router(tags=["ballots"])
router = Router(tags=["ballots"])

TRACKER_LIMIT = 1000


class Body(Schema):
    model_config = ConfigDict(extra="forbid")


class Electorate(Body):
    kind: Literal["members", "list"]
    record_date: dt.date | None = Field(
        default=None, description="For members: who was in good standing at the end of this day."
    )
    chapter: str | None = Field(default=None, description="For members: one chapter's slug.")
    emails: list[str] | None = Field(
        default=None, description="For a list: the voters' addresses.", max_length=100_000
    )


class BallotIn(Body):
    question: str = Field(max_length=300)
    options: list[str] = Field(min_length=2, max_length=services.MAX_OPTIONS)
    max_choices: int = Field(default=1, ge=1)
    opens_at: dt.datetime = Field(description="With its UTC offset.")
    closes_at: dt.datetime = Field(description="With its UTC offset.")
    electorate: Electorate
    quorum: int = Field(default=0, ge=0, le=100, description="Minimum turnout in percent.")
    threshold: Literal["majority", "two_thirds"] = "majority"
    information: str = Field(default="", max_length=20000)
    timezone: str | None = Field(
        default=None, description="The clock the ballot's times are shown on."
    )


class OptionOut(Schema):
    id: int
    label: str


class OptionResult(Schema):
    id: int
    label: str
    votes: int
    carried: bool


class Turnout(Schema):
    roll: int
    voted: int


class Results(Schema):
    options: list[OptionResult]
    turnout: int = Field(description="Votes cast (members represented, when weighted).")
    roll: int = Field(description="The roll (members represented, when weighted).")
    quorum_met: bool
    outcome: Literal["carried", "not_carried", "quorum_not_met"]


class BallotOut(Schema):
    id: int
    url: str
    organisation: str
    question: str
    options: list[OptionOut]
    max_choices: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    status: str
    quorum: int
    threshold: str
    weighted: bool
    turnout: Turnout | None = Field(
        description="While open, for the organisers and scrutineers only (by token)."
    )
    results: Results | None = Field(default=None, description="Once closed.")


class VoteIn(Body):
    token: str = Field(max_length=100, description="From the voter's emailed link.")
    choices: list[int | str] = Field(
        min_length=1, max_length=services.MAX_OPTIONS, description="Options' ids or labels."
    )


class Receipt(Schema):
    receipt: str = Field(description="Keep it: after the close it finds the vote on the tracker.")


class TrackedVote(Schema):
    receipt_hash: str
    choices: list[int]
    weight: int


class Tracker(Schema):
    count: int
    votes: list[TrackedVote]
    next: str | None


def _ballot_out(request, ballot: Ballot, *, watches: bool = True) -> dict:
    closed = ballot.status == BallotStatus.CLOSED
    turnout = selectors.turnout(ballot) if closed or watches else None
    out = {
        "id": ballot.pk,
        "url": request.build_absolute_uri(ballot.get_absolute_url()),
        "organisation": ballot.organisation.slug,
        "question": ballot.question,
        "options": [{"id": o.pk, "label": o.label} for o in ballot.options.all()],
        "max_choices": ballot.max_choices,
        "opens_at": ballot.opens_at,
        "closes_at": ballot.closes_at,
        "status": ballot.status,
        "quorum": ballot.quorum_percent,
        "threshold": ballot.threshold,
        "weighted": ballot.weighted,
        "turnout": {"roll": turnout.roll, "voted": turnout.voted} if turnout else None,
        "results": None,
    }
    if ballot.status == BallotStatus.CLOSED and ballot.results:
        r = ballot.results
        out["results"] = {
            "options": r["options"],
            "turnout": r["turnout"],
            "roll": r["roll"],
            "quorum_met": r["quorum_met"],
            "outcome": r["outcome"],
        }
    return out


def _errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for m in ValidationError(e).messages]
            for name, e in error.error_dict.items()
        }
    field = getattr(error, "code", None) or "request"
    return {field: [str(m) for m in error.messages]}


def _ballot(pk: int) -> Ballot:
    try:
        return selectors.ballot_get(pk)
    except Http404:
        raise not_found(_("There is no ballot with this id.")) from None


@organisations_router.post(
    "/{id_or_slug}/ballots",
    response={201: BallotOut},
    url_name="ballot_create",
    summary=gettext_lazy("Put a question to a ballot"),
    description=gettext_lazy(
        "For the organisation's account holders. The electorate is its members in good "
        "standing at a record date (frozen when the ballot opens), or a list of addresses. "
        "Each voter gets a private link by email when it opens. Results exist only once it "
        "closes."
    ),
    auth=token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(400, gettext_lazy("A field is not valid: see “errors”.")),
            **problem_documented(401, gettext_lazy("No API token, or not a valid one.")),
            **problem_documented(
                403, gettext_lazy("The token's account does not run this organisation.")
            ),
            **problem_documented(404, gettext_lazy("No such organisation.")),
        }
    },
)
def ballot_create(request: HttpRequest, id_or_slug: str, payload: BallotIn):
    try:
        organisation = organisation_get(key=id_or_slug)
    except Http404:
        raise not_found(
            _("No organisation has the id or slug “%(key)s”.") % {"key": id_or_slug}
        ) from None
    if not user_holds_organisation(request.user, organisation):
        raise forbidden(_("Only the organisation's account holders put questions to a ballot."))
    electorate = payload.electorate
    chapter = None
    if electorate.chapter:
        chapter = organisation.chapters.filter(slug=electorate.chapter).first()
        if chapter is None:
            raise invalid_parameters({"electorate.chapter": [_("No chapter has this slug here.")]})
    voters = None
    if electorate.kind == ElectorateKind.LIST:
        voters = [services.ListedVoter(email=e) for e in (electorate.emails or [])]
    try:
        ballot = services.ballot_create(
            organisation=organisation,
            chapter=chapter,
            question=payload.question,
            options=payload.options,
            max_choices=payload.max_choices,
            opens_at=payload.opens_at,
            closes_at=payload.closes_at,
            electorate=electorate.kind,
            record_date=electorate.record_date,
            voters=voters,
            quorum_percent=payload.quorum,
            threshold=payload.threshold,
            information=payload.information,
            zone=payload.timezone or "",
            user=request.user,
        )
    except ValidationError as error:
        raise invalid_parameters(_errors(error)) from None
    return Status(201, _ballot_out(request, ballot))


@router.get(
    "/{ballot_id}",
    response=BallotOut,
    url_name="ballot_detail",
    summary=gettext_lazy("A ballot: its status and turnout, and its results once closed"),
    description=gettext_lazy(
        "Anyone may read a ballot: its question, options, times and status, and its results "
        "once closed. While it is open the turnout is given only to its organisers and "
        "scrutineers, with their token (optional). No count exists before the close."
    ),
    auth=optional_token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(400, gettext_lazy("The ballot's id is not a number.")),
            **problem_documented(401, gettext_lazy("A token was sent but is not valid.")),
            **problem_documented(404, gettext_lazy("No such ballot.")),
        }
    },
)
def ballot_detail(request: HttpRequest, ballot_id: int):
    ballot = _ballot(ballot_id)
    user = request.user
    watches = selectors.user_runs_ballot(user, ballot) or selectors.user_scrutinises(user, ballot)
    return _ballot_out(request, ballot, watches=watches)


_VOTE_STATUS = {
    "unknown": 404,
    "unknown_voter": 404,
    "closed": 409,
    "not_open": 409,
    "already_voted": 409,
    "choice": 400,
}


@router.post(
    "/{ballot_id}/votes",
    response={201: Receipt},
    url_name="ballot_vote",
    summary=gettext_lazy("Cast a vote"),
    description=gettext_lazy(
        "With the token from the voter's emailed link. One vote per voter: a second is refused "
        "with 409. The receipt in the answer is stored nowhere; keep it to find the vote on the "
        "tracker after the close."
    ),
    # The voter's token is in the body; a bearer token is not needed (and a session cookie is
    # never used, so no form on another site can vote).
    auth=optional_token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(
                400, gettext_lazy("A choice is not an option, or too many were chosen.")
            ),
            **problem_documented(401, gettext_lazy("A token was sent but is not valid.")),
            **problem_documented(
                404, gettext_lazy("No such ballot, or the token is not on its roll.")
            ),
            **problem_documented(409, gettext_lazy("Already voted, or the ballot is not open.")),
            **problem_documented(429, gettext_lazy("Too many requests from this address for now.")),
        }
    },
)
def ballot_vote(request: HttpRequest, ballot_id: int, payload: VoteIn):
    if submission_rate_limited(request, scope="ballot-vote"):
        raise ProblemError(
            status=429,
            code="too-many-votes",
            title=_("Too many requests."),
            detail=_("This address has sent too many votes for now: try again later."),
            headers={"Retry-After": str(retry_after_seconds("ballot-vote"))},
        )
    try:
        receipt = services.vote_cast(
            ballot_id=ballot_id, token=payload.token, choices=payload.choices
        )
    except services.VoteRefused as refused:
        raise ProblemError(
            status=_VOTE_STATUS.get(refused.code, 400),
            code=f"vote-{refused.code.replace('_', '-')}",
            title=_("The vote was not counted."),
            detail=refused.message,
        ) from None
    return Status(201, {"receipt": services.receipt_display(receipt)})


@router.post(
    "/{ballot_id}/close",
    response=BallotOut,
    url_name="ballot_close",
    summary=gettext_lazy("Close a ballot and publish its results"),
    description=gettext_lazy(
        "For the organisation's account holders. A ballot also closes by itself at its "
        "closing time. Closing a closed ballot changes nothing."
    ),
    auth=token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(400, gettext_lazy("The ballot's id is not a number.")),
            **problem_documented(401, gettext_lazy("No API token, or not a valid one.")),
            **problem_documented(
                403, gettext_lazy("The token's account does not run this ballot.")
            ),
            **problem_documented(404, gettext_lazy("No such ballot.")),
            **problem_documented(409, gettext_lazy("The ballot is not open.")),
        }
    },
)
def ballot_close(request: HttpRequest, ballot_id: int):
    ballot = _ballot(ballot_id)
    if not selectors.user_runs_ballot(request.user, ballot):
        raise forbidden(_("Only the organisation's account holders close its ballots."))
    try:
        ballot = services.ballot_close(ballot, user=request.user)
    except ValidationError as error:
        raise ProblemError(
            status=409,
            code="ballot-not-open",
            title=_("Not open."),
            detail=" ".join(error.messages),
        ) from None
    return _ballot_out(request, ballot)


class TrackerQuery(Schema):
    after: str = Field(
        default="", max_length=64, description="The last receipt hash of the previous page."
    )


@router.get(
    "/{ballot_id}/tracker",
    response=Tracker,
    url_name="ballot_tracker",
    summary=gettext_lazy("Every counted vote of a closed ballot"),
    description=gettext_lazy(
        "By the SHA-256 hash of each vote's receipt, in hash order, a thousand at a time "
        "(`next` gives the following page). Anyone may recount it."
    ),
    openapi_extra={
        "responses": {
            **problem_documented(400, gettext_lazy("A parameter is not valid.")),
            **problem_documented(404, gettext_lazy("No such ballot, or it is not closed yet.")),
        }
    },
)
def ballot_tracker(request: HttpRequest, ballot_id: int, query: Query[TrackerQuery]):
    ballot = _ballot(ballot_id)
    if ballot.status != BallotStatus.CLOSED:
        raise not_found(_("The tracker is published when the ballot closes."))
    votes = selectors.tracker(ballot)
    count = votes.count()
    if query.after:
        votes = votes.filter(receipt_hash__gt=query.after)
    page = list(votes.values("receipt_hash", "choices", "weight")[: TRACKER_LIMIT + 1])
    following = None
    if len(page) > TRACKER_LIMIT:
        page = page[:TRACKER_LIMIT]
        path = reverse("api:ballot_tracker", kwargs={"ballot_id": ballot.pk})
        following = request.build_absolute_uri(f"{path}?after={page[-1]['receipt_hash']}")
    return {"count": count, "votes": page, "next": following}
