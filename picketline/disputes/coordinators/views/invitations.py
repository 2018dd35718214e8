"""The page an emailed invitation leads to: accept it, signing up first when needed.

The token in the link is the only key: it is single-use, expires, and can be withdrawn.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from picketline.accounts.forms import SignUpForm
from picketline.accounts.two_factor import has_confirmed_device, url_with_next
from picketline.disputes.coordinators import services as coordinators
from picketline.disputes.coordinators.views.pages import GET_POST
from picketline.disputes.models import Invitation


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


def _page(request, invitation: Invitation, form=None):
    context = {
        "invitation": invitation,
        "form": form,
        "login_url": url_with_next("login", request.path),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "disputes/manage/invitation.html", context, status=status)


def _accepted_by(user, invitation: Invitation) -> bool:
    """Whether `user` already accepted this invitation (a second visit of the link)."""
    return (
        user.is_authenticated
        and invitation.accepted_by_id == user.pk
        and coordinators.invitation_state(invitation) == coordinators.ACCEPTED
    )


@never_cache
@GET_POST
@sensitive_post_parameters("password1", "password2")
def invitation(request, token):
    invitation = coordinators.invitation_get_by_token(raw=token)
    if invitation is None:
        raise Http404(_("There is no invitation at this address. Check the link in the email."))
    destination = _invitation_destination(invitation)
    if _accepted_by(request.user, invitation):
        return redirect(destination)
    try:
        coordinators.check_invitation_usable(invitation)
        if request.user.is_authenticated:
            return _accept(request, invitation, destination)
        return _sign_up(request, invitation, destination)
    except ValidationError as error:
        return _gone(request, invitation, error)


def _accept(request, invitation: Invitation, destination: str):
    """Someone signed in: a POST accepts the invitation for them."""
    if request.method != "POST":
        return _page(request, invitation)
    coordinators.invitation_accept(invitation=invitation, user=request.user)
    _welcome(request, invitation, destination)
    return redirect(destination)


def _sign_up(request, invitation: Invitation, destination: str):
    """Someone without an account: a valid POST makes one and accepts with it, or neither."""
    form = SignUpForm(request.POST or None, initial={"email": invitation.email})
    if request.method != "POST" or not form.is_valid():
        return _page(request, invitation, form)
    new_user = coordinators.invitation_sign_up(
        invitation=invitation,
        username=form.cleaned_data["username"],
        email=form.cleaned_data["email"],
        password=form.cleaned_data["password1"],
    )
    login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
    setup = _two_factor_setup_url(destination)
    if setup is None:
        _welcome(request, invitation, destination)
        return redirect(destination)
    _welcome_new_account(request, destination)
    return redirect(setup)


def _welcome_new_account(request, destination: str) -> None:
    """Said on the way to setting up two factors, with a way to skip it."""
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
