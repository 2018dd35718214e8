"""Account pages: the two-step login, two-factor set-up and API tokens. Thin: forms in, services
out."""

from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from picketline.accounts import services, throttle, totp
from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.forms import (
    ApiTokenForm,
    CodeForm,
    ConfirmDeviceForm,
    QueuedPasswordResetForm,
)
from picketline.accounts.selectors import (
    api_tokens_for,
    recovery_codes_remaining,
    totp_device_for,
)
from picketline.accounts.two_factor import (
    has_confirmed_device,
    has_passkey,
    has_second_factor,
    is_two_factor_verified,
    login_pending_clear,
    login_pending_get,
    login_pending_start,
    safe_next,
    session_clear_verified,
    session_mark_verified,
    two_factor_required,
    url_with_next,
    wrong_code_count,
)
from picketline.core.http import too_many_requests
from picketline.core.ratelimit import submission_rate_limited

# Wrong codes allowed in one login before the password has to be given again. Codes tried for
# one account from anywhere are limited too (throttle.py): guessing stays hopeless even for
# someone who has the password and starts over again and again.
MAX_WRONG_CODES = 5


# Login ------------------------------------------------------------------------------------------


class PasswordLoginView(auth_views.LoginView):
    """The first step: a correct password logs in at once, unless the account has a device."""

    def post(self, request, *args, **kwargs):
        wait = throttle.login_attempt_refused(
            request, step="password", account=request.POST.get("username", "")
        )
        if wait is None:
            return super().post(request, *args, **kwargs)
        # The password is not even checked: past the limit the right one fails too.
        form = self.get_form_class()(
            request, initial={"username": request.POST.get("username", "")}
        )
        context = self.get_context_data(form=form, refusal=throttle.refusal_message(wait))
        return throttle.refused(self.render_to_response(context), wait)

    def form_valid(self, form):
        user = form.get_user()
        if not has_second_factor(user):
            response = super().form_valid(form)
            session_clear_verified(self.request)
            return response
        login_pending_start(
            self.request, user=user, backend=user.backend, next_url=self.get_redirect_url()
        )
        return redirect("login_code")


login = PasswordLoginView.as_view()


@never_cache
@sensitive_post_parameters("code")
def login_code(request):
    """The second step, after a correct password; also where a signed-in moderator whose
    session has not been verified is sent."""
    step = second_step_get(request)
    if not isinstance(step, SecondStep):
        return step
    user, pending, next_url = step.user, step.pending, step.next_url

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = throttle.login_attempt_refused(request, step="code", account=str(user.pk))
        if wait is not None:
            form.add_error("code", throttle.refusal_message(wait))
            return throttle.refused(
                code_page_render(request, form=form, user=user, next_url=next_url), wait
            )
        if services.totp_verify(user=user, code=form.cleaned_data["code"]):
            return second_step_passed(request, step)
        elif wrong_code_count(request) >= MAX_WRONG_CODES:
            login_pending_clear(request)
            if pending is None:
                logout(request)
            messages.error(request, _("Too many wrong codes. Log in again to try once more."))
            return redirect(url_with_next("login", next_url))
        else:
            form.add_error(
                "code",
                _(
                    "That code is not right, or it has been used already. Enter the code your "
                    "app shows now, or an unused recovery code."
                ),
            )
    return code_page_render(request, form=form, user=user, next_url=next_url)


class SecondStep(NamedTuple):
    user: object
    # The password step's record when nobody is signed in yet; None for a signed-in session
    # that has not passed the second factor.
    pending: dict | None
    next_url: str


def second_step_get(request):
    """Who is at the login's second step, or where to send a request that is not."""
    pending = login_pending_get(request)
    if pending is not None:
        user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
        if user is None:
            login_pending_clear(request)
            return redirect("login")
        return SecondStep(user, pending, pending["next"])
    if request.user.is_authenticated and has_second_factor(request.user):
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        if is_two_factor_verified(request):
            return redirect(safe_next(request, next_url))
        return SecondStep(request.user, None, next_url)
    return redirect(url_with_next("login", request.GET.get("next")))


def second_step_passed(request, step: SecondStep):
    """Signs the user in (when only the password had been given) and marks the session."""
    login_pending_clear(request)
    if step.pending is not None:
        auth_login(request, step.user, backend=step.pending["backend"])
    session_mark_verified(request)
    return redirect(safe_next(request, step.next_url))


def code_page_render(request, *, form, user, next_url, refusal=None):
    return render(
        request,
        "registration/login_code.html",
        {
            "form": form if has_confirmed_device(user) else None,
            "has_passkeys": has_passkey(user),
            "next": next_url,
            "refusal": refusal,
        },
    )


# Account and two-factor -----------------------------------------------------------------------


