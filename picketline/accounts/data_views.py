"""A person's own data (`/account/data/`): download everything Picketline holds about them,
confirm their email address, and erase their account through an emailed link."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from picketline.accounts import own_data
from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.forms import ErasureForm
from picketline.accounts.personal_data import (
    export_json as document_json,
)
from picketline.accounts.personal_data import (
    export_zip as document_zip,
)
from picketline.accounts.personal_data import (
    person_email,
    personal_data_export,
    personal_data_kinds,
)
from picketline.accounts.two_factor import has_confirmed_device, is_two_factor_verified
from picketline.core.audit import log_action
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page, too_many_requests
from picketline.core.ratelimit import rate_limit_hit, submission_rate_limited


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _limited(request) -> bool:
    """Counts an attempt from this address and for this account; True when either is over."""
    by_address = submission_rate_limited(request, scope="erasure")
    by_account = rate_limit_hit(scope="erasure", key=f"user:{request.user.pk}")
    return by_address or by_account


def _data_page(request, *, form=None, status=200):
    user = request.user
    context = {
        "kinds": personal_data_kinds(),
        "email_confirmed": person_email(user) is not None,
        "erasure": own_data.erasure_pending(user=user),
        "form": form or ErasureForm(ask_code=has_confirmed_device(user)),
    }
    return private_page(render(request, "accounts/data.html", context, status=status))


@two_factor_verified_required
@require_safe
def data(request):
    return _data_page(request)


def _download(request, *, content: bytes, content_type: str, name: str, kind: str):
    log_action(request.user, "user.data_exported", user=request.user, data={"format": kind})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return private_page(response)


@two_factor_verified_required
@require_safe
def export_json(request):
    document = personal_data_export(request.user)
    return _download(
        request,
        content=document_json(document),
        content_type="application/json; charset=utf-8",
        name="picketline-data.json",
        kind="json",
    )


@two_factor_verified_required
@require_safe
def export_zip(request):
    document = personal_data_export(request.user)
    return _download(
        request,
        content=document_zip(document),
        content_type="application/zip",
        name="picketline-data.zip",
        kind="csv",
    )


@two_factor_verified_required
@require_POST
def email_confirm_send(request):
    if _limited(request):
        return too_many_requests(request, scope="erasure")
    try:
        own_data.email_confirm_start(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("We sent a link to your email address. Open it to confirm."))
    return _see_other(reverse("account_data"))


@two_factor_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request, token: str):
    """A button, not the link itself, confirms: mail scanners follow every link."""
    if request.method == "POST":
        try:
            own_data.email_confirm(user=request.user, token=token)
        except ValidationError as error:
            context = {"message": error.messages[0]}
            return private_page(render(request, "accounts/data_link.html", context, status=400))
        messages.success(request, _("Your email address is confirmed."))
        return _see_other(reverse("account_data"))
    return private_page(render(request, "accounts/data_email_confirm.html"))


@sensitive_post_parameters("password", "code")
@two_factor_verified_required
@require_POST
def erase_request(request):
    if _limited(request):
        return too_many_requests(request, scope="erasure")
    user = request.user
    form = ErasureForm(request.POST, ask_code=has_confirmed_device(user))
    if form.is_valid():
        try:
            own_data.erasure_check(
                user=user,
                password=form.cleaned_data["password"],
                code=form.cleaned_data.get("code", ""),
                session_verified=is_two_factor_verified(request),
            )
            own_data.erasure_request(user=user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "We emailed you a link. Nothing is erased until you open it and confirm; "
                    "until then you can cancel."
                ),
            )
            return _see_other(reverse("account_data"))
    return _data_page(request, form=form, status=400)


@two_factor_verified_required
@require_POST
def erase_cancel(request):
    pending = own_data.erasure_pending(user=request.user)
    if pending is not None:
        own_data.erasure_cancel(request=pending)
        messages.success(request, _("Your request to erase your account is cancelled."))
    return _see_other(reverse("account_data"))


@require_http_methods(["GET", "HEAD", "POST"])
def erase(request, token: str):
    """The emailed link: a page with two buttons, erase or cancel. Reached by the link alone,
    so whoever reads the person's email decides; the password was asked for before."""
    pending = own_data.erasure_get_by_token(raw=token)
    if pending is None:
        context = {
            "message": _(
                "This link does not work: the request was cancelled, has expired or has "
                "already been carried out."
            )
        }
        return private_page(render(request, "accounts/data_link.html", context, status=404))
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            own_data.erasure_cancel(request=pending)
            return private_page(render(request, "accounts/data_erase_cancelled.html"))
        if request.POST.get("action") == "erase":
            same_person = request.user.is_authenticated and request.user.pk == pending.user_id
            own_data.erasure_confirm(raw=token)
            if same_person:
                logout(request)
            return private_page(render(request, "accounts/data_erased.html"))
    return private_page(render(request, "accounts/data_erase.html", {"erasure": pending}))
