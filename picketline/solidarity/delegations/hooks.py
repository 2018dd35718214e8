"""What the delegations part adds to dispute pages, the map and the moderation queue."""

from picketline.disputes.hooks import (
    MANAGE,
    DisputeSection,
    dispute_section_register,
    map_script_register,
)


def _manage(request, dispute) -> dict:
    from picketline.solidarity.delegations.selectors import delegations_for_coordinators

    return {"delegations": list(delegations_for_coordinators(dispute=dispute))}


def register() -> None:
    """Called once from the app's ready()."""
    from picketline.moderation.registry import moderation_register
    from picketline.solidarity.delegations.moderation import DelegationHandler

    moderation_register(DelegationHandler())
    map_script_register("js/map-connections.js")
    dispute_section_register(
        DisputeSection(
            key="delegations",
            page=MANAGE,
            order=50,
            template="solidarity/levels/_manage.html",
            context=_manage,
        )
    )
