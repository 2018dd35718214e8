"""Ballot pages: the voter's page behind their private link (or signed in), the ballot's page
(its results and tracker after the close), and the organisers' pages (two factors).

The vote page and its answer are private pages (no shared cache, no referrer, no indexing);
the receipt is shown once, in the answer to the vote, and never stored."""

import csv
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.ballots import selectors, services
from picketline.ballots.forms import BallotForm, ScrutineerForm, VoteForm
from picketline.ballots.models import BallotStatus
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page, too_many_requests
from picketline.core.ratelimit import submission_rate_limited
from picketline.membership.members.selectors import membership_settings_for
from picketline.organisations.selectors import organisation_get_for_user, organisation_get_public


def _vote_page(request, ballot, *, form, voter, token="", status=200):
    response = render(
        request,
        "ballots/vote.html",
        {
            "ballot": ballot,
            "form": form,
            "voter": voter,
            "token": token,
            "is_open": selectors.ballot_is_open(ballot),
            "zone": ZoneInfo(ballot.timezone),
        },
        status=status,
    )
    return private_page(response)


def _cast(request, ballot, *, voter, token=""):
    form = VoteForm(request.POST or None, ballot=ballot)
    if request.method == "POST":
        if submission_rate_limited(request, scope="ballot-vote"):
            return private_page(too_many_requests(request, scope="ballot-vote"))
        if form.is_valid():
            try:
                receipt = services.vote_cast(
                    ballot_id=ballot.pk,
                    choices=form.cleaned_data["choices"],
                    token=token,
                    user=None if token else request.user,
                )
            except services.VoteRefused as refused:
                form.add_error(None, refused.message)
                voter.refresh_from_db()
                return _vote_page(request, ballot, form=form, voter=voter, token=token, status=409)
            response = render(
                request,
                "ballots/receipt.html",
                {"ballot": ballot, "receipt": services.receipt_display(receipt)},
            )
            return private_page(response)
        return _vote_page(request, ballot, form=form, voter=voter, token=token, status=400)
    return _vote_page(request, ballot, form=form, voter=voter, token=token)


@require_http_methods(["GET", "HEAD", "POST"])
def vote(request, pk, token):
    """The page the emailed link opens: the question, the information, the options."""
    ballot = selectors.ballot_get(pk)
    voter = selectors.voter_by_token(ballot, token)
    if voter is None:
        response = render(request, "ballots/link_problem.html", {"ballot": ballot}, status=404)
        return private_page(response)
    return _cast(request, ballot, voter=voter, token=token)


@require_http_methods(["GET", "HEAD", "POST"])
@two_factor_verified_required
def vote_signed_in(request, pk):
    """Voting as the account on the roll, for those who sign in rather than use the link."""
    ballot = selectors.ballot_get(pk)
    voter = selectors.voter_of_user(request.user, ballot)
    if voter is None:
        response = render(request, "ballots/link_problem.html", {"ballot": ballot}, status=404)
        return private_page(response)
    return _cast(request, ballot, voter=voter)


@require_GET
def detail(request, pk):
    """The ballot's page: the question and its times for anyone, and after the close its
    results. Before the close, the information put to the vote is for voters signed in and
    organisers, and the turnout so far for organisers and scrutineers."""
    ballot = selectors.ballot_get(pk)
    user = request.user
    runs = selectors.user_runs_ballot(user, ballot)
    watches = runs or selectors.user_scrutinises(user, ballot)
    voter = selectors.voter_of_user(user, ballot)
    closed = ballot.status == BallotStatus.CLOSED
    response = render(
        request,
        "ballots/detail.html",
        {
            "ballot": ballot,
            "closed": closed,
            "options": selectors.options_with_results(ballot),
            "results": ballot.results,
            "turnout": selectors.turnout(ballot) if watches and not closed else None,
            # What is put to the vote is for the voters and organisers until the close.
            "shows_information": closed or watches or voter is not None,
            "runs": runs,
            "voter": voter,
            "is_open": selectors.ballot_is_open(ballot),
            "zone": ZoneInfo(ballot.timezone),
        },
    )
    if not closed:
        private_page(response)
    return response


