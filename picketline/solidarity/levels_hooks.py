"""The level of solidarity, delegations and connected disputes on a dispute's pages."""

from picketline.disputes.hooks import (
    MANAGE,
    PUBLIC,
    DisputeSection,
    dispute_section_register,
    map_script_register,
)
from picketline.moderation.registry import moderation_register
from picketline.solidarity.delegations import disputes_connected
from picketline.solidarity.delegations_moderation import DelegationHandler
from picketline.solidarity.levels import (
    LEVEL_MEANINGS,
    LEVEL_NAMES,
    register_built_in_checks,
    solidarity_level,
)


def _public(request, dispute) -> dict:
    return {
        "level": solidarity_level(dispute),
        "levels": [(n, LEVEL_NAMES[n], LEVEL_MEANINGS[n]) for n in (1, 2, 3, 4)],
        "delegations": list(
            dispute.delegations.filter(published_at__isnull=False).select_related("from_dispute")[
                :20
            ]
        ),
        "connected": disputes_connected(dispute=dispute),
    }


def _manage(request, dispute) -> dict:
    return {"delegations": list(dispute.delegations.all())}


def register() -> None:
    register_built_in_checks()
    moderation_register(DelegationHandler())
    map_script_register("js/map-connections.js")
    dispute_section_register(
        DisputeSection(
            key="solidarity_level",
            page=PUBLIC,
            order=5,
            template="solidarity/levels/_section.html",
            context=_public,
        )
    )
    dispute_section_register(
        DisputeSection(
            key="delegations",
            page=MANAGE,
            order=50,
            template="solidarity/levels/_manage.html",
            context=_manage,
        )
    )
