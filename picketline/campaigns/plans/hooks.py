"""What plans add to other pages: the published parts on a campaign's and a dispute's public
page, and a link to the plan on a dispute's coordinators' page. Registered from
`campaigns.hooks.register()`."""

from django.urls import reverse

from picketline.campaigns.hooks import CampaignSection, campaign_section_register
from picketline.disputes.hooks import MANAGE, PUBLIC, DisputeSection, dispute_section_register

PUBLIC_TEMPLATE = "campaigns/plans/_public_section.html"


def public_section(request, owner) -> dict | None:
    from picketline.campaigns.plans.selectors import plan_public_parts

    parts = plan_public_parts(owner)
    return {"plan": parts} if parts else None


def manage_section(request, dispute) -> dict:
    from picketline.campaigns.plans.models import StrategicPlan

    return {
        "url": reverse("plans:dispute", kwargs={"slug": dispute.slug}),
        "exists": StrategicPlan.objects.filter(dispute=dispute).exists(),
    }


def register() -> None:
    from picketline.campaigns.plans import own_data

    own_data.register()
    campaign_section_register(
        CampaignSection(key="plan", order=50, template=PUBLIC_TEMPLATE, context=public_section)
    )
    dispute_section_register(
        DisputeSection(
            key="plan", page=PUBLIC, order=47, template=PUBLIC_TEMPLATE, context=public_section
        )
    )
    dispute_section_register(
        DisputeSection(
            key="plan",
            page=MANAGE,
            order=90,
            template="campaigns/plans/_manage_link.html",
            context=manage_section,
        )
    )
