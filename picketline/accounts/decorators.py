"""View decorators for pages that show other people's personal data.

    @moderator_required
    def queue(request): ...

    @two_factor_verified_required
    def tokens(request): ...

Both send a privileged user (moderator, admin, staff) to set up two-factor authentication when
they have no device yet, or to enter a code when this session has not been verified.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from picketline.accounts.roles import is_moderator
from picketline.accounts.two_factor import (
    has_second_factor,
    is_two_factor_verified,
    two_factor_redirect_url,
    url_with_next,
)


def two_factor_verified_required(view):
    """Signed in; and for anyone who needs two factors, a verified session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        destination = two_factor_redirect_url(request)
        if destination:
            return redirect(destination)
        return view(request, *args, **kwargs)

    return wrapper


def moderator_required(view):
    """A moderator or admin with a verified session; anyone else signed in gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied
        destination = two_factor_redirect_url(request)
        if destination:
            return redirect(destination)
        return view(request, *args, **kwargs)

    return wrapper


def second_factor_setup(view):
    """Signed in; and once the account has a second factor, a session that has passed it.

    For the pages where second factors are added and changed: someone who must use two factors
    reaches them before having any (to add the first), never with a password alone after.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if has_second_factor(request.user) and not is_two_factor_verified(request):
            return redirect(url_with_next("login_code", request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
