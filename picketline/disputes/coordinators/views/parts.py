"""Coordinators keep a dispute's parts true: its sites, strike actions, picket shifts and sources.

Each part is loaded through its dispute (itself through `dispute_get_for_user(..., write=True)`),
so an id from another dispute is a 404 here, never someone else's record. Each view parses the
form, calls the part's service (the same ones the JSON API calls) and renders.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.formats import span_label
from picketline.core.pages import save_or_show
from picketline.disputes import services
from picketline.disputes.coordinators.forms import (
    PicketShiftForm,
    SiteForm,
    SourceForm,
    StrikeActionForm,
)
from picketline.disputes.coordinators.selectors import site_defaults
from picketline.disputes.coordinators.views.pages import (
    GET_POST,
    manage_url,
    managed_dispute,
    map_pin,
    remove_or_confirm,
    section_form,
)
from picketline.disputes.models import Dispute, PicketShift

# --- sites -----------------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def site_add(request, slug):
    dispute = managed_dispute(request, slug)
    form = SiteForm(request.POST or None, initial=site_defaults(dispute=dispute))
    return save_or_show(
        request,
        form,
        save=lambda data: services.site_create(dispute=dispute, user=request.user, **data),
        done=_("The site has been added."),
        back=manage_url(dispute, "sites"),
        show=lambda: section_form(
            request, dispute, form, "sites", _("Add a site"), _("Add the site"), pin=map_pin()
        ),
    )


@GET_POST
@two_factor_verified_required
def site_edit(request, slug, pk):
    dispute = managed_dispute(request, slug)
    site = get_object_or_404(dispute.sites, pk=pk)
    form = SiteForm(request.POST or None, instance=site)
    return save_or_show(
        request,
        form,
        save=lambda data: services.site_update(site=site, user=request.user, **data),
        done=_("The site has been saved."),
        back=manage_url(dispute, "sites"),
        show=lambda: section_form(
            request, dispute, form, "sites", _("Edit a site"), _("Save the site"), pin=map_pin()
        ),
    )


def _site_removal_detail(site) -> str:
    shift_count = site.shifts.count()
    if not shift_count:
        return ""
    return _("Its %(count)s picket shift(s) will be removed with it.") % {"count": shift_count}


@GET_POST
@two_factor_verified_required
def site_delete(request, slug, pk):
    dispute = managed_dispute(request, slug)
    site = get_object_or_404(dispute.sites, pk=pk)
    return remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.site_delete(site=site, user=request.user),
        done=_("The site has been removed."),
        back=manage_url(dispute, "sites"),
        title=_("Remove a site"),
        question=_("Remove the site “%(site)s”?") % {"site": site},
        detail=_site_removal_detail(site) if request.method == "GET" else "",
        submit=_("Remove the site"),
    )


# --- strike actions --------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def action_add(request, slug):
    dispute = managed_dispute(request, slug)
    form = StrikeActionForm(request.POST or None, dispute=dispute)
    return save_or_show(
        request,
        form,
        save=lambda _data: services.action_create(
            dispute=dispute, user=request.user, **form.service_fields()
        ),
        done=_("The strike action has been added."),
        back=manage_url(dispute, "actions"),
        show=lambda: section_form(
            request, dispute, form, "actions", _("Add a strike day or action"), _("Add")
        ),
    )


@GET_POST
@two_factor_verified_required
def action_edit(request, slug, pk):
    dispute = managed_dispute(request, slug)
    action = get_object_or_404(dispute.actions, pk=pk)
    form = StrikeActionForm(request.POST or None, dispute=dispute, instance=action)
    return save_or_show(
        request,
        form,
        save=lambda _data: services.action_update(
            action=action, user=request.user, **form.service_fields()
        ),
        done=_("The strike action has been saved."),
        back=manage_url(dispute, "actions"),
        show=lambda: section_form(
            request, dispute, form, "actions", _("Edit a strike day or action"), _("Save")
        ),
    )


@GET_POST
@two_factor_verified_required
def action_delete(request, slug, pk):
    dispute = managed_dispute(request, slug)
    action = get_object_or_404(dispute.actions, pk=pk)
    when = span_label(action.starts_at, action.ends_at, action.timezone)
    return remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.action_delete(action=action, user=request.user),
        done=_("The strike action has been removed."),
        back=manage_url(dispute, "actions"),
        title=_("Remove a strike action"),
        question=_("Remove “%(kind)s, %(when)s”?")
        % {"kind": action.get_kind_display(), "when": when},
        submit=_("Remove"),
    )


# --- picket shifts ---------------------------------------------------------------------------


def _shift(dispute: Dispute, pk: int) -> PicketShift:
    return get_object_or_404(
        PicketShift.objects.select_related("site"), pk=pk, site__dispute=dispute
    )


@GET_POST
@two_factor_verified_required
def shift_add(request, slug):
    dispute = managed_dispute(request, slug)
    if not dispute.sites.exists():
        messages.info(request, _("Add a site first: a picket shift stands at a site."))
        return redirect("manage:site_add", slug=dispute.slug)
    form = PicketShiftForm(request.POST or None, dispute=dispute)
    return save_or_show(
        request,
        form,
        save=lambda _data: services.shift_create(user=request.user, **form.service_fields()),
        done=_("The picket shift has been added."),
        back=manage_url(dispute, "shifts"),
        show=lambda: section_form(
            request, dispute, form, "shifts", _("Add a picket shift"), _("Add the shift")
        ),
    )


@GET_POST
@two_factor_verified_required
def shift_edit(request, slug, pk):
    dispute = managed_dispute(request, slug)
    shift = _shift(dispute, pk)
    form = PicketShiftForm(request.POST or None, dispute=dispute, instance=shift)
    return save_or_show(
        request,
        form,
        save=lambda _data: services.shift_update(
            shift=shift, user=request.user, **form.service_fields()
        ),
        done=_("The picket shift has been saved."),
        back=manage_url(dispute, "shifts"),
        show=lambda: section_form(
            request, dispute, form, "shifts", _("Edit a picket shift"), _("Save the shift")
        ),
    )


@GET_POST
@two_factor_verified_required
def shift_delete(request, slug, pk):
    dispute = managed_dispute(request, slug)
    shift = _shift(dispute, pk)
    when = span_label(shift.starts_at, shift.ends_at, shift.timezone)
    return remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.shift_delete(shift=shift, user=request.user),
        done=_("The picket shift has been removed."),
        back=manage_url(dispute, "shifts"),
        title=_("Remove a picket shift"),
        question=_("Remove the picket shift at %(site)s, %(when)s?")
        % {"site": shift.site, "when": when},
        detail=_("Every repeat of it goes too.") if shift.recurrence != "none" else "",
        submit=_("Remove the shift"),
    )


# --- sources ---------------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def source_add(request, slug):
    dispute = managed_dispute(request, slug)
    form = SourceForm(request.POST or None)
    return save_or_show(
        request,
        form,
        save=lambda data: services.source_create(dispute=dispute, user=request.user, **data),
        done=_("The source has been added."),
        back=manage_url(dispute, "sources"),
        show=lambda: section_form(
            request, dispute, form, "sources", _("Add a source"), _("Add the source")
        ),
    )


@GET_POST
@two_factor_verified_required
def source_edit(request, slug, pk):
    dispute = managed_dispute(request, slug)
    source = get_object_or_404(dispute.sources, pk=pk)
    form = SourceForm(request.POST or None, instance=source)
    return save_or_show(
        request,
        form,
        save=lambda data: services.source_update(source=source, user=request.user, **data),
        done=_("The source has been saved."),
        back=manage_url(dispute, "sources"),
        show=lambda: section_form(
            request, dispute, form, "sources", _("Edit a source"), _("Save the source")
        ),
    )


@GET_POST
@two_factor_verified_required
def source_delete(request, slug, pk):
    dispute = managed_dispute(request, slug)
    source = get_object_or_404(dispute.sources, pk=pk)
    return remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.source_delete(source=source, user=request.user),
        done=_("The source has been removed."),
        back=manage_url(dispute, "sources"),
        title=_("Remove a source"),
        question=_("Remove the source “%(source)s”?") % {"source": source},
        submit=_("Remove the source"),
    )
