"""What the funds part adds to dispute pages and the moderation queue."""

from picketline.disputes.hooks import MANAGE, PUBLIC, DisputeSection, dispute_section_register


def _public(request, dispute) -> dict | None:
    from picketline.solidarity.funds.selectors import funds_public

    funds = funds_public(dispute=dispute)
    return {"funds": funds} if funds else None


def _manage(request, dispute) -> dict:
    from picketline.solidarity.funds.selectors import funds_for_treasurers

    return {"funds": funds_for_treasurers(dispute=dispute)}


def register() -> None:
    """Called once from the app's ready()."""
    from picketline.moderation.registry import moderation_register
    from picketline.solidarity.funds.moderation import FundHandler

    moderation_register(FundHandler())
    dispute_section_register(
        DisputeSection(
            key="funds",
            page=PUBLIC,
            order=20,
            template="solidarity/funds/_section.html",
            context=_public,
        )
    )
    dispute_section_register(
        DisputeSection(
            key="funds",
            page=MANAGE,
            order=20,
            template="solidarity/funds/_manage_section.html",
            context=_manage,
        )
    )
