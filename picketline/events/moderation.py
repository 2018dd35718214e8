"""How the moderation queue handles events (local events sent by hosts, and events from people
who do not publish directly): a moderator checks that an event is real and safe to list before
anyone is asked to come to it. Days of action have their handler in `days/moderation.py`."""

from django.utils.translation import gettext_lazy as _

from picketline.events import services
from picketline.events.calendar import event_location
from picketline.events.choices import EventMode
from picketline.events.formats import event_when
from picketline.events.models import Event
from picketline.moderation.registry import Facets, ModerationHandler


class EventHandler(ModerationHandler):
    kind = services.EVENT_KIND
    label = _("Events")
    detail_template = "events/moderation/event.html"
    categories = EventMode.choices

    def facets(self, obj: Event) -> Facets:
        summary = obj.title
        if obj.day_of_action_id:
            summary = f"{obj.title} — {obj.day_of_action.title}"
        return Facets(summary=summary, country=obj.country, category=obj.mode)

    def detail_context(self, obj: Event) -> dict:
        return {
            "when": event_when(obj),
            "where": event_location(obj),
            "disputes": list(obj.disputes.order_by("title")),
            "speakers": list(obj.speakers.all()),
            "organisers": [user.get_username() for user in obj.organisers.order_by("username")],
        }

    def contact_email(self, obj: Event) -> str:
        if obj.host_email:
            return obj.host_email
        return obj.submitted_by.email if obj.submitted_by_id else ""

    def contact_language(self, obj: Event) -> str:
        return obj.language

    def approve(self, *, obj: Event, user, edits=None):
        return services.event_publish(event=obj, user=user)

    def reject(self, *, obj: Event, user, reason: str) -> None:
        # Nothing to undo: the event stays unpublished, so nobody can find it or answer it.
        return None
