"""How the moderation queue handles solidarity messages."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from picketline.moderation.registry import Facets, ModerationHandler
from picketline.places.countries import country_names
from picketline.solidarity.messages import services
from picketline.solidarity.messages.models import Message

SUMMARY_WORDS = 12


class MessageHandler(ModerationHandler):
    kind = services.KIND
    label = _("Solidarity messages")
    detail_template = "solidarity/messages/moderation.html"

    def facets(self, obj: Message) -> Facets:
        words = obj.body.split()
        opening = " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")
        return Facets(
            summary=f"{opening} — {obj.dispute.title}",
            country=obj.country,
            has_sources=False,
        )

    def detail_context(self, obj: Message) -> dict:
        try:
            language = str(get_language_info(obj.language)["name_translated"])
        except KeyError:
            language = obj.language
        return {
            "country_name": country_names([obj.country]).get(obj.country, obj.country),
            "language_name": language,
        }

    def approve(self, *, obj: Message, user, edits=None):
        return services.message_publish(message=obj, user=user)

    def published_url(self, published: Message) -> str:
        return published.dispute.get_absolute_url() + "#messages"
