"""How the moderation queue handles delegations that supporters tell us about."""

from django.utils.translation import gettext_lazy as _

from picketline.moderation.registry import Facets, ModerationHandler
from picketline.solidarity.delegations.models import Delegation
from picketline.solidarity.delegations.services import KIND, delegation_publish


class DelegationHandler(ModerationHandler):
    kind = KIND
    label = _("Delegations and visits")
    detail_template = "solidarity/levels/moderation.html"

    def facets(self, obj: Delegation) -> Facets:
        return Facets(
            summary=f"{obj.group_name} — {obj.dispute.title}",
            country=obj.country,
            category=obj.kind,
        )

    def approve(self, *, obj: Delegation, user, edits=None):
        return delegation_publish(delegation=obj, user=user)

    def published_url(self, published: Delegation) -> str:
        return published.dispute.get_absolute_url()
