"""What the levels part adds to dispute pages: the level of solidarity reached and why, with
the delegations and connected disputes that are its evidence at level 2."""

from picketline.disputes.hooks import PUBLIC, DisputeSection, dispute_section_register

# What the connected disputes and the delegations are read from: the registry (titles, status,
# employers, unions) and the delegations.
CONNECTIONS_VERSIONS = ("registry", "delegations")


def _public(request, dispute) -> dict:
    from picketline.core.versions import cached_under
    from picketline.solidarity.delegations.selectors import (
        delegations_published,
        disputes_connected,
    )
    from picketline.solidarity.levels.selectors import (
        LEVEL_MEANINGS,
        LEVEL_NAMES,
        solidarity_level,
    )

    return {
        "level": solidarity_level(dispute),
        "levels": [(n, LEVEL_NAMES[n], LEVEL_MEANINGS[n]) for n in (1, 2, 3, 4)],
        # Both take several queries each and change only with the registry or a delegation.
        **cached_under(
            f"solidarity-connections:{dispute.pk}",
            names=CONNECTIONS_VERSIONS,
            build=lambda: {
                "delegations": delegations_published(dispute=dispute),
                "connected": disputes_connected(dispute=dispute),
            },
        ),
    }


def register() -> None:
    """Called once from the app's ready()."""
    from picketline.solidarity.levels.checks import register_built_in_checks

    register_built_in_checks()
    dispute_section_register(
        DisputeSection(
            key="solidarity_level",
            page=PUBLIC,
            order=5,
            template="solidarity/levels/_section.html",
            context=_public,
        )
    )
