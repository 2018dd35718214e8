"""Signing up to a picket (public), the private cancel link, and the coordinators' rota."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.formats import span_label
from picketline.core.http import private_page
from picketline.core.ratelimit import submission_rate_limited
from picketline.disputes.models import PicketShift
from picketline.disputes.selectors import dispute_get_for_user
from picketline.solidarity.http import form_save, retry_later
from picketline.solidarity.pickets import selectors, services
from picketline.solidarity.pickets.forms import AttendanceForm, PicketMessageForm, SignupForm

SIGNUP_TEMPLATE = "solidarity/pickets/signup.html"


def _shift(dispute, shift_id: int) -> PicketShift:
    return get_object_or_404(
        PicketShift.objects.select_related("site__dispute"), pk=shift_id, site__dispute=dispute
    )


def _occurrence(shift: PicketShift, key: str):
    occurrence = selectors.occurrence_get(shift=shift, key=key)
    if occurrence is None:
        raise Http404(_("The picket line has no shift at that time."))
    return occurrence


def _when(occurrence) -> str:
    return span_label(occurrence.starts_at, occurrence.ends_at, occurrence.shift.timezone)


# --- signing up -----------------------------------------------------------------------------


def _upcoming(shift: PicketShift, key: str):
    occurrence = _occurrence(shift, key)
    if occurrence.starts_at <= timezone.now():
        raise Http404(_("This picket has already started; choose a later one."))
    return occurrence


def _signup_page(request, dispute, shift, occurrence, form, *, status=200, **extra):
    context = {
        "dispute": dispute,
        "shift": shift,
        "when": _when(occurrence),
        "place": selectors.public_place(shift.site, sensitive=dispute.sensitive),
        "people": selectors.people_coming(shift=shift, starts_at=occurrence.starts_at),
        "form": form,
        **extra,
    }
    return render(request, SIGNUP_TEMPLATE, context, status=status)


def _signup_save(form, shift, occurrence) -> str | None:
    """The new sign-up's private token, or None with the form's errors saying why."""
    created = form_save(
        form, services.signup_create, shift=shift, occurrence_starts_at=occurrence.starts_at
    )
    return created[1] if created else None


@require_http_methods(["GET", "POST"])
def picket_signup(request, slug: str, shift_id: int, occurrence: str):
    dispute = dispute_get_for_user(user=request.user, slug=slug)
    shift = _shift(dispute, shift_id)
    found = _upcoming(shift, occurrence)
    if request.method != "POST":
        return _signup_page(request, dispute, shift, found, SignupForm())
    if submission_rate_limited(request, scope="picket-signup"):
        form = SignupForm()
        return retry_later(
            "picket-signup",
            _signup_page(request, dispute, shift, found, form, status=429, rate_limited=True),
        )
    form = SignupForm(request.POST)
    token = _signup_save(form, shift, found)
    if token is None:
        status = 409 if form.has_error(NON_FIELD_ERRORS, "full") else 400
        return _signup_page(request, dispute, shift, found, form, status=status)
    url = reverse("solidarity:picket_signed_up", kwargs={"token": token})
    return HttpResponseRedirect(url, status=303)


def _signup_context(signup) -> dict:
    shift = signup.shift
    ends_at = signup.occurrence_starts_at + (shift.ends_at - shift.starts_at)
    dispute = shift.site.dispute
    return {
        "signup": signup,
        "dispute": dispute,
        "when": span_label(signup.occurrence_starts_at, ends_at, shift.timezone),
        "place": selectors.public_place(shift.site, sensitive=dispute.sensitive),
        "notes": shift.notes,
    }


def _signup_by_token(token: str):
    signup = services.signup_get_by_token(raw=token)
    if signup is None:
        raise Http404(_("This link does not work. It may have been copied incompletely."))
    return signup


@require_http_methods(["GET", "HEAD"])
def picket_signed_up(request, token: str):
    signup = _signup_by_token(token)
    context = {**_signup_context(signup), "token": token}
    return private_page(render(request, "solidarity/pickets/signed_up.html", context))


@require_http_methods(["GET", "POST"])
def picket_cancel(request, token: str):
    signup = _signup_by_token(token)
    if request.method == "POST":
        signup = services.signup_cancel(signup=signup)
    context = {**_signup_context(signup), "token": token}
    return private_page(render(request, "solidarity/pickets/cancel.html", context))


# --- the coordinators' rota -----------------------------------------------------------------


def _rota_response(request, dispute, *, forms=None, status=200):
    forms = forms or {}
    now = timezone.now()
    rota = selectors.rota_for_dispute(dispute=dispute, now=now)
    for entry in rota:
        for row in entry.occurrences:
            auto_id = f"id_%s_{row.occurrence.shift.pk}_{row.key}"
            row.when = _when(row.occurrence)
            row.started = row.occurrence.starts_at <= now
            row.message_form = forms.get(f"message-{row.key}") or PicketMessageForm(auto_id=auto_id)
            initial = {"people": row.attendance.people} if row.attendance else None
            row.attendance_form = forms.get(f"attendance-{row.key}") or AttendanceForm(
                auto_id=auto_id, initial=initial
            )
    context = {"dispute": dispute, "rota": rota}
    return private_page(render(request, "solidarity/pickets/rota.html", context, status=status))


@two_factor_verified_required
@require_http_methods(["GET", "HEAD"])
def picket_rota(request, slug: str):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    return _rota_response(request, dispute)


def _rota_occurrence(request, slug: str, shift_id: int, key: str):
    """The dispute the user may change, its shift and the occurrence `key` names, or 404."""
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    shift = _shift(dispute, shift_id)
    return dispute, shift, _occurrence(shift, key)


def _back_to_rota(dispute, key: str):
    url = reverse("solidarity:picket_rota", kwargs={"slug": dispute.slug})
    return redirect(f"{url}#occurrence-{key}")


@two_factor_verified_required
@require_POST
def picket_message(request, slug: str, shift_id: int, occurrence: str):
    dispute, shift, found = _rota_occurrence(request, slug, shift_id, occurrence)
    form = PicketMessageForm(request.POST, auto_id=f"id_%s_{shift.pk}_{occurrence}")
    if not form.is_valid():
        return _rota_response(request, dispute, forms={f"message-{occurrence}": form}, status=400)
    sent = services.picket_message_send(
        shift=shift, occurrence=found, user=request.user, **form.cleaned_data
    )
    messages.success(
        request, _("Your message is on its way to %(count)d people.") % {"count": sent}
    )
    return _back_to_rota(dispute, occurrence)


@two_factor_verified_required
@require_POST
def picket_attendance(request, slug: str, shift_id: int, occurrence: str):
    dispute, shift, found = _rota_occurrence(request, slug, shift_id, occurrence)
    form = AttendanceForm(request.POST, auto_id=f"id_%s_{shift.pk}_{occurrence}")
    if not form.is_valid():
        return _rota_response(
            request, dispute, forms={f"attendance-{occurrence}": form}, status=400
        )
    services.attendance_record(
        shift=shift, occurrence=found, people=form.cleaned_data["people"], user=request.user
    )
    messages.success(request, _("Attendance saved."))
    return _back_to_rota(dispute, occurrence)
