"""Pages for a dispute's coordinators (and moderators): keep the dispute true, bring others in.

Every page loads its dispute through `dispute_get_for_user(..., write=True)`, and every part
of it (site, shift, source, invitation) through that dispute, so an id from another dispute
is a 404 here, never someone else's record.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.roles import is_moderator
from picketline.core.conflicts import EditConflict
from picketline.core.formats import span_label
from picketline.disputes import coordinators, services
from picketline.disputes.hooks import MANAGE, dispute_sections
from picketline.disputes.manage_forms import (
    DisputeForm,
    InviteForm,
    PicketShiftForm,
    SiteForm,
    SourceForm,
    StrikeActionForm,
    add_validation_error,
)
from picketline.disputes.models import Dispute, PicketShift
from picketline.disputes.selectors import (
    dispute_get_for_user,
    dispute_submission_contacts,
    disputes_coordinated_by,
    invitations_pending,
)
from picketline.disputes.shifts import shift_occurrences

FORM_TEMPLATE = "disputes/manage/form.html"
CONFIRM_TEMPLATE = "disputes/manage/confirm.html"
GET_POST = require_http_methods(["GET", "POST"])


def _dispute(request, slug: str) -> Dispute:
    return dispute_get_for_user(user=request.user, slug=slug, write=True)


def _manage_url(dispute: Dispute, section: str = "") -> str:
    url = reverse("manage:dispute", kwargs={"slug": dispute.slug})
    return f"{url}#{section}" if section else url


def form_page(request, dispute, form, *, title, submit, back, status=None, **extra):
    template = extra.pop("template", FORM_TEMPLATE)
    context = {
        "dispute": dispute,
        "form": form,
        "title": title,
        "submit": submit,
        "back": back,
        **extra,
    }
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


def confirm_page(request, dispute, *, title, question, submit, back, detail=""):
    context = {
        "dispute": dispute,
        "title": title,
        "question": question,
        "detail": detail,
        "submit": submit,
        "back": back,
    }
    return render(request, CONFIRM_TEMPLATE, context)


def _section_form(request, dispute, form, section: str, title: str, submit: str):
    back = _manage_url(dispute, section)
    return form_page(request, dispute, form, title=title, submit=submit, back=back)


def _save_or_show(request, dispute, form, *, save, done, section, show):
    """On a valid POST: `save(cleaned_data)`, say `done` and go back to the section of the
    dashboard. Otherwise (or when the service refuses) `show()` the form with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect(_manage_url(dispute, section))
    return show()


def _remove_or_confirm(request, dispute, *, remove, done, section, **confirm):
    """On POST: `remove()`, say `done` and go back to the section; on GET: ask first."""
    if request.method == "POST":
        remove()
        messages.success(request, done)
        return redirect(_manage_url(dispute, section))
    return confirm_page(request, dispute, back=_manage_url(dispute, section), **confirm)


# --- the dashboard ---------------------------------------------------------------------------


@never_cache
@GET_POST
@two_factor_verified_required
def dispute_manage(request, slug):
    dispute = _dispute(request, slug)
    moderator = is_moderator(request.user)
    form = DisputeForm(request.POST or None, instance=dispute, can_verify=moderator)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.dispute_update(
                    dispute=dispute,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    demands=form.cleaned_data["demands"],
                    **form.service_fields(),
                )
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The dispute has been saved."))
                return redirect(_manage_url(dispute))
            dispute = Dispute.objects.get(pk=dispute.pk)
    return render(
        request,
        "disputes/manage/dispute.html",
        {
            **_dashboard_context(request, dispute, form, moderator=moderator),
            "conflict": status == 409,
        },
        status=status,
    )


def _dashboard_context(request, dispute: Dispute, form, *, moderator: bool) -> dict:
    sites = list(
        dispute.sites.order_by("id").prefetch_related(
            Prefetch("shifts", queryset=PicketShift.objects.order_by("starts_at", "id"))
        )
    )
    shifts = [
        {
            "shift": shift,
            "site": site,
            "when": span_label(shift.starts_at, shift.ends_at, shift.timezone),
            "count": len(shift_occurrences(shift)),
        }
        for site in sites
        for shift in site.shifts.all()
    ]
    return {
        "dispute": dispute,
        "form": form,
        "is_moderator": moderator,
        "sites": sites,
        "shifts": sorted(shifts, key=lambda row: row["shift"].starts_at),
        "actions": [
            (action, span_label(action.starts_at, action.ends_at, action.timezone))
            for action in dispute.actions.order_by("starts_at", "id")
        ],
        "sources": list(dispute.sources.order_by("created_at", "id")),
        "coordinators": list(dispute.coordinators.order_by("username")),
        "invitations": list(invitations_pending(dispute=dispute).order_by("created_at")),
        "invite_form": InviteForm(),
        "contacts": dispute_submission_contacts(dispute=dispute),
        "sections": dispute_sections(request=request, dispute=dispute, page=MANAGE),
    }


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def my_disputes(request):
    disputes = list(disputes_coordinated_by(user=request.user))
    return render(request, "disputes/manage/mine.html", {"disputes": disputes})


