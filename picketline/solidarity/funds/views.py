"""Pages for strike funds: the public fund page with its ledger and pledge form, the
treasurers' pages (the dispute's coordinators) and the pledger's private cancel link.

Treasurers' pages load the fund through `fund_get_for_user`, which goes through the dispute's
one permission door; an entry or pledge is then looked up within that fund only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.forms import HONEYPOT
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_for_user, dispute_get_public
from picketline.solidarity.funds import selectors as selectors
from picketline.solidarity.funds import services as services
from picketline.solidarity.funds.forms import (
    EntryForm,
    FundForm,
    PledgeForm,
    ReceivedForm,
    ReverseForm,
)
from picketline.solidarity.funds.models import PledgeStatus
from picketline.solidarity.funds.money import format_amount

GET_POST = require_http_methods(["GET", "POST"])
FORM_TEMPLATE = "solidarity/funds/form.html"


def _manage_url(fund) -> str:
    return reverse("solidarity:fund_manage", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})


def _dashboard_url(dispute) -> str:
    return reverse("manage:dispute", kwargs={"slug": dispute.slug}) + "#funds"


def _add_errors(form, error: ValidationError) -> None:
    form.add_error(None, error)


def _form_page(request, *, dispute, form, title, submit, back, intro=""):
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "dispute": dispute,
        "form": form,
        "title": title,
        "submit": submit,
        "back": back,
        "intro": intro,
    }
    return render(request, FORM_TEMPLATE, context, status=status)


# --- public ----------------------------------------------------------------------------------


def _public_dispute(slug: str) -> Dispute:
    try:
        return dispute_get_public(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None


def _fund_page(request, fund, form, *, status=200, rate_limited=False):
    totals = selectors.fund_totals(fund)
    context = {
        "dispute": fund.dispute,
        "fund": fund,
        "totals": list(totals.values()),
        "progress": selectors.fund_progress(fund, totals),
        "entries": selectors.ledger_entries(fund=fund),
        "form": form,
        "honeypot": form[HONEYPOT],
        "rate_limited": rate_limited,
    }
    return render(request, "solidarity/funds/detail.html", context, status=status)


@GET_POST
def fund_detail(request, slug, pk):
    dispute = _public_dispute(slug)
    fund = selectors.fund_get_public(dispute=dispute, pk=pk)
    fund.dispute = dispute
    if request.method != "POST":
        return _fund_page(request, fund, PledgeForm(currency=fund.currency))
    if submission_rate_limited(request, scope="pledge"):
        form = PledgeForm(currency=fund.currency)
        response = _fund_page(request, fund, form, status=429, rate_limited=True)
        response["Retry-After"] = str(retry_after_seconds())
        return response
    form = PledgeForm(request.POST, currency=fund.currency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.pledge_create(
                fund=fund,
                amount_minor=data["amount"],
                recurrence=data["recurrence"],
                name=data["name"],
                email=data["email"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if data["email"]:
                done = _("Thank you for your pledge. We have emailed you a link to cancel it.")
            else:
                done = _("Thank you for your pledge.")
            messages.success(request, done)
            url = reverse("solidarity:fund_detail", kwargs={"slug": slug, "pk": fund.pk})
            return HttpResponseRedirect(url, status=303)
    return _fund_page(request, fund, form, status=400)


@never_cache
@GET_POST
def pledge_cancel(request, token):
    pledge = services.pledge_get_by_token(raw=token)
    if pledge is None:
        raise Http404(_("This link is not valid, or the pledge no longer exists."))
    error = ""
    if request.method == "POST":
        try:
            pledge = services.pledge_cancel(pledge=pledge)
        except ValidationError as refused:
            error = " ".join(refused.messages)
    context = {
        "pledge": pledge,
        "fund": pledge.fund,
        "dispute": pledge.fund.dispute,
        "amount": format_amount(pledge.amount_minor, pledge.currency),
        "can_cancel": services.pledge_can_cancel(pledge),
        "cancelled": pledge.status == PledgeStatus.CANCELLED,
        "error": error,
    }
    status = 400 if error else 200
    return private_page(
        render(request, "solidarity/funds/pledge_cancel.html", context, status=status)
    )


# --- treasurers ------------------------------------------------------------------------------


@never_cache
@GET_POST
@two_factor_verified_required
def fund_add(request, slug):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    form = FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund = services.fund_create(dispute=dispute, user=request.user, **form.service_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The fund has been saved. It is public once a moderator checks it.")
            )
            return redirect(_manage_url(fund))
    return _form_page(
        request,
        dispute=dispute,
        form=form,
        title=_("Add a strike fund"),
        submit=_("Save the fund"),
        back=_dashboard_url(dispute),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def fund_manage(request, slug, pk):
    fund = selectors.fund_get_for_user(user=request.user, slug=slug, pk=pk)
    form = FundForm(request.POST or None, fund=fund)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                was_verified = fund.verified_at is not None
                fund = services.fund_update(fund=fund, user=request.user, **form.service_fields())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if was_verified and fund.verified_at is None:
                    messages.success(
                        request,
                        _(
                            "The fund has been saved. The new way to give is hidden until a "
                            "moderator checks it."
                        ),
                    )
                else:
                    messages.success(request, _("The fund has been saved."))
                return redirect(_manage_url(fund))
    totals = selectors.fund_totals(fund)
    context = {
        "dispute": fund.dispute,
        "fund": fund,
        "form": form,
        "totals": list(totals.values()),
        "progress": selectors.fund_progress(fund, totals),
        "entries": selectors.ledger_entries(fund=fund),
        "back": _dashboard_url(fund.dispute),
    }
    return render(request, "solidarity/funds/manage.html", context, status=status)


@never_cache
@GET_POST
@two_factor_verified_required
def fund_entry_add(request, slug, pk):
    fund = selectors.fund_get_for_user(user=request.user, slug=slug, pk=pk)
    form = EntryForm(request.POST or None, currency=fund.currency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ledger_entry_record(
                fund=fund,
                date=data["date"],
                kind=data["kind"],
                amount_minor=data["amount"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The entry has been added to the ledger."))
            return redirect(_manage_url(fund) + "#ledger")
    return _form_page(
        request,
        dispute=fund.dispute,
        form=form,
        title=_("Add to the ledger of “%(fund)s”") % {"fund": fund.name},
        submit=_("Add the entry"),
        back=_manage_url(fund),
        intro=_(
            "Entries are public and can never be changed or deleted: a mistake is corrected "
            "by a reversing entry that says why."
        ),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def fund_entry_reverse(request, slug, pk, entry_id):
    entry = selectors.entry_get_for_user(user=request.user, slug=slug, fund_pk=pk, pk=entry_id)
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ledger_entry_reverse(
                entry=entry, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The correction has been added to the ledger."))
            return redirect(_manage_url(entry.fund) + "#ledger")
    amount = format_amount(entry.amount_minor, entry.currency)
    return _form_page(
        request,
        dispute=entry.fund.dispute,
        form=form,
        title=_("Correct a ledger entry"),
        submit=_("Add the correction"),
        back=_manage_url(entry.fund) + "#ledger",
        intro=_(
            "This adds an entry of the opposite amount (%(amount)s reversed, from "
            "%(date)s) that points at it. The original stays in the ledger."
        )
        % {"amount": amount, "date": entry.date.isoformat()},
    )


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def fund_pledges(request, slug, pk):
    fund = selectors.fund_get_for_user(user=request.user, slug=slug, pk=pk)
    pledges = [
        (pledge, format_amount(pledge.amount_minor, pledge.currency))
        for pledge in selectors.pledges_for_treasurers(fund=fund)
    ]
    context = {
        "dispute": fund.dispute,
        "fund": fund,
        "pledges": pledges,
        "received_form": ReceivedForm(),
        "back": _manage_url(fund),
    }
    return render(request, "solidarity/funds/pledges.html", context)


@require_POST
@two_factor_verified_required
def fund_pledge_received(request, slug, pk, pledge_id):
    pledge = selectors.pledge_get_for_user(user=request.user, slug=slug, fund_pk=pk, pk=pledge_id)
    form = ReceivedForm(request.POST)
    kind = form.cleaned_data["kind"] if form.is_valid() else None
    if kind is None:
        messages.error(request, _("Choose how the money arrived."))
    else:
        try:
            services.pledge_mark_received(pledge=pledge, user=request.user, kind=kind)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The pledge is marked received and in the ledger."))
    url = reverse("solidarity:fund_pledges", kwargs={"slug": slug, "pk": pk})
    return HttpResponseRedirect(url, status=303)
