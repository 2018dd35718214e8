"""What the RSVP section of an event page asks of the RSVP engine: whether the event still takes
answers, a person's place on the waiting list, and the private link to their own answer. The
section is included by pages that pass only the event and the person's RSVP."""

from django import template
from django.core.exceptions import ValidationError
from django.urls import reverse

from picketline.events import rsvps

register = template.Library()


@register.filter
def rsvp_closed(event) -> str:
    """Why the event takes no RSVPs (cancelled, over, unpublished), or "" when it does."""
    try:
        rsvps.rsvp_open_check(event)
    except ValidationError as error:
        return error.messages[0]
    return ""


@register.filter
def rsvp_position(rsvp) -> int | None:
    return rsvps.waitlist_position(rsvp) if rsvp else None


@register.filter
def rsvp_url(rsvp) -> str:
    """The person's own RSVP page (where it can be cancelled): only ever shown to them."""
    return reverse("events:rsvp", kwargs={"token": rsvps.rsvp_token(rsvp)}) if rsvp else ""
