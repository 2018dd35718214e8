"""The plan's pages, the same for a campaign (`/campaigns/<slug>/plan/`) and a dispute
(`/disputes/<slug>/manage/plan/`): the plan with its chart and its versions, an earlier
version as it was, the edit page, the printable view and the exports. Every one loads its
owner through `selectors.plan_owner_get_for_user` and asks for two factors."""

import csv
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from picketline.accounts.decorators import two_factor_verified_required
from picketline.campaigns.plans import selectors, services
from picketline.campaigns.plans.forms import formset_rows, plan_forms
from picketline.core.conflicts import EditConflict
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page
from picketline.core.i18n import current_language
from picketline.core.text import csv_cell


def _urls(kind: str, owner) -> dict:
    slug = {"slug": owner.slug}
    urls = {
        name: reverse(f"plans:{kind}{'_' + name if name else ''}", kwargs=slug)
        for name in ("", "edit", "print", "json", "csv")
    }
    urls["page"] = urls.pop("")
    urls["back"] = (
        owner.get_manage_url() if kind == "campaign" else reverse("manage:dispute", kwargs=slug)
    )
    return urls


def _context(request, kind, slug) -> dict:
    owner = selectors.plan_owner_get_for_user(user=request.user, kind=kind, slug=slug)
    return {
        "owner": owner,
        "kind": kind,
        "plan": selectors.plan_of(owner),
        "urls": _urls(kind, owner),
    }


@never_cache
@require_safe
@two_factor_verified_required
def plan_page(request, kind, slug):
    context = _context(request, kind, slug)
    plan = context["plan"]
    if plan is not None:
        context["shown"] = selectors.plan_shown(selectors.plan_snapshot(plan))
        context["versions"] = selectors.plan_versions(plan)
    return private_page(render(request, "campaigns/plans/page.html", context))


@never_cache
@require_safe
@two_factor_verified_required
def plan_version(request, kind, slug, number):
    context = _context(request, kind, slug)
    plan = context["plan"]
    version = plan and selectors.plan_version(plan, number)
    if not version:
        raise Http404(_("There is no such version of this plan."))
    context.update(
        {
            "shown": selectors.plan_shown(version.snapshot),
            "version": version,
            "versions": selectors.plan_versions(plan),
        }
    )
    return private_page(render(request, "campaigns/plans/page.html", context))


def _edit_forms(data, *, owner, plan):
    snapshot = (
        selectors.plan_snapshot(plan)
        if plan
        else {"language": getattr(owner, "language", "") or current_language()}
    )
    assignees = selectors.plan_assignees(owner)
    return plan_forms(
        data,
        snapshot=snapshot,
        version=plan.version if plan else 0,
        assignees=assignees,
        users_by_id={user.pk: user for user in assignees},
    )


def _conflict(request, context, message: str) -> dict:
    """The edit page after a refused save: what they typed, now at the plan's current
    version, beside the plan as the other coordinator saved it."""
    plan = selectors.plan_of(context["owner"])
    data = request.POST.copy()
    data["version"] = str(plan.version if plan else 0)
    forms = _edit_forms(data, owner=context["owner"], plan=plan)
    context["conflict"] = message
    context["plan"] = plan
    if plan is not None:
        context["theirs"] = selectors.plan_shown(selectors.plan_snapshot(plan))
        context["their_version"] = selectors.plan_version(plan, plan.version)
    return forms


@never_cache
@require_http_methods(["GET", "POST"])
@two_factor_verified_required
def plan_edit(request, kind, slug):
    context = _context(request, kind, slug)
    owner, plan = context["owner"], context["plan"]
    forms = _edit_forms(request.POST if request.method == "POST" else None, owner=owner, plan=plan)
    status = 200
    if request.method == "POST":
        status = 400
        if all(form.is_valid() for form in forms.values()):
            try:
                services.plan_save(
                    owner=owner,
                    by=request.user,
                    **forms["form"].cleaned_data,
                    stakeholders=formset_rows(forms["stakeholders"]),
                    goals=formset_rows(forms["goals"]),
                    steps=formset_rows(forms["steps"]),
                )
            except EditConflict as conflict:
                forms, status = _conflict(request, context, conflict.message), 409
            except ValidationError as error:
                add_validation_error(forms["form"], error)
            else:
                messages.success(request, _("The plan is saved."))
                return redirect(context["urls"]["page"])
    context.update(forms)
    return private_page(render(request, "campaigns/plans/edit.html", context, status=status))


@never_cache
@require_safe
@two_factor_verified_required
def plan_print(request, kind, slug):
    context = _context(request, kind, slug)
    if context["plan"] is not None:
        context["shown"] = selectors.plan_shown(selectors.plan_snapshot(context["plan"]))
    return private_page(render(request, "campaigns/plans/print.html", context))


def _plan_or_404(context):
    if context["plan"] is None:
        raise Http404(_("There is no plan yet."))
    return context["plan"]


@never_cache
@require_safe
@two_factor_verified_required
def plan_json(request, kind, slug):
    context = _context(request, kind, slug)
    plan = _plan_or_404(context)
    owner = context["owner"]
    body = {
        kind: {"slug": owner.slug, "title": owner.title},
        "version": plan.version,
        "exported_at": timezone.now().isoformat(),
        **selectors.plan_snapshot(plan),
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{owner.slug}.json"'
    return private_page(response)


@never_cache
@require_safe
@two_factor_verified_required
def plan_csv(request, kind, slug):
    context = _context(request, kind, slug)
    plan = _plan_or_404(context)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="actions-{context["owner"].slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["order", "date", "what", "who", "due", "done"])
    for step in selectors.plan_snapshot(plan)["steps"]:
        writer.writerow(
            [
                step["position"],
                step["date"],
                csv_cell(step["action"]),
                csv_cell(selectors.step_who(step)),
                step["due_on"] or "",
                "yes" if step["done"] else "no",
            ]
        )
    return private_page(response)
