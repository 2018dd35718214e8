"""How the moderation queue handles local events sent by hosts and days of action: a moderator
checks that an event is real and safe to list before anyone is asked to come to it."""

from django.utils.translation import gettext_lazy as _

from picketline.events import services
from picketline.events.calendar import event_location
from picketline.events.choices import EventMode
from picketline.events.models import DayOfAction, Event
from picketline.events.notices import event_when
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


class DayOfActionHandler(ModerationHandler):
    kind = services.DAY_OF_ACTION_KIND
    label = _("Days of action")
    detail_template = "events/moderation/day_of_action.html"

    def facets(self, obj: DayOfAction) -> Facets:
        country = obj.organisation.country if obj.organisation_id else ""
        return Facets(summary=obj.title, country=country)

    def detail_context(self, obj: DayOfAction) -> dict:
        return {
            "disputes": list(obj.disputes.order_by("title")),
            "organisers": [user.get_username() for user in obj.organisers.order_by("username")],
        }

    def contact_email(self, obj: DayOfAction) -> str:
        author = obj.organisers.order_by("pk").first()
        return author.email if author is not None else ""

    def contact_language(self, obj: DayOfAction) -> str:
        return obj.language

    def approve(self, *, obj: DayOfAction, user, edits=None):
        return services.day_of_action_publish(day=obj, user=user)

    def reject(self, *, obj: DayOfAction, user, reason: str) -> None:
        # Nothing to undo: the day stays unpublished, so nobody can host an event on it.
        return None
