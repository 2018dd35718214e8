"""Signing up to a picket (public), the private cancel link, and the coordinators' rota."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.formats import span_label
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.disputes.models import PicketShift
from picketline.disputes.selectors import dispute_get_for_user
from picketline.solidarity.pickets import selectors as selectors
from picketline.solidarity.pickets import services as services
from picketline.solidarity.pickets.forms import AttendanceForm, PicketMessageForm, SignupForm


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


@require_http_methods(["GET", "POST"])
def picket_signup(request, slug: str, shift_id: int, occurrence: str):
    dispute = dispute_get_for_user(user=request.user, slug=slug)
    shift = _shift(dispute, shift_id)
    found = _occurrence(shift, occurrence)
    if found.starts_at <= timezone.now():
        raise Http404(_("This picket has already started; choose a later one."))
    site = shift.site
    context = {
        "dispute": dispute,
        "shift": shift,
        "when": _when(found),
        "place": site.city if dispute.sensitive else (site.name or site.city),
        "people": selectors.people_coming(shift=shift, starts_at=found.starts_at),
    }
    template = "solidarity/pickets/signup.html"
    if request.method != "POST":
        return render(request, template, {**context, "form": SignupForm()})
    if submission_rate_limited(request, scope="picket-signup"):
        response = render(
            request, template, {**context, "form": SignupForm(), "rate_limited": True}, status=429
        )
        response["Retry-After"] = str(retry_after_seconds())
        return response
    form = SignupForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            _signup, token = services.signup_create(
                shift=shift, occurrence_starts_at=found.starts_at, **form.service_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
            status = 409 if error.code == "full" else 400
        else:
            url = reverse("solidarity:picket_signed_up", kwargs={"token": token})
            return HttpResponseRedirect(url, status=303)
    return render(request, template, {**context, "form": form}, status=status)


def _signup_context(signup) -> dict:
    shift = signup.shift
    ends_at = signup.occurrence_starts_at + (shift.ends_at - shift.starts_at)
    dispute = shift.site.dispute
    site = shift.site
    return {
        "signup": signup,
        "dispute": dispute,
        "when": span_label(signup.occurrence_starts_at, ends_at, shift.timezone),
        "place": site.city if dispute.sensitive else (site.name or site.city),
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


def _rota_url(dispute, key: str = "") -> str:
    url = reverse("solidarity:picket_rota", kwargs={"slug": dispute.slug})
    return f"{url}#occurrence-{key}" if key else url


@two_factor_verified_required
@require_POST
def picket_message(request, slug: str, shift_id: int, occurrence: str):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    shift = _shift(dispute, shift_id)
    found = _occurrence(shift, occurrence)
    form = PicketMessageForm(request.POST, auto_id=f"id_%s_{shift.pk}_{occurrence}")
    if not form.is_valid():
        return _rota_response(request, dispute, forms={f"message-{occurrence}": form}, status=400)
    sent = services.picket_message_send(
        shift=shift,
        occurrence=found,
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["body"],
        user=request.user,
    )
    messages.success(
        request, _("Your message is on its way to %(count)d people.") % {"count": sent}
    )
    return redirect(_rota_url(dispute, occurrence))


@two_factor_verified_required
@require_POST
def picket_attendance(request, slug: str, shift_id: int, occurrence: str):
    dispute = dispute_get_for_user(user=request.user, slug=slug, write=True)
    shift = _shift(dispute, shift_id)
    found = _occurrence(shift, occurrence)
    form = AttendanceForm(request.POST, auto_id=f"id_%s_{shift.pk}_{occurrence}")
    if not form.is_valid():
        return _rota_response(
            request, dispute, forms={f"attendance-{occurrence}": form}, status=400
        )
    services.attendance_record(
        shift=shift, occurrence=found, people=form.cleaned_data["people"], user=request.user
    )
    messages.success(request, _("Attendance saved."))
    return redirect(_rota_url(dispute, occurrence))
