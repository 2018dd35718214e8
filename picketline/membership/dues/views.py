"""The dues page of an organisation's treasurers and admins: plans, settings, and loading a
bank statement (upload, preview, confirm)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page
from picketline.membership.dues import bank, services
from picketline.membership.dues.forms import BankUploadForm, PlanForm, SettingsForm
from picketline.membership.dues.models import DuesPlan
from picketline.membership.dues.selectors import plan_label
from picketline.membership.members.selectors import (
    members_access_get_for_user,
    membership_settings_for,
)

MAX_STATEMENT_BYTES = 2 * 1024 * 1024


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _page(request, access, *, plan_form=None, settings_form=None, status=200):
    organisation = access.organisation
    current = membership_settings_for(organisation)
    plans = DuesPlan.objects.filter(organisation=organisation).order_by("-is_active", "name")
    context = {
        "organisation": organisation,
        "access": access,
        "plans": [(plan, plan_label(plan)) for plan in plans],
        "plan_form": plan_form or PlanForm(),
        "settings_form": settings_form
        or SettingsForm(
            initial={
                "timezone_name": current.timezone,
                "grace_periods": current.grace_periods,
                "drive_goal": current.drive_goal,
            }
        ),
        "upload_form": BankUploadForm(),
    }
    return private_page(render(request, "membership/dues.html", context, status=status))


@two_factor_verified_required
@require_http_methods(["GET", "HEAD"])
def dues(request, slug: str):
    access = members_access_get_for_user(user=request.user, key=slug, need="keep_dues")
    return _page(request, access)


@two_factor_verified_required
@require_POST
def plan_add(request, slug: str):
    access = members_access_get_for_user(user=request.user, key=slug, need="keep_dues")
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_create(access=access, by=request.user, **form.plan_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The plan is offered to people joining."))
            return _see_other(reverse("membership:dues", kwargs={"slug": slug}))
    return _page(request, access, plan_form=form, status=400)


@two_factor_verified_required
@require_POST
def plan_retire(request, slug: str, pk: int):
    access = members_access_get_for_user(user=request.user, key=slug, need="keep_dues")
    plan = get_object_or_404(DuesPlan, pk=pk, organisation=access.organisation)
    services.plan_retire(access=access, by=request.user, plan=plan)
    return _see_other(reverse("membership:dues", kwargs={"slug": slug}))


@two_factor_verified_required
@require_POST
def settings_change(request, slug: str):
    access = members_access_get_for_user(user=request.user, key=slug, need="keep_dues")
    if not access.is_admin:
        raise PermissionDenied
    form = SettingsForm(request.POST)
    if form.is_valid():
        services.membership_settings_update(access=access, by=request.user, **form.cleaned_data)
        messages.success(request, _("The settings are saved."))
        return _see_other(reverse("membership:dues", kwargs={"slug": slug}))
    return _page(request, access, settings_form=form, status=400)


@two_factor_verified_required
@require_POST
def bank_preview(request, slug: str):
    access = members_access_get_for_user(user=request.user, key=slug, need="keep_dues")
    form = BankUploadForm(request.POST, request.FILES)
    rows, error = [], ""
    if form.is_valid():
        upload = form.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            error = _("The statement is too large (2 MB at most).")
        else:
            try:
                text = upload.read().decode("utf-8-sig")
                rows = bank.bank_statement_read(access=access, text=text)
            except UnicodeDecodeError:
                error = _("Save the statement as UTF-8 CSV and load it again.")
            except ValidationError as problem:
                error = " ".join(problem.messages)
    else:
        error = _("Choose a CSV file.")
    context = {
        "organisation": access.organisation,
        "rows": rows,
        "error": error,
        "signed": bank.bank_rows_sign(rows) if rows else "",
        "ready": sum(1 for row in rows if not row.problem and not row.already),
    }
    status = 400 if error else 200
    return private_page(render(request, "membership/bank_preview.html", context, status=status))


@two_factor_verified_required
@require_POST
def bank_confirm(request, slug: str):
    access = members_access_get_for_user(user=request.user, key=slug, need="keep_dues")
    try:
        rows = bank.bank_rows_unsign(request.POST.get("rows", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = bank.bank_statement_record(access=access, by=request.user, rows=rows)
        messages.success(request, _("%(count)d payments recorded.") % {"count": count})
    return _see_other(reverse("membership:dues", kwargs={"slug": slug}))