# --- sites -----------------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def site_add(request, slug):
    dispute = _dispute(request, slug)
    first = dispute.sites.order_by("id").first()
    initial = {"country": first.country, "timezone": first.timezone} if first else {}
    form = SiteForm(request.POST or None, initial=initial)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda data: services.site_create(dispute=dispute, user=request.user, **data),
        done=_("The site has been added."),
        section="sites",
        show=lambda: _site_page(
            request, dispute, form, title=_("Add a site"), submit=_("Add the site")
        ),
    )


@GET_POST
@two_factor_verified_required
def site_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    site = get_object_or_404(dispute.sites, pk=pk)
    form = SiteForm(request.POST or None, instance=site)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda data: services.site_update(site=site, user=request.user, **data),
        done=_("The site has been saved."),
        section="sites",
        show=lambda: _site_page(
            request, dispute, form, title=_("Edit a site"), submit=_("Save the site")
        ),
    )


def _site_page(request, dispute, form, *, title, submit):
    pin = {
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "icon_url": static("vendor/leaflet/images/marker-icon.png"),
        "icon_retina_url": static("vendor/leaflet/images/marker-icon-2x.png"),
        "shadow_url": static("vendor/leaflet/images/marker-shadow.png"),
    }
    return form_page(
        request,
        dispute,
        form,
        title=title,
        submit=submit,
        back=_manage_url(dispute, "sites"),
        pin=pin,
    )


@GET_POST
@two_factor_verified_required
def site_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    site = get_object_or_404(dispute.sites, pk=pk)
    shift_count = site.shifts.count() if request.method == "GET" else 0
    return _remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.site_delete(site=site, user=request.user),
        done=_("The site has been removed."),
        section="sites",
        title=_("Remove a site"),
        question=_("Remove the site “%(site)s”?") % {"site": site},
        detail=(
            _("Its %(count)s picket shift(s) will be removed with it.") % {"count": shift_count}
            if shift_count
            else ""
        ),
        submit=_("Remove the site"),
    )


# --- strike actions --------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def action_add(request, slug):
    dispute = _dispute(request, slug)
    form = StrikeActionForm(request.POST or None, dispute=dispute)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda _data: services.strike_action_create(
            dispute=dispute, user=request.user, **form.service_fields()
        ),
        done=_("The strike action has been added."),
        section="actions",
        show=lambda: _section_form(
            request, dispute, form, "actions", _("Add a strike day or action"), _("Add")
        ),
    )


@GET_POST
@two_factor_verified_required
def action_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    action = get_object_or_404(dispute.actions, pk=pk)
    form = StrikeActionForm(request.POST or None, dispute=dispute, instance=action)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda _data: services.strike_action_update(
            action=action, user=request.user, **form.service_fields()
        ),
        done=_("The strike action has been saved."),
        section="actions",
        show=lambda: _section_form(
            request, dispute, form, "actions", _("Edit a strike day or action"), _("Save")
        ),
    )


@GET_POST
@two_factor_verified_required
def action_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    action = get_object_or_404(dispute.actions, pk=pk)
    when = span_label(action.starts_at, action.ends_at, action.timezone)
    return _remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.strike_action_delete(action=action, user=request.user),
        done=_("The strike action has been removed."),
        section="actions",
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
    dispute = _dispute(request, slug)
    if not dispute.sites.exists():
        messages.info(request, _("Add a site first: a picket shift stands at a site."))
        return redirect("manage:site_add", slug=dispute.slug)
    form = PicketShiftForm(request.POST or None, dispute=dispute)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda _data: services.picket_shift_create(user=request.user, **form.service_fields()),
        done=_("The picket shift has been added."),
        section="shifts",
        show=lambda: _section_form(
            request, dispute, form, "shifts", _("Add a picket shift"), _("Add the shift")
        ),
    )


