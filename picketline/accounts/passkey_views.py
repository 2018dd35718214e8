"""Passkey pages: the list with add, rename and remove, and signing in with one.

Each ceremony is a JSON request for options (made by static/js/passkeys.js) and then an
ordinary form post carrying what the authenticator answered, so that every result is a page
and every error a message. Without JavaScript the passkey forms stay hidden and say why.
"""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from picketline.accounts import passkeys, throttle
from picketline.accounts.decorators import second_factor_setup
from picketline.accounts.forms import CodeForm, PasskeyNameForm
from picketline.accounts.two_factor import (
    login_pending_clear,
    safe_next,
    session_mark_verified,
    two_factor_required,
    url_with_next,
)
from picketline.accounts.views import (
    SecondStep,
    code_page_render,
    second_step_get,
    second_step_passed,
)

# The backend that would have checked the password: a passkey stands in for it.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _json(body: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json", status=status)
    response["Cache-Control"] = "no-store"
    return response


# The list, adding, renaming, removing -----------------------------------------------------


def _list_page(request, *, add_form=None, rename_errors=None, status=200):
    return render(
        request,
        "accounts/passkeys.html",
        {
            "passkeys": passkeys.passkeys_for(user=request.user),
            "add_form": add_form or PasskeyNameForm(prefix="add"),
            "rename_errors": rename_errors or {},
            "two_factor_required": two_factor_required(request.user),
        },
        status=status,
    )


@never_cache
@second_factor_setup
def passkey_list(request):
    return _list_page(request)


@never_cache
@require_POST
@second_factor_setup
def passkey_add_options(request):
    return _json(passkeys.registration_options(request, user=request.user))


@never_cache
@require_POST
@sensitive_post_parameters("credential")
@second_factor_setup
def passkey_add(request):
    form = PasskeyNameForm(request.POST, prefix="add")
    stored = passkeys.challenge_take(request, purpose="register")
    if form.is_valid():
        try:
            passkeys.passkey_register(
                user=request.user,
                name=form.cleaned_data["name"],
                credential=request.POST.get("credential", ""),
                stored=stored,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # A new factor in this session: it counts as passed, as when a device is confirmed.
            session_mark_verified(request)
            messages.success(request, _("Your passkey has been added."))
            return redirect("passkeys")
    return _list_page(request, add_form=form, status=400)


@never_cache
@require_POST
@second_factor_setup
def passkey_rename(request, pk: int):
    passkey = get_object_or_404(passkeys.passkeys_for(user=request.user), pk=pk)
    form = PasskeyNameForm(request.POST)
    if form.is_valid():
        try:
            passkeys.passkey_rename(
                passkey=passkey, user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The passkey has been renamed."))
            return redirect("passkeys")
    return _list_page(request, rename_errors={passkey.pk: form}, status=400)


@never_cache
@require_POST
@second_factor_setup
def passkey_remove(request, pk: int):
    passkey = get_object_or_404(passkeys.passkeys_for(user=request.user), pk=pk)
    try:
        passkeys.passkey_remove(passkey=passkey, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The passkey has been removed; it no longer signs you in."))
    return redirect("passkeys")


# Signing in -----------------------------------------------------------------------------------


def _purpose(request) -> str:
    return "second-factor" if request.POST.get("purpose") == "second-factor" else "sign-in"


@never_cache
@require_POST
def login_passkey_options(request):
    purpose = _purpose(request)
    if purpose == "second-factor":
        step = second_step_get(request)
        if not isinstance(step, SecondStep):
            return JsonResponse({"error": "no-login"}, status=409)
        return _json(passkeys.authentication_options(request, purpose=purpose, user=step.user))
    return _json(passkeys.authentication_options(request, purpose=purpose))


@never_cache
@require_POST
@sensitive_post_parameters("credential")
def login_passkey(request):
    """Checks a passkey's answer: a whole sign-in from the login page, or the second step after
    a password."""
    purpose = _purpose(request)
    step = None
    if purpose == "second-factor":
        step = second_step_get(request)
        if not isinstance(step, SecondStep):
            return step
        back = url_with_next("login_code", step.next_url if step.pending is None else None)
    else:
        back = url_with_next("login", request.POST.get("next"))

    wait = throttle.login_attempt_refused(request, step="passkey", account=None)
    stored = passkeys.challenge_take(request, purpose=purpose)
    credential = request.POST.get("credential", "")
    passkey = passkeys.passkey_for_credential(credential) if stored else None
    if wait is None and passkey is not None:
        wait = throttle.login_attempt_refused(request, step="passkey", account=str(passkey.user_id))
    if wait is not None:
        return throttle.refused(_refused_page(request, step, wait), wait)
    if stored is None:
        messages.error(request, _("The passkey request has expired. Try again."))
        return redirect(back)
    if step is not None and passkey is not None and passkey.user_id != step.user.pk:
        passkey = None
    if passkey is None or not passkeys.passkey_authenticate(
        passkey=passkey, credential=credential, stored=stored
    ):
        messages.error(
            request,
            _("That passkey was not accepted here. Try again, or use another way to log in."),
        )
        return redirect(back)

    if step is not None:
        return second_step_passed(request, step)
    # A passkey checked with the device's PIN or biometric is both factors at once.
    login_pending_clear(request)
    auth_login(request, passkey.user, backend=MODEL_BACKEND)
    session_mark_verified(request)
    return redirect(safe_next(request, request.POST.get("next")))


def _refused_page(request, step, wait: int):
    """The page the attempt came from, saying how long to wait (a 429 is not followed like a
    redirect, so it carries the page itself)."""
    message = throttle.refusal_message(wait)
    if step is not None:
        return code_page_render(
            request, form=CodeForm(), user=step.user, next_url=step.next_url, refusal=message
        )
    return render(
        request,
        "registration/login.html",
        {
            "form": AuthenticationForm(request),
            "next": request.POST.get("next", ""),
            "refusal": message,
        },
    )