@require_GET
def tracker(request, pk):
    """After the close: every counted vote by its receipt's hash, and a search by receipt."""
    ballot = selectors.ballot_get(pk)
    if ballot.status != BallotStatus.CLOSED:
        return render(request, "ballots/not_yet.html", {"ballot": ballot}, status=404)
    receipt = request.GET.get("receipt", "").strip()
    found = None
    if receipt:
        found = (
            selectors.tracker(ballot).filter(receipt_hash=services.receipt_hash(receipt)).first()
        )
    labels = dict(ballot.options.values_list("id", "label"))
    page = Paginator(selectors.tracker(ballot), selectors.TRACKER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "ballots/tracker.html",
        {
            "ballot": ballot,
            "page": page,
            "rows": [(v, [labels[c] for c in v.choices]) for v in page.object_list],
            "receipt": receipt,
            "searched": bool(receipt),
            "found": found,
            "found_labels": [labels[c] for c in found.choices] if found else [],
        },
    )


@require_GET
def tracker_csv(request, pk):
    """The whole tracker, for anyone to recount: receipt hash, options chosen, weight."""
    ballot = selectors.ballot_get(pk)
    if ballot.status != BallotStatus.CLOSED:
        return render(request, "ballots/not_yet.html", {"ballot": ballot}, status=404)
    labels = dict(ballot.options.values_list("id", "label"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballot-{ballot.pk}-tracker.csv"'
    writer = csv.writer(response)
    writer.writerow(["receipt_sha256", "choices", "weight"])
    for vote in selectors.tracker(ballot).iterator():
        writer.writerow(
            [vote.receipt_hash, "; ".join(labels[c] for c in vote.choices), vote.weight]
        )
    return response


@require_GET
def organisation_ballots(request, slug):
    """An organisation's ballots: all of them for its organisers, the closed ones for anyone."""
    organisation = organisation_get_public(slug=slug)
    return render(
        request,
        "ballots/list.html",
        {
            "organisation": organisation,
            "ballots": selectors.ballots_of(organisation, user=request.user),
            "runs": selectors.user_holds_organisation(request.user, organisation),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@two_factor_verified_required
def create(request, slug):
    organisation = organisation_get_for_user(user=request.user, slug=slug)
    if not selectors.user_holds_organisation(request.user, organisation):
        raise PermissionDenied
    zone = membership_settings_for(organisation).timezone or "UTC"
    form = BallotForm(request.POST or None, organisation=organisation, zone=zone)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ballot = services.ballot_create(
                organisation=organisation,
                chapter=data.get("chapter"),
                question=data["question"],
                information=data["information"],
                options=data["options"],
                max_choices=data["max_choices"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                electorate=data["electorate"],
                record_date=data.get("record_date"),
                voters=data.get("voters") or None,
                weighted=data["weighted"],
                quorum_percent=data["quorum_percent"],
                threshold=data["threshold"],
                zone=data["timezone"],
                user=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The ballot is saved."))
            return HttpResponseRedirect(ballot.get_manage_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ballots/create.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


@never_cache
@require_GET
@two_factor_verified_required
def manage(request, pk):
    """The organisers' and scrutineers' page: the roll's size and the turnout, never a count
    of choices before the close."""
    ballot = selectors.ballot_get_for_watcher(user=request.user, pk=pk)
    return _manage_page(request, ballot)


def _manage_page(request, ballot, *, form=None, status=200):
    return render(
        request,
        "ballots/manage.html",
        {
            "ballot": ballot,
            "turnout": selectors.turnout(ballot),
            "runs": selectors.user_runs_ballot(request.user, ballot),
            "is_open": selectors.ballot_is_open(ballot),
            "zone": ZoneInfo(ballot.timezone),
            "scrutineers": ballot.scrutineers.select_related("user"),
            "scrutineer_form": form or ScrutineerForm(),
        },
        status=status,
    )


@require_POST
@two_factor_verified_required
def remind(request, pk):
    ballot = selectors.ballot_get_for_manager(user=request.user, pk=pk)
    sent = services.ballot_remind(ballot, user=request.user)
    messages.success(
        request, _("A reminder went to %(count)d voters who had not voted.") % {"count": sent}
    )
    return HttpResponseRedirect(ballot.get_manage_url())


@require_POST
@two_factor_verified_required
def close(request, pk):
    ballot = selectors.ballot_get_for_manager(user=request.user, pk=pk)
    try:
        services.ballot_close(ballot, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(ballot.get_manage_url())
    messages.success(request, _("The ballot is closed and its result published."))
    return HttpResponseRedirect(ballot.get_absolute_url())


@require_POST
@two_factor_verified_required
def scrutineer_add(request, pk):
    ballot = selectors.ballot_get_for_manager(user=request.user, pk=pk)
    form = ScrutineerForm(request.POST)
    if form.is_valid():
        try:
            services.scrutineer_add(ballot, account=form.cleaned_data["account"], user=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The scrutineer is added."))
            return HttpResponseRedirect(ballot.get_manage_url())
    return _manage_page(request, ballot, form=form, status=400)
