"""Pages for delegations: coordinators record and remove them, anyone may tell of one, and the
map asks which disputes are connected to one.

Coordinators' pages load their dispute through `dispute_get_for_user(..., write=True)`.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.ratelimit import submission_rate_limited
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_for_user
from picketline.solidarity.delegations.forms import DelegationForm, DelegationReportForm
from picketline.solidarity.delegations.selectors import connections_for_map
from picketline.solidarity.delegations.services import (
    delegation_add,
    delegation_remove,
    delegation_report,
)
from picketline.solidarity.http import form_save, public_dispute, retry_later

GET_POST = require_http_methods(["GET", "POST"])
# The dispute's management pages' own form and confirmation templates.
FORM_TEMPLATE = "disputes/manage/form.html"
CONFIRM_TEMPLATE = "includes/confirm_page.html"


def _back(dispute: Dispute) -> str:
    return reverse("manage:dispute", kwargs={"slug": dispute.slug}) + "#delegations"


def _form_page(request, dispute, form, *, status=None, **context):
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    context = {"dispute": dispute, "form": form, **context}
    return render(request, FORM_TEMPLATE, context, status=status)


@GET_POST
@two_factor_verified_required
def delegation_add_view(request, slug):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    form = DelegationForm(request.POST or None, dispute=dispute)
    if request.method == "POST" and form.is_valid():
        delegation_add(dispute=dispute, user=request.user, **form.cleaned_data)
        return redirect(_back(dispute))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Record a delegation or visit"),
        submit=_("Record it"),
        back=_back(dispute),
    )


@GET_POST
@two_factor_verified_required
def delegation_delete_view(request, slug, pk):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    delegation = get_object_or_404(dispute.delegations, pk=pk)
    if request.method == "POST":
        delegation_remove(delegation=delegation, user=request.user)
        return redirect(_back(dispute))
    context = {
        "dispute": dispute,
        "title": _("Remove a delegation"),
        "question": _("Remove “%(delegation)s”?") % {"delegation": delegation},
        "detail": "",
        "submit": _("Remove"),
        "back": _back(dispute),
    }
    return render(request, CONFIRM_TEMPLATE, context)


def _report_refused(request, form: DelegationReportForm) -> int | None:
    """The status to answer with when the report is refused before it is checked, else None."""
    if form.is_from_a_robot():
        form.add_error(None, _("This form could not be accepted."))
        return 400
    if submission_rate_limited(request, scope="delegation"):
        form.add_error(None, _("Too many reports from this address. Try again later."))
        return 429
    return None


def _report_page(request, dispute, form, *, status):
    return _form_page(
        request,
        dispute,
        form,
        status=status,
        title=_("Tell us about a delegation or visit"),
        submit=_("Send"),
        back=dispute.get_absolute_url(),
        intro=_(
            "Did your workplace, branch or group visit this picket line, send a delegation or "
            "meet the strikers? Moderators check it before it is published."
        ),
    )


@GET_POST
def delegation_report_view(request, slug):
    dispute = public_dispute(slug)
    form = DelegationReportForm(request.POST or None, dispute=dispute)
    if request.method != "POST":
        return _report_page(request, dispute, form, status=None)
    status = _report_refused(request, form)
    if status is None and form_save(form, delegation_report, dispute=dispute, user=request.user):
        messages.success(
            request, _("Thank you. A moderator will check it before it appears on this page.")
        )
        return redirect(dispute.get_absolute_url())
    response = _report_page(request, dispute, form, status=status)
    return retry_later("delegation", response) if status == 429 else response


@require_GET
@cache_control(public=True, max_age=300)
def dispute_connections(request, slug):
    """The disputes connected to one, with a public point each, for lines on the map."""
    dispute = public_dispute(slug)
    return JsonResponse({"connections": connections_for_map(dispute=dispute)})