@GET_POST
@two_factor_verified_required
def shift_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    shift = _shift(dispute, pk)
    form = PicketShiftForm(request.POST or None, dispute=dispute, instance=shift)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda _data: services.picket_shift_update(
            shift=shift, user=request.user, **form.service_fields()
        ),
        done=_("The picket shift has been saved."),
        section="shifts",
        show=lambda: _section_form(
            request, dispute, form, "shifts", _("Edit a picket shift"), _("Save the shift")
        ),
    )


@GET_POST
@two_factor_verified_required
def shift_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    shift = _shift(dispute, pk)
    return _remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.picket_shift_delete(shift=shift, user=request.user),
        done=_("The picket shift has been removed."),
        section="shifts",
        title=_("Remove a picket shift"),
        question=_("Remove the picket shift at %(site)s, %(when)s?")
        % {"site": shift.site, "when": span_label(shift.starts_at, shift.ends_at, shift.timezone)},
        detail=_("Every repeat of it goes too.") if shift.recurrence != "none" else "",
        submit=_("Remove the shift"),
    )


# --- sources ---------------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def source_add(request, slug):
    dispute = _dispute(request, slug)
    form = SourceForm(request.POST or None)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda data: services.source_add(dispute=dispute, user=request.user, **data),
        done=_("The source has been added."),
        section="sources",
        show=lambda: _section_form(
            request, dispute, form, "sources", _("Add a source"), _("Add the source")
        ),
    )


@GET_POST
@two_factor_verified_required
def source_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    source = get_object_or_404(dispute.sources, pk=pk)
    form = SourceForm(request.POST or None, instance=source)
    return _save_or_show(
        request,
        dispute,
        form,
        save=lambda data: services.source_update(source=source, user=request.user, **data),
        done=_("The source has been saved."),
        section="sources",
        show=lambda: _section_form(
            request, dispute, form, "sources", _("Edit a source"), _("Save the source")
        ),
    )


@GET_POST
@two_factor_verified_required
def source_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    source = get_object_or_404(dispute.sources, pk=pk)
    return _remove_or_confirm(
        request,
        dispute,
        remove=lambda: services.source_delete(source=source, user=request.user),
        done=_("The source has been removed."),
        section="sources",
        title=_("Remove a source"),
        question=_("Remove the source “%(source)s”?") % {"source": source},
        submit=_("Remove the source"),
    )


# --- coordinators and invitations ------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def invite(request, slug):
    dispute = _dispute(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _raw = coordinators.invitation_create(
                dispute=dispute, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect(_manage_url(dispute, "coordinators"))
    return form_page(
        request,
        dispute,
        form,
        title=_("Invite a coordinator"),
        submit=_("Send the invitation"),
        back=_manage_url(dispute, "coordinators"),
        intro=_(
            "Coordinators can change everything on this page, invite others and see the "
            "contact details people shared. Invite only people you trust with that."
        ),
    )


@GET_POST
@two_factor_verified_required
def invitation_revoke(request, slug, pk):
    dispute = _dispute(request, slug)
    invitation = get_object_or_404(invitations_pending(dispute=dispute), pk=pk)
    return _remove_or_confirm(
        request,
        dispute,
        remove=lambda: coordinators.invitation_revoke(invitation=invitation, by=request.user),
        done=_("The invitation has been withdrawn."),
        section="coordinators",
        title=_("Withdraw an invitation"),
        question=_("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email},
        detail=_("The link in the email will stop working."),
        submit=_("Withdraw the invitation"),
    )


@GET_POST
@two_factor_verified_required
def coordinator_remove(request, slug, user_id):
    dispute = _dispute(request, slug)
    person = get_object_or_404(dispute.coordinators, pk=user_id)
    myself = person.pk == request.user.pk
    if request.method == "POST":
        try:
            coordinators.coordinator_remove(dispute=dispute, user=person, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(_manage_url(dispute, "coordinators"))
        if myself and not is_moderator(request.user):
            messages.success(request, _("You are no longer a coordinator of this dispute."))
            return redirect("manage:mine")
        messages.success(
            request,
            _("%(name)s is no longer a coordinator.") % {"name": person.get_username()},
        )
        return redirect(_manage_url(dispute, "coordinators"))
    return confirm_page(
        request,
        dispute,
        title=_("Remove a coordinator"),
        question=(
            _("Stop coordinating this dispute?")
            if myself
            else _("Remove %(name)s from the coordinators?") % {"name": person.get_username()}
        ),
        detail=_("They can be invited again later."),
        submit=_("Remove"),
        back=_manage_url(dispute, "coordinators"),
    )
