"""What the RSVP section of an event page asks of the RSVP selectors: whether the event still
takes answers, a person's place on the waiting list, and the private link to their own answer.
The section is included by pages that pass only the event and the person's RSVP.

Django looks for template libraries in the app's top-level `templatetags`; the rules these
filters read live in `events/rsvps/selectors.py`."""

from django import template
from django.urls import reverse

from picketline.events.rsvps import selectors

register = template.Library()


@register.filter
def rsvp_closed(event) -> str:
    """Why the event takes no RSVPs (cancelled, over, unpublished), or "" when it does."""
    return selectors.rsvp_closed_reason(event)


@register.filter
def rsvp_position(rsvp) -> int | None:
    return selectors.waitlist_position(rsvp) if rsvp else None


@register.filter
def rsvp_url(rsvp) -> str:
    """The person's own RSVP page (where it can be cancelled): only ever shown to them."""
    return reverse("events:rsvp", kwargs={"token": selectors.rsvp_token(rsvp)}) if rsvp else ""
