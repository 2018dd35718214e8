"""How the moderation queue handles funds: a moderator checks how to give before the public
sees it (a scam link on a strike page would cost the strikers more than no fund at all)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.moderation.registry import Facets, ModerationHandler
from picketline.solidarity.funds import services
from picketline.solidarity.funds.models import Fund, FundKind
from picketline.solidarity.funds.money import format_amount


class FundHandler(ModerationHandler):
    kind = services.FUND_KIND
    label = _("Strike funds")
    detail_template = "solidarity/funds/moderation/fund.html"
    categories = FundKind.choices

    def facets(self, obj: Fund) -> Facets:
        country = obj.dispute.sites.exclude(country="").values_list("country", flat=True).first()
        return Facets(
            summary=f"{obj.name} — {obj.dispute.title}",
            country=country or "",
            category=obj.kind,
        )

    def detail_context(self, obj: Fund) -> dict:
        target = format_amount(obj.target_minor, obj.currency) if obj.target_minor else ""
        return {"fund_target": target}

    def approve(self, *, obj: Fund, user, edits=None):
        return services.fund_verify(fund=obj, user=user)

    def reject(self, *, obj: Fund, user, reason: str) -> None:
        # Nothing to undo: the fund stays unverified, so hidden, until it changes and is
        # checked again.
        return None

    def published_url(self, published: Fund) -> str:
        return reverse(
            "solidarity:fund_detail", kwargs={"slug": published.dispute.slug, "pk": published.pk}
        )