@two_factor_verified_required
def account(request):
    device = totp_device_for(user=request.user)
    return render(
        request,
        "accounts/account.html",
        {
            "two_factor_on": device is not None and device.is_confirmed,
            "two_factor_required": two_factor_required(request.user),
            "token_count": api_tokens_for(user=request.user).filter(revoked_at=None).count(),
            "passkey_count": request.user.passkeys.count(),
        },
    )


def _two_factor_page(request, *, regenerate_form=None, remove_form=None, status=200):
    user = request.user
    device = totp_device_for(user=user)
    on = device is not None and device.is_confirmed
    return render(
        request,
        "accounts/two_factor.html",
        {
            "two_factor_on": on,
            "confirmed_at": device.confirmed_at if on else None,
            "remaining": recovery_codes_remaining(user=user) if on else 0,
            "can_remove": on and not two_factor_required(user),
            "regenerate_form": regenerate_form or CodeForm(prefix="regenerate"),
            "remove_form": remove_form or CodeForm(prefix="remove"),
        },
        status=status,
    )


@never_cache
@two_factor_verified_required
def two_factor(request):
    return _two_factor_page(request)


@never_cache
@require_POST
@sensitive_post_parameters("regenerate-code")
@two_factor_verified_required
def two_factor_recovery_codes(request):
    """New recovery codes, shown once; the current code is asked for first, so that a
    forgotten open session is not enough to get round the second factor."""
    form = CodeForm(request.POST, prefix="regenerate")
    if form.is_valid():
        if services.totp_verify(user=request.user, code=form.cleaned_data["code"]):
            try:
                codes = services.recovery_codes_regenerate(user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": ""},
                )
        else:
            form.add_error("code", _("That code is not right, or it has been used already."))
    return _two_factor_page(request, regenerate_form=form)


@never_cache
@require_POST
@sensitive_post_parameters("remove-code")
@two_factor_verified_required
def two_factor_remove(request):
    form = CodeForm(request.POST, prefix="remove")
    if form.is_valid():
        if two_factor_required(request.user):
            form.add_error(None, services.KEEP_TWO_FACTOR)
        elif services.totp_verify(user=request.user, code=form.cleaned_data["code"]):
            try:
                services.totp_device_remove(user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                session_clear_verified(request)
                messages.success(request, _("Two-factor authentication is now off."))
                return redirect("two_factor")
        else:
            form.add_error("code", _("That code is not right, or it has been used already."))
    return _two_factor_page(request, remove_form=form)


@never_cache
@sensitive_post_parameters("code")
@login_required
def two_factor_setup(request):
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    device = totp_device_for(user=user)
    if device is not None and device.is_confirmed:
        if not is_two_factor_verified(request):
            return redirect(url_with_next("login_code", next_url))
        messages.info(request, _("Two-factor authentication is already on for this account."))
        return redirect("two_factor")

    form = ConfirmDeviceForm()
    if request.method == "POST" and request.POST.get("action") == "restart":
        device = services.totp_device_start(user=user)
    elif device is None:
        # The page shows a secret, so opening it makes one; reloading keeps the same one,
        # because the person may already have added it to their app.
        device = services.totp_device_start(user=user)
    elif request.method == "POST":
        form = ConfirmDeviceForm(request.POST)
        if form.is_valid():
            try:
                codes = services.totp_device_confirm(user=user, code=form.cleaned_data["code"])
            except ValidationError as error:
                form.add_error("code", error)
            else:
                session_mark_verified(request)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": safe_next(request, next_url) if next_url else ""},
                )

    otpauth_uri = totp.provisioning_uri(
        device.secret, account=user.get_username(), issuer=settings.SITE_NAME
    )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "secret_grouped": totp.secret_grouped(device.secret),
            "otpauth_uri": otpauth_uri,
            # segno's own SVG markup, with the address escaped inside it.
            "otpauth_qr": mark_safe(
                totp.qr_svg(otpauth_uri, title=_("QR code to scan with your authenticator app"))
            ),
            "two_factor_required": two_factor_required(user),
        },
    )


# API tokens -------------------------------------------------------------------------------------


@never_cache
@two_factor_verified_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    created = raw_token = None
    if request.method == "POST" and form.is_valid():
        try:
            created, raw_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": api_tokens_for(user=request.user),
            "created": created,
            "raw_token": raw_token,
        },
    )


@require_POST
@two_factor_verified_required
def api_token_revoke(request, pk: int):
    token = get_object_or_404(api_tokens_for(user=request.user), pk=pk)
    services.api_token_revoke(token=token, user=request.user)
    messages.success(
        request,
        _("The token “%(name)s” has been revoked; programs using it can no longer connect.")
        % {"name": token.name},
    )
    return redirect("api_tokens")


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link, limited per client address: each request emails the address
    typed, so without a limit the form could flood anyone's inbox."""

    form_class = QueuedPasswordResetForm

    def post(self, request, *args, **kwargs):
        if submission_rate_limited(request, scope="password-reset"):
            return too_many_requests(request, scope="password-reset")
        return super().post(request, *args, **kwargs)
