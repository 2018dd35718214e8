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
from picketline.accounts.two_factor import two_factor_redirect_url


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
