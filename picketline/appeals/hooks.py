"""What appeals register with the rooms below them: a section on a campaign's and on a
dispute's page listing their appeals, the personal data signatures keep, the two factors the
coordinators of an appeal need (they see supporters' names and addresses), and the hourly task
that forgets signatures nobody confirmed."""

# The sections read appeals and their signatures only, kept under their version.
SECTION_VERSIONS = ("appeals",)


def campaign_section(request, campaign) -> dict | None:
    appeals = _appeals_of(f"campaign:{campaign.pk}", campaign=campaign)
    return {"appeals": appeals} if appeals else None


def dispute_section(request, dispute) -> dict | None:
    appeals = _appeals_of(f"dispute:{dispute.pk}", dispute=dispute)
    return {"appeals": appeals} if appeals else None


def _appeals_of(key: str, **owner):
    from picketline.appeals.selectors import appeals_of
    from picketline.core.versions import cached_under

    return cached_under(
        f"appeals-of:{key}", names=SECTION_VERSIONS, build=lambda: appeals_of(**owner)
    )


def register() -> None:
    from picketline.accounts.two_factor import personal_data_holder_register
    from picketline.appeals import own_data
    from picketline.appeals.selectors import user_manages_appeals
    from picketline.appeals.tasks import unconfirmed_signatures_forget
    from picketline.campaigns.hooks import CampaignSection, campaign_section_register
    from picketline.core.reminders import reminder_task_register
    from picketline.disputes.hooks import PUBLIC, DisputeSection, dispute_section_register

    own_data.register()
    personal_data_holder_register("appeal-coordinators", user_manages_appeals)
    reminder_task_register(unconfirmed_signatures_forget)
    campaign_section_register(
        CampaignSection(
            key="appeals",
            order=10,
            template="appeals/_section.html",
            context=campaign_section,
        )
    )
    dispute_section_register(
        DisputeSection(
            key="appeals",
            page=PUBLIC,
            order=40,
            template="appeals/_section.html",
            context=dispute_section,
        )
    )
