"""Level 4 of solidarity, one struggle, as evidence for a dispute's badge: it belongs to a
campaign in which disputes in at least two countries have adopted every common demand and
acted together (`selectors.campaign_one_struggle`, kept by `campaign_level`)."""

from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from picketline.campaigns.models import Campaign, CampaignDispute
from picketline.campaigns.selectors import PAGE_VERSIONS, campaign_level
from picketline.disputes.models import Dispute
from picketline.places.countries import country_names

# The tables the check reads: campaigns, the events and days of action, the disputes' sites.
VERSIONS = PAGE_VERSIONS


def _quoted(titles) -> str:
    # Each title isolated (<bdi>): a title in another script keeps its quotation marks around it.
    return format_html_join(", ", "“<bdi>{}</bdi>”", ((title,) for title in titles))


def part_of_one_struggle(dispute: Dispute) -> str | None:
    campaigns = Campaign.objects.filter(
        pk__in=CampaignDispute.objects.filter(dispute=dispute).values("campaign_id")
    ).order_by("title", "id")
    sentences = []
    for campaign in campaigns.only("id", "title"):
        struggle = campaign_level(campaign.pk)
        if struggle is None:
            continue
        names = country_names(struggle.countries)
        sentence = _(
            "Part of the campaign %(campaign)s: disputes in %(countries)s have adopted its "
            "common demands and acted together in %(actions)s."
        )
        sentences.append(
            escape(sentence)
            % {
                "campaign": _quoted([campaign.title]),
                "countries": escape(", ".join(names[code] for code in struggle.countries)),
                "actions": _quoted(struggle.actions),
            }
        )
    if not sentences:
        return None
    return mark_safe(" ".join(sentences))  # every part is escaped
