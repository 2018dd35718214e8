"""What events add to the apps they build on, registered once from the app's ready(): the
events kind of moderation item and a section on the dispute page listing its upcoming events
and the days of action it is part of (in two queries whatever their number). The days of
action register their own additions in `days/hooks.py`; this module is where the parts are
put together, so it is the one core module that reads from `days/`.
"""

from django.utils import timezone

from picketline.disputes.hooks import PUBLIC, DisputeSection, dispute_section_register
from picketline.events import selectors
from picketline.events.days import hooks as days_hooks
from picketline.events.days.selectors import days_of_action_for_dispute
from picketline.events.formats import event_place_parts, event_when
from picketline.events.models import Event
from picketline.organisations.hooks import PUBLIC as ORGANISATION_PAGE
from picketline.organisations.hooks import OrganisationSection, organisation_section_register

# The section lists the soonest few and links to the full list beyond them.
SECTION_LIMIT = 5


def public_section(request, dispute) -> dict | None:
    events = list(
        selectors.event_listed_queryset()
        .filter(disputes=dispute, ends_at__gt=timezone.now())
        .order_by("starts_at", "id")[: SECTION_LIMIT + 1]
    )
    days = list(days_of_action_for_dispute(dispute).order_by("starts_on", "id"))
    if not events and not days:
        return None
    return {
        "events": [
            {"event": event, "when": event_when(event), "place": event_place_parts(event)}
            for event in events[:SECTION_LIMIT]
        ],
        "more": len(events) > SECTION_LIMIT,
        "days": days,
    }


def organisation_section(request, organisation) -> dict | None:
    """Upcoming events the organisation organises or sponsors, on its page."""
    # Organised or sponsored: one list of ids, each half from its own index. An OR of the two
    # made PostgreSQL walk every upcoming event in date order, looking for the few.
    organised = Event.objects.filter(organisation=organisation).values("pk")
    sponsored = Event.sponsors.through.objects.filter(organisation=organisation)
    events = list(
        selectors.event_listed_queryset()
        .filter(pk__in=organised.union(sponsored.values("event_id")))
        .filter(ends_at__gt=timezone.now())
        .order_by("starts_at", "id")[: SECTION_LIMIT + 1]
    )
    if not events:
        return None
    return {
        "events": [
            {"event": event, "when": event_when(event), "place": event_place_parts(event)}
            for event in events[:SECTION_LIMIT]
        ],
        "more": len(events) > SECTION_LIMIT,
    }


def register() -> None:
    from picketline.events.moderation import EventHandler
    from picketline.events.roles import register_organiser_role
    from picketline.moderation.registry import moderation_register

    moderation_register(EventHandler())
    register_organiser_role()
    dispute_section_register(
        DisputeSection(
            key="events",
            page=PUBLIC,
            order=40,
            template="events/public/_dispute_section.html",
            context=public_section,
        )
    )
    organisation_section_register(
        OrganisationSection(
            key="events",
            page=ORGANISATION_PAGE,
            order=30,
            template="events/public/_organisation_section.html",
            context=organisation_section,
        )
    )
    days_hooks.register()
