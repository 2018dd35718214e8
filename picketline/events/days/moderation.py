"""How the moderation queue handles days of action called by people who do not publish
directly."""

from django.utils.translation import gettext_lazy as _

from picketline.events.days import services
from picketline.events.days.models import DayOfAction
from picketline.moderation.registry import Facets, ModerationHandler


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
