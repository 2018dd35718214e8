"""What the public event pages add to a dispute's page: its upcoming local events and the days
of action it is part of, in two queries whatever their number."""

from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.disputes.hooks import PUBLIC, DisputeSection, dispute_section_register
from picketline.events import selectors
from picketline.events.notices import event_when

# The section lists the soonest few and links to the full list beyond them.
SECTION_LIMIT = 5


def _place(event) -> str:
    if not event.has_place:
        return _("Online")
    return ", ".join(part for part in (event.locality, event.country) if part)


def public_section(request, dispute) -> dict | None:
    events = list(
        selectors.event_listed_queryset()
        .filter(disputes=dispute, ends_at__gt=timezone.now())
        .order_by("starts_at", "id")[: SECTION_LIMIT + 1]
    )
    days = list(selectors.days_of_action_for_dispute(dispute).order_by("starts_on", "id"))
    if not events and not days:
        return None
    return {
        "events": [
            {"event": event, "when": event_when(event), "place": _place(event)}
            for event in events[:SECTION_LIMIT]
        ],
        "more": len(events) > SECTION_LIMIT,
        "days": days,
    }


def register() -> None:
    """Called once from the app's ready(), through `events.hooks.register`."""
    dispute_section_register(
        DisputeSection(
            key="events",
            page=PUBLIC,
            order=40,
            template="events/public/_dispute_section.html",
            context=public_section,
        )
    )
