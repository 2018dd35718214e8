"""What campaigns add to the apps they build on, registered once from the app's ready(): the
"one struggle" level of solidarity (level 4), a section on a dispute's page and on an
organisation's page naming its campaigns, the invitation role of a campaign's coordinators
and the campaigns a person coordinates among their own data."""

from collections.abc import Callable
from dataclasses import dataclass

from picketline.disputes.hooks import PUBLIC, DisputeSection, dispute_section_register
from picketline.organisations.hooks import PUBLIC as ORGANISATION_PAGE
from picketline.organisations.hooks import OrganisationSection, organisation_section_register

# --- sections other rooms add to a campaign's page (as `disputes.hooks` does for a dispute's)


@dataclass(frozen=True)
class CampaignSection:
    """A section of a campaign's public page: its template gets the dict `context(request,
    campaign)` returns as `section` (None shows nothing)."""

    key: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    data: dict


_SECTIONS: dict[str, CampaignSection] = {}


def campaign_section_register(section: CampaignSection) -> None:
    _SECTIONS[section.key] = section


def campaign_sections(*, request, campaign) -> list[RenderedSection]:
    """The sections other apps add to a campaign's page, in order, leaving out the empty."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        data = section.context(request, campaign)
        if data is not None:
            rendered.append(RenderedSection(key=section.key, template=section.template, data=data))
    return rendered


# The sections read campaigns and their links only.
SECTION_VERSIONS = ("campaigns",)


def dispute_section(request, dispute) -> dict | None:
    from picketline.campaigns.selectors import campaigns_of_dispute
    from picketline.core.versions import cached_under

    campaigns = cached_under(
        f"dispute-campaigns:{dispute.pk}",
        names=SECTION_VERSIONS,
        build=lambda: campaigns_of_dispute(dispute),
    )
    return {"campaigns": campaigns} if campaigns else None


def organisation_section(request, organisation) -> dict | None:
    from picketline.campaigns.selectors import campaigns_of_organisation
    from picketline.core.versions import cached_under

    campaigns = cached_under(
        f"organisation-campaigns:{organisation.pk}",
        names=SECTION_VERSIONS,
        build=lambda: campaigns_of_organisation(organisation),
    )
    return {"campaigns": campaigns} if campaigns else None


def register() -> None:
    from picketline.campaigns import own_data
    from picketline.campaigns.levels import VERSIONS, part_of_one_struggle
    from picketline.campaigns.roles import register_coordinator_role
    from picketline.solidarity.levels.checks import level_check_register

    level_check_register(4, part_of_one_struggle, versions=VERSIONS)
    register_coordinator_role()
    own_data.register()
    dispute_section_register(
        DisputeSection(
            key="campaigns",
            page=PUBLIC,
            order=45,
            template="campaigns/_dispute_section.html",
            context=dispute_section,
        )
    )
    organisation_section_register(
        OrganisationSection(
            key="campaigns",
            page=ORGANISATION_PAGE,
            order=35,
            template="campaigns/_organisation_section.html",
            context=organisation_section,
        )
    )
