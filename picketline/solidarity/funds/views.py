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
from picketline.core.ratelimit import submission_rate_limited
from picketline.disputes.selectors import dispute_get_for_user
from picketline.solidarity.funds import selectors, services
from picketline.solidarity.funds.forms import (
    EntryForm,
    FundForm,
    PledgeForm,
    ReceivedForm,
    ReverseForm,
)
from picketline.solidarity.funds.models import PledgeStatus
from picketline.solidarity.funds.money import format_amount
from picketline.solidarity.http import form_save, public_dispute, retry_later

GET_POST = require_http_methods(["GET", "POST"])
FORM_TEMPLATE = "solidarity/funds/form.html"


def _manage_url(fund) -> str:
    return reverse("solidarity:fund_manage", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})


def _dashboard_url(dispute) -> str:
    return reverse("manage:dispute", kwargs={"slug": dispute.slug}) + "#funds"


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


def _fund_page(request, fund, form, *, status=200, rate_limited=False):
    context = {
        "dispute": fund.dispute,
        "fund": fund,
        **selectors.fund_ledger(fund=fund),
        "form": form,
        "honeypot": form[HONEYPOT],
        "rate_limited": rate_limited,
    }
    return render(request, "solidarity/funds/detail.html", context, status=status)


def _pledge_thanks(pledge_email: str) -> str:
    if pledge_email:
        return _("Thank you for your pledge. We have emailed you a link to cancel it.")
    return _("Thank you for your pledge.")


@GET_POST
def fund_detail(request, slug, pk):
    dispute = public_dispute(slug)
    fund = selectors.fund_get_public(dispute=dispute, pk=pk)
    fund.dispute = dispute
    if request.method != "POST":
        return _fund_page(request, fund, PledgeForm(currency=fund.currency))
    if submission_rate_limited(request, scope="pledge"):
        form = PledgeForm(currency=fund.currency)
        return retry_later("pledge", _fund_page(request, fund, form, status=429, rate_limited=True))
    form = PledgeForm(request.POST, currency=fund.currency)
    if form_save(form, services.pledge_create, fund=fund):
        messages.success(request, _pledge_thanks(form.cleaned_data["email"]))
        url = reverse("solidarity:fund_detail", kwargs={"slug": slug, "pk": fund.pk})
        return HttpResponseRedirect(url, status=303)
    return _fund_page(request, fund, form, status=400)


def _pledge_cancel_page(request, pledge, *, error: str = ""):
    context = {
        "pledge": pledge,
        "fund": pledge.fund,
        "dispute": pledge.fund.dispute,
        "amount": format_amount(pledge.amount_minor, pledge.currency),
        "can_cancel": services.pledge_can_cancel(pledge),
        "cancelled": pledge.status == PledgeStatus.CANCELLED,
        "error": error,
    }
    page = "solidarity/funds/pledge_cancel.html"
    return private_page(render(request, page, context, status=400 if error else 200))


@never_cache
@GET_POST
def pledge_cancel(request, token):
    pledge = services.pledge_get_by_token(raw=token)
    if pledge is None:
        raise Http404(_("This link is not valid, or the pledge no longer exists."))
    if request.method != "POST":
        return _pledge_cancel_page(request, pledge)
    try:
        pledge = services.pledge_cancel(pledge=pledge)
    except ValidationError as refused:
        return _pledge_cancel_page(request, pledge, error=" ".join(refused.messages))
    return _pledge_cancel_page(request, pledge)


# --- treasurers ------------------------------------------------------------------------------


@never_cache
@GET_POST
@two_factor_verified_required
def fund_add(request, slug):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    form = FundForm(request.POST or None)
    if fund := form_save(form, services.fund_create, dispute=dispute, user=request.user):
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


def _fund_saved(*, was_verified: bool, fund) -> str:
    if was_verified and fund.verified_at is None:
        return _(
            "The fund has been saved. The new way to give is hidden until a moderator checks it."
        )
    return _("The fund has been saved.")


@never_cache
@GET_POST
@two_factor_verified_required
def fund_manage(request, slug, pk):
    fund = selectors.fund_get_for_user(user=request.user, slug=slug, pk=pk)
    form = FundForm(request.POST or None, fund=fund)
    if request.method == "POST":
        was_verified = fund.verified_at is not None
        if saved := form_save(form, services.fund_update, fund=fund, user=request.user):
            messages.success(request, _fund_saved(was_verified=was_verified, fund=saved))
            return redirect(_manage_url(saved))
    context = {"dispute": fund.dispute, "fund": fund, "form": form}
    context |= selectors.fund_ledger(fund=fund) | {"back": _dashboard_url(fund.dispute)}
    status = 400 if request.method == "POST" else 200
    return render(request, "solidarity/funds/manage.html", context, status=status)


@never_cache
@GET_POST
@two_factor_verified_required
def fund_entry_add(request, slug, pk):
    fund = selectors.fund_get_for_user(user=request.user, slug=slug, pk=pk)
    form = EntryForm(request.POST or None, currency=fund.currency)
    if form_save(form, services.ledger_entry_record, fund=fund, user=request.user):
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


def _reverse_intro(entry) -> str:
    amount = format_amount(entry.amount_minor, entry.currency)
    return _(
        "This adds an entry of the opposite amount (%(amount)s reversed, from "
        "%(date)s) that points at it. The original stays in the ledger."
    ) % {"amount": amount, "date": entry.date.isoformat()}


@never_cache
@GET_POST
@two_factor_verified_required
def fund_entry_reverse(request, slug, pk, entry_id):
    entry = selectors.entry_get_for_user(user=request.user, slug=slug, fund_pk=pk, pk=entry_id)
    form = ReverseForm(request.POST or None)
    if form_save(form, services.ledger_entry_reverse, entry=entry, user=request.user):
        messages.success(request, _("The correction has been added to the ledger."))
        return redirect(_manage_url(entry.fund) + "#ledger")
    return _form_page(
        request,
        dispute=entry.fund.dispute,
        form=form,
        title=_("Correct a ledger entry"),
        submit=_("Add the correction"),
        back=_manage_url(entry.fund) + "#ledger",
        intro=_reverse_intro(entry),
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
