"""Pages for a dispute's coordinators (and moderators): keep the dispute true, bring others in.

Every page loads its dispute through `dispute_get_for_user(..., write=True)`, and every part
of it (site, shift, source, invitation) through that dispute, so an id from another dispute
is a 404 here, never someone else's record.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import moderator_required, two_factor_verified_required
from picketline.accounts.roles import is_moderator
from picketline.accounts.two_factor import has_confirmed_device, url_with_next
from picketline.core.conflicts import EditConflict
from picketline.disputes import coordinators, services
from picketline.disputes.manage_forms import (
    DisputeForm,
    InviteForm,
    PicketShiftForm,
    SignUpForm,
    SiteForm,
    SourceForm,
    StrikeActionForm,
    add_validation_error,
)
from picketline.disputes.models import Dispute, Invitation, PicketShift
from picketline.disputes.selectors import (
    dispute_get_for_user,
    dispute_submission_contacts,
    disputes_coordinated_by,
    invitations_pending,
    organisation_get_for_user,
    unions_for_moderators,
)
from picketline.disputes.shifts import shift_occurrences
from picketline.disputes.views import span_label

FORM_TEMPLATE = "disputes/manage/form.html"
CONFIRM_TEMPLATE = "disputes/manage/confirm.html"
GET_POST = require_http_methods(["GET", "POST"])


def _dispute(request, slug: str) -> Dispute:
    return dispute_get_for_user(user=request.user, slug=slug, write=True)


def _manage_url(dispute: Dispute, section: str = "") -> str:
    url = reverse("manage:dispute", kwargs={"slug": dispute.slug})
    return f"{url}#{section}" if section else url


def _form_page(request, dispute, form, *, title, submit, back, status=None, **extra):
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


def _confirm_page(request, dispute, *, title, question, submit, back, detail=""):
    context = {
        "dispute": dispute,
        "title": title,
        "question": question,
        "detail": detail,
        "submit": submit,
        "back": back,
    }
    return render(request, CONFIRM_TEMPLATE, context)


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
    if request.method == "POST" and form.is_valid():
        try:
            services.site_create(dispute=dispute, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The site has been added."))
            return redirect(_manage_url(dispute, "sites"))
    return _site_page(request, dispute, form, title=_("Add a site"), submit=_("Add the site"))


@GET_POST
@two_factor_verified_required
def site_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    site = get_object_or_404(dispute.sites, pk=pk)
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(site=site, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The site has been saved."))
            return redirect(_manage_url(dispute, "sites"))
    return _site_page(request, dispute, form, title=_("Edit a site"), submit=_("Save the site"))


def _site_page(request, dispute, form, *, title, submit):
    pin = {
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "icon_url": static("vendor/leaflet/images/marker-icon.png"),
        "icon_retina_url": static("vendor/leaflet/images/marker-icon-2x.png"),
        "shadow_url": static("vendor/leaflet/images/marker-shadow.png"),
    }
    return _form_page(
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
    if request.method == "POST":
        services.site_delete(site=site, user=request.user)
        messages.success(request, _("The site has been removed."))
        return redirect(_manage_url(dispute, "sites"))
    shift_count = site.shifts.count()
    return _confirm_page(
        request,
        dispute,
        title=_("Remove a site"),
        question=_("Remove the site “%(site)s”?") % {"site": site},
        detail=(
            _("Its %(count)s picket shift(s) will be removed with it.") % {"count": shift_count}
            if shift_count
            else ""
        ),
        submit=_("Remove the site"),
        back=_manage_url(dispute, "sites"),
    )


# --- strike actions --------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def action_add(request, slug):
    dispute = _dispute(request, slug)
    form = StrikeActionForm(request.POST or None, dispute=dispute)
    if request.method == "POST" and form.is_valid():
        try:
            services.strike_action_create(
                dispute=dispute, user=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The strike action has been added."))
            return redirect(_manage_url(dispute, "actions"))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Add a strike day or action"),
        submit=_("Add"),
        back=_manage_url(dispute, "actions"),
    )


@GET_POST
@two_factor_verified_required
def action_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    action = get_object_or_404(dispute.actions, pk=pk)
    form = StrikeActionForm(request.POST or None, dispute=dispute, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.strike_action_update(action=action, user=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The strike action has been saved."))
            return redirect(_manage_url(dispute, "actions"))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Edit a strike day or action"),
        submit=_("Save"),
        back=_manage_url(dispute, "actions"),
    )


@GET_POST
@two_factor_verified_required
def action_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    action = get_object_or_404(dispute.actions, pk=pk)
    if request.method == "POST":
        services.strike_action_delete(action=action, user=request.user)
        messages.success(request, _("The strike action has been removed."))
        return redirect(_manage_url(dispute, "actions"))
    when = span_label(action.starts_at, action.ends_at, action.timezone)
    return _confirm_page(
        request,
        dispute,
        title=_("Remove a strike action"),
        question=_("Remove “%(kind)s, %(when)s”?")
        % {"kind": action.get_kind_display(), "when": when},
        submit=_("Remove"),
        back=_manage_url(dispute, "actions"),
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
    if request.method == "POST" and form.is_valid():
        try:
            services.picket_shift_create(user=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The picket shift has been added."))
            return redirect(_manage_url(dispute, "shifts"))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Add a picket shift"),
        submit=_("Add the shift"),
        back=_manage_url(dispute, "shifts"),
    )


@GET_POST
@two_factor_verified_required
def shift_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    shift = _shift(dispute, pk)
    form = PicketShiftForm(request.POST or None, dispute=dispute, instance=shift)
    if request.method == "POST" and form.is_valid():
        try:
            services.picket_shift_update(shift=shift, user=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The picket shift has been saved."))
            return redirect(_manage_url(dispute, "shifts"))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Edit a picket shift"),
        submit=_("Save the shift"),
        back=_manage_url(dispute, "shifts"),
    )


@GET_POST
@two_factor_verified_required
def shift_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    shift = _shift(dispute, pk)
    if request.method == "POST":
        services.picket_shift_delete(shift=shift, user=request.user)
        messages.success(request, _("The picket shift has been removed."))
        return redirect(_manage_url(dispute, "shifts"))
    return _confirm_page(
        request,
        dispute,
        title=_("Remove a picket shift"),
        question=_("Remove the picket shift at %(site)s, %(when)s?")
        % {"site": shift.site, "when": span_label(shift.starts_at, shift.ends_at, shift.timezone)},
        detail=_("Every repeat of it goes too.") if shift.recurrence != "none" else "",
        submit=_("Remove the shift"),
        back=_manage_url(dispute, "shifts"),
    )


# --- sources ---------------------------------------------------------------------------------


@GET_POST
@two_factor_verified_required
def source_add(request, slug):
    dispute = _dispute(request, slug)
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_add(dispute=dispute, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The source has been added."))
            return redirect(_manage_url(dispute, "sources"))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Add a source"),
        submit=_("Add the source"),
        back=_manage_url(dispute, "sources"),
    )


@GET_POST
@two_factor_verified_required
def source_edit(request, slug, pk):
    dispute = _dispute(request, slug)
    source = get_object_or_404(dispute.sources, pk=pk)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_update(source=source, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The source has been saved."))
            return redirect(_manage_url(dispute, "sources"))
    return _form_page(
        request,
        dispute,
        form,
        title=_("Edit a source"),
        submit=_("Save the source"),
        back=_manage_url(dispute, "sources"),
    )


@GET_POST
@two_factor_verified_required
def source_delete(request, slug, pk):
    dispute = _dispute(request, slug)
    source = get_object_or_404(dispute.sources, pk=pk)
    if request.method == "POST":
        services.source_delete(source=source, user=request.user)
        messages.success(request, _("The source has been removed."))
        return redirect(_manage_url(dispute, "sources"))
    return _confirm_page(
        request,
        dispute,
        title=_("Remove a source"),
        question=_("Remove the source “%(source)s”?") % {"source": source},
        submit=_("Remove the source"),
        back=_manage_url(dispute, "sources"),
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
    return _form_page(
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
    if request.method == "POST":
        coordinators.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation has been withdrawn."))
        return redirect(_manage_url(dispute, "coordinators"))
    return _confirm_page(
        request,
        dispute,
        title=_("Withdraw an invitation"),
        question=_("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email},
        detail=_("The link in the email will stop working."),
        submit=_("Withdraw the invitation"),
        back=_manage_url(dispute, "coordinators"),
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
    return _confirm_page(
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


# --- accepting an invitation -----------------------------------------------------------------


def _invitation_destination(invitation: Invitation) -> str:
    if invitation.dispute_id:
        return reverse("manage:dispute", kwargs={"slug": invitation.dispute.slug})
    return reverse("manage:organisation", kwargs={"slug": invitation.organisation.slug})


def _two_factor_setup_url(next_url: str) -> str | None:
    try:
        return url_with_next("two_factor_setup", next_url)
    except NoReverseMatch:
        return None


def _gone(request, invitation: Invitation, error: ValidationError):
    return render(
        request,
        "disputes/manage/invitation_gone.html",
        {"invitation": invitation, "reasons": error.messages},
        status=410,
    )


@never_cache
@GET_POST
@sensitive_post_parameters("password1", "password2")
def invitation(request, token):
    invitation = coordinators.invitation_get_by_token(raw=token)
    if invitation is None:
        raise Http404(_("There is no invitation at this address. Check the link in the email."))
    destination = _invitation_destination(invitation)
    user = request.user
    if (
        user.is_authenticated
        and invitation.accepted_by_id == user.pk
        and coordinators.invitation_state(invitation) == coordinators.ACCEPTED
    ):
        return redirect(destination)
    try:
        coordinators.check_invitation_usable(invitation)
    except ValidationError as error:
        return _gone(request, invitation, error)

    form = None
    if user.is_authenticated:
        if request.method == "POST":
            try:
                coordinators.invitation_accept(invitation=invitation, user=user)
            except ValidationError as error:
                return _gone(request, invitation, error)
            _welcome(request, invitation, destination)
            return redirect(destination)
    else:
        form = SignUpForm(request.POST or None, initial={"email": invitation.email})
        if request.method == "POST" and form.is_valid():
            try:
                new_user = coordinators.invitation_sign_up(
                    invitation=invitation,
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as error:
                return _gone(request, invitation, error)
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            setup = _two_factor_setup_url(destination)
            if setup is None:
                _welcome(request, invitation, destination)
                return redirect(destination)
            messages.success(
                request,
                format_html(
                    _(
                        "Welcome! Your account is ready. Two-factor authentication keeps it "
                        'safe even if your password leaks: set it up now, or <a href="{url}">'
                        "skip this for now</a>."
                    ),
                    url=destination,
                ),
            )
            return redirect(setup)
    return render(
        request,
        "disputes/manage/invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "login_url": url_with_next("login", request.path),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _welcome(request, invitation: Invitation, destination: str) -> None:
    if invitation.dispute_id:
        text = _("You are now a coordinator of “%(title)s”.") % {"title": invitation.dispute.title}
    else:
        text = _("You now hold the account of %(name)s.") % {"name": invitation.organisation.name}
    setup = None if has_confirmed_device(request.user) else _two_factor_setup_url(destination)
    if setup:
        messages.success(
            request,
            format_html(
                _(
                    '{text} <a href="{url}">Protect your account with two-factor '
                    "authentication.</a>"
                ),
                text=text,
                url=setup,
            ),
        )
    else:
        messages.success(request, text)


# --- organisations ---------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET"])
@moderator_required
def organisations(request):
    q = request.GET.get("q", "").strip()[:100]
    verified = {"yes": True, "no": False}.get(request.GET.get("verified", ""))
    paginator = Paginator(unions_for_moderators(q=q, verified=verified), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "disputes/manage/organisations.html",
        {"page": page, "q": q, "verified": request.GET.get("verified", "")},
    )


def _organisation(request, slug):
    return organisation_get_for_user(user=request.user, slug=slug)


def _organisation_url(organisation) -> str:
    return reverse("manage:organisation", kwargs={"slug": organisation.slug})


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def organisation(request, slug):
    organisation = _organisation(request, slug)
    return _organisation_page(request, organisation, InviteForm())


def _organisation_page(request, organisation, invite_form, status=200):
    return render(
        request,
        "disputes/manage/organisation.html",
        {
            "organisation": organisation,
            "holders": list(organisation.coordinators.order_by("username")),
            "invitations": list(
                invitations_pending(organisation=organisation).order_by("created_at")
            ),
            "invite_form": invite_form,
            "is_moderator": is_moderator(request.user),
            "is_union": organisation.kind == organisation.Kind.UNION,
        },
        status=status,
    )


@require_POST
@moderator_required
def organisation_verify(request, slug):
    organisation = _organisation(request, slug)
    try:
        coordinators.organisation_verify(organisation=organisation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s is verified now.") % {"name": organisation.name})
    return redirect(_organisation_url(organisation))


@require_POST
@moderator_required
def organisation_unverify(request, slug):
    organisation = _organisation(request, slug)
    coordinators.organisation_unverify(organisation=organisation, by=request.user)
    messages.success(request, _("%(name)s is no longer verified.") % {"name": organisation.name})
    return redirect(_organisation_url(organisation))


@require_POST
@two_factor_verified_required
def organisation_invite(request, slug):
    organisation = _organisation(request, slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _raw = coordinators.invitation_create(
                organisation=organisation, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect(_organisation_url(organisation))
    return _organisation_page(request, organisation, form, status=400)


@GET_POST
@two_factor_verified_required
def organisation_invitation_revoke(request, slug, pk):
    organisation = _organisation(request, slug)
    invitation = get_object_or_404(invitations_pending(organisation=organisation), pk=pk)
    back = _organisation_url(organisation)
    if request.method == "POST":
        coordinators.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation has been withdrawn."))
        return redirect(back)
    return _confirm_page(
        request,
        None,
        title=_("Withdraw an invitation"),
        question=_("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email},
        detail=_("The link in the email will stop working."),
        submit=_("Withdraw the invitation"),
        back=back,
    )


@GET_POST
@two_factor_verified_required
def organisation_holder_remove(request, slug, user_id):
    organisation = _organisation(request, slug)
    person = get_object_or_404(organisation.coordinators, pk=user_id)
    back = _organisation_url(organisation)
    if request.method == "POST":
        coordinators.account_holder_remove(organisation=organisation, user=person, by=request.user)
        messages.success(
            request,
            _("%(name)s no longer holds this account.") % {"name": person.get_username()},
        )
        if person.pk == request.user.pk and not is_moderator(request.user):
            return redirect("manage:mine")
        return redirect(back)
    return _confirm_page(
        request,
        None,
        title=_("Remove an account holder"),
        question=_("Remove %(name)s from the account holders of %(organisation)s?")
        % {"name": person.get_username(), "organisation": organisation.name},
        submit=_("Remove"),
        back=back,
    )
