"""What the library registers with the rooms below it: a section on an organisation's and on
a campaign's page with their newest public documents, and the resources a person uploaded
among their own data."""

# The sections read resources only, kept under their version.
SECTION_VERSIONS = ("resources",)


def _section(owner, key: str) -> dict | None:
    from picketline.core.versions import cached_under
    from picketline.resources import selectors

    def build():
        return {
            "documents": selectors.latest_public(owner),
            "library_url": selectors.library_url(owner),
        }

    data = cached_under(f"resources-of:{key}", names=SECTION_VERSIONS, build=build)
    return data if data["documents"] else None


def organisation_section(request, organisation) -> dict | None:
    return _section(organisation, f"organisation:{organisation.pk}:{organisation.slug}")


def campaign_section(request, campaign) -> dict | None:
    return _section(campaign, f"campaign:{campaign.pk}:{campaign.slug}")


def register() -> None:
    from picketline.campaigns.hooks import CampaignSection, campaign_section_register
    from picketline.organisations.hooks import (
        MAIN,
        PUBLIC,
        OrganisationSection,
        organisation_section_register,
    )
    from picketline.resources import own_data

    own_data.register()
    campaign_section_register(
        CampaignSection(
            key="resources",
            order=30,
            template="resources/_section.html",
            context=campaign_section,
        )
    )
    organisation_section_register(
        OrganisationSection(
            key="resources",
            page=PUBLIC,
            slot=MAIN,
            order=60,
            template="resources/_section.html",
            context=organisation_section,
        )
    )
