"""The page an emailed invitation leads to: accept it, signing up first when needed.

The token in the link is the only key: it is single-use, expires, and can be withdrawn. What
the role is and what accepting gives comes from the role the invitation names (`roles.py`).
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from picketline.accounts.forms import SignUpForm
from picketline.accounts.two_factor import has_second_factor, url_with_next
from picketline.core.http import private_page
from picketline.organisations.invitations import services
from picketline.organisations.invitations.models import Invitation
from picketline.organisations.invitations.roles import role_get


def _context(invitation: Invitation, **extra) -> dict:
    role = role_get(invitation.role)
    target = invitation.target
    own = role.context(target) if target is not None else {}
    return {"invitation": invitation, "role": role, "target": target, **own, **extra}


def _page(request, invitation: Invitation, form=None):
    context = _context(invitation, form=form, login_url=url_with_next("login", request.path))
    status = 400 if form is not None and form.errors else 200
    return private_page(render(request, "organisations/invitation.html", context, status=status))


def _gone(request, invitation: Invitation, error: ValidationError):
    context = _context(invitation, gone=True, reasons=error.messages)
    return private_page(render(request, "organisations/invitation_gone.html", context, status=410))


@never_cache
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
def invitation(request, token):
    invitation = services.invitation_get_by_token(raw=token)
    if invitation is None:
        raise Http404(_("There is no invitation at this address. Check the link in the email."))
    user = request.user
    if (
        user.is_authenticated
        and invitation.accepted_by_id == user.pk
        and services.invitation_state(invitation) == services.ACCEPTED
        and invitation.target is not None
    ):
        return redirect(role_get(invitation.role).destination(invitation.target))
    try:
        services.check_invitation_usable(invitation)
        if user.is_authenticated:
            return _accept(request, invitation)
        return _sign_up(request, invitation)
    except ValidationError as error:
        return _gone(request, invitation, error)


def _accept(request, invitation: Invitation):
    """Someone signed in: a POST accepts the invitation for them."""
    if request.method != "POST":
        return _page(request, invitation)
    services.invitation_accept(invitation=invitation, user=request.user)
    return _welcomed(request, invitation)


def _sign_up(request, invitation: Invitation):
    """Someone without an account: a valid POST makes one and accepts with it, or neither."""
    form = SignUpForm(request.POST or None, initial={"email": invitation.email})
    if request.method != "POST" or not form.is_valid():
        return _page(request, invitation, form)
    new_user = services.invitation_sign_up(
        invitation=invitation,
        username=form.cleaned_data["username"],
        email=form.cleaned_data["email"],
        password=form.cleaned_data["password1"],
    )
    login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
    return _welcomed(request, invitation)


def _welcomed(request, invitation: Invitation):
    """Says what the invitee now is and sends them on: to their new pages when their account
    has a second factor, else first to set one up, since those pages show other people's
    contact details and ask for it."""
    role = role_get(invitation.role)
    target = invitation.target
    destination = role.destination(target)
    welcome = role.welcome(target)
    if has_second_factor(request.user):
        messages.success(request, welcome)
        return redirect(destination)
    messages.success(
        request,
        format_html(
            "{} {}",
            welcome,
            _(
                "Your new pages show other people's contact details, so your account needs "
                "two-factor authentication: set it up now, it takes a minute and keeps the "
                "account safe even if your password leaks."
            ),
        ),
    )
    return redirect(url_with_next("two_factor_setup", destination))
