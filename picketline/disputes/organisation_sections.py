"""What the registry adds to an organisation's public page, through `organisations.hooks`: the
disputes it supports, that is the disputes naming it or one of its branches as a union,
those people can still support first."""

from picketline.core.versions import cached_under
from picketline.disputes.cache import REGISTRY
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_public_queryset
from picketline.organisations.hooks import (
    PUBLIC,
    OrganisationSection,
    organisation_section_register,
)

SECTION_LIMIT = 10


def supported_disputes(request, organisation) -> dict | None:
    """Kept in the cache until the registry changes: the section's five queries (the disputes
    and what each shows) cost more than the rest of the organisation's page."""
    if organisation.is_employer:
        return None
    return cached_under(
        f"organisation-disputes:{organisation.pk}",
        names=(REGISTRY,),
        build=lambda: _supported_disputes(organisation),
    )


def _supported_disputes(organisation) -> dict | None:
    unions = [organisation.pk, *organisation.children.values_list("pk", flat=True)]
    # The links by union from their index, then those disputes by key: no DISTINCT over whole
    # dispute rows, which made a large union's page sort every one of its disputes twice.
    links = Dispute.unions.through.objects.filter(organisation_id__in=unions)
    disputes = list(
        dispute_public_queryset()
        .filter(pk__in=links.values("dispute_id"))
        .order_by("current_rank", "-start_date", "-id")[: SECTION_LIMIT + 1]
    )
    if not disputes:
        return None
    return {"disputes": disputes[:SECTION_LIMIT], "more": len(disputes) > SECTION_LIMIT}


def register() -> None:
    organisation_section_register(
        OrganisationSection(
            key="disputes",
            page=PUBLIC,
            order=20,
            template="disputes/_organisation_section.html",
            context=supported_disputes,
        )
    )
