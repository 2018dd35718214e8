"""Who may open the organisers' pages that show the people coming (names and emails).

The account decorators ask two factors only of moderators, admins and staff. The names and
emails of the people coming to an event are personal data too, so the dashboard, the CSV, the
check-in pages and the message page ask them of everyone who manages the event: an organiser
without an authenticator is sent to set one up, one whose session has not given a code is asked
for it, and until then the page (and every email on it) stays closed.

The event is loaded first, through the one door (`event_get_for_manager`): someone who may not
manage it gets 404 or 403 whatever their second factor, and is never asked for one.
"""

from functools import wraps

from django.shortcuts import redirect

from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.two_factor import (
    has_confirmed_device,
    is_two_factor_verified,
    url_with_next,
)
from picketline.events.selectors import event_get_for_manager


def contact_details_two_factor_redirect(request) -> str | None:
    """Where someone must go before seeing attendees' contact details, or None."""
    next_url = request.get_full_path()
    if not has_confirmed_device(request.user):
        return url_with_next("two_factor_setup", next_url)
    if not is_two_factor_verified(request):
        return url_with_next("login_code", next_url)
    return None


def attendee_contacts_required(view):
    """For `view(request, event, …)` routed as `…/<slug>/…`: signed in, allowed to manage the
    event, and verified by two factors in this session, whatever the account's role."""

    @wraps(view)
    @two_factor_verified_required
    def wrapper(request, slug: str, *args, **kwargs):
        event = event_get_for_manager(user=request.user, slug=slug)
        destination = contact_details_two_factor_redirect(request)
        if destination:
            return redirect(destination)
        return view(request, event, *args, **kwargs)

    return wrapper
