"""How the moderation queue handles an organisation's endorsement of a charter: moderators
verify that the organisation is real and means it before it counts and shows."""

from django.utils.translation import gettext_lazy as _

from picketline.charters import services
from picketline.charters.models import Endorsement
from picketline.moderation.registry import Facets, ModerationHandler
from picketline.places.countries import country_name


class EndorsementHandler(ModerationHandler):
    kind = services.KIND
    label = _("Endorsements of charters")
    detail_template = "charters/moderation.html"

    def facets(self, obj: Endorsement) -> Facets:
        return Facets(summary=f"{obj.name} — {obj.charter.title}", country=obj.country)

    def detail_context(self, obj: Endorsement) -> dict:
        return {"country_name": country_name(obj.country)}

    def contact_email(self, obj: Endorsement) -> str:
        return obj.email

    def contact_language(self, obj: Endorsement) -> str:
        return obj.language

    def approve(self, *, obj: Endorsement, user, edits=None):
        return services.endorsement_verify(endorsement=obj, user=user)

    def reject(self, *, obj: Endorsement, user, reason: str) -> None:
        services.endorsement_reject(endorsement=obj, user=user)

    def published_url(self, published: Endorsement) -> str:
        return published.charter.get_absolute_url() + "#endorsements"
