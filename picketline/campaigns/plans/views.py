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


@never_cache
@require_http_methods(["GET", "POST"])
@two_factor_verified_required
def plan_edit(request, kind, slug):
    context = _context(request, kind, slug)
    owner, plan = context["owner"], context["plan"]
    snapshot = (
        selectors.plan_snapshot(plan)
        if plan
        else {"language": getattr(owner, "language", "") or current_language()}
    )
    assignees = selectors.plan_assignees(owner)
    forms = plan_forms(
        request.POST if request.method == "POST" else None,
        snapshot=snapshot,
        assignees=assignees,
        users_by_id={user.pk: user for user in assignees},
    )
    if request.method == "POST" and all(form.is_valid() for form in forms.values()):
        try:
            services.plan_save(
                owner=owner,
                by=request.user,
                **forms["form"].cleaned_data,
                stakeholders=formset_rows(forms["stakeholders"]),
                goals=formset_rows(forms["goals"]),
                steps=formset_rows(forms["steps"]),
            )
        except ValidationError as error:
            add_validation_error(forms["form"], error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(context["urls"]["page"])
    context.update(forms)
    status = 400 if request.method == "POST" else 200
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
