"""Who may open the organisers' pages that show the people coming (names and emails).

Everyone who organises an event needs two factors (`events/roles.py` registers
them with the accounts app), so the dashboard, the CSV, the check-in pages and the message page
ask for them: an organiser without a second factor is sent to set one up, one whose session
has not given a code is asked for it, and until then the page (and every email on it) stays
closed.

The event is loaded first, through the one door (`event_get_for_manager`): someone who may not
manage it gets 404 or 403 whatever their second factor, and is never asked for one.
"""

from functools import wraps

from django.shortcuts import redirect

from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.two_factor import two_factor_redirect_url
from picketline.events.selectors import event_get_for_manager


def attendee_contacts_required(view):
    """For `view(request, event, …)` routed as `…/<slug>/…`: signed in, allowed to manage the
    event, and verified by two factors in this session, whatever the account's role."""

    @wraps(view)
    @two_factor_verified_required
    def wrapper(request, slug: str, *args, **kwargs):
        event = event_get_for_manager(user=request.user, slug=slug)
        # Whoever may manage the event needs two factors (`events/roles.py`), so the decorator
        # above has made sure of them; this says so again for the pages with contact details.
        destination = two_factor_redirect_url(request)
        if destination:
            return redirect(destination)
        return view(request, event, *args, **kwargs)

    return wrapper
