"""What the library registers with the rooms below it: a section on an organisation's and on
a campaign's page with their newest public documents, and the resources a person uploaded
among their own data."""

# The sections read resources only, kept under their version.
SECTION_VERSIONS = ("resources",)


def _section(request, owner, key: str) -> dict | None:
    """The newest public documents, kept under the resources version; for the people who run
    the owner (signed in: anonymous readers cost no query), also the way to add one, so the
    section shows for them while the library is still empty."""
    from django.urls import reverse

    from picketline.core.versions import cached_under
    from picketline.resources import selectors

    def build():
        return {
            "documents": selectors.latest_public(owner),
            "library_url": selectors.library_url(owner),
        }

    data = cached_under(f"resources-of:{key}", names=SECTION_VERSIONS, build=build)
    if request.user.is_authenticated and selectors.user_manages_owner(request.user, owner):
        kind = selectors.owner_kind(owner)
        add_url = reverse(f"resources:{kind}_create", kwargs={"slug": owner.slug})
        return {**data, "add_url": add_url}
    return data if data["documents"] else None


def organisation_section(request, organisation) -> dict | None:
    return _section(request, organisation, f"organisation:{organisation.pk}:{organisation.slug}")


def campaign_section(request, campaign) -> dict | None:
    return _section(request, campaign, f"campaign:{campaign.pk}:{campaign.slug}")


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
