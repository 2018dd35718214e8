"""Reads for delegations, and disputes connected to one another: by delegations, by an employer
or its group, or by a union still in struggle. Public: published delegations and public points
only, except `delegations_for_coordinators`."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from picketline.disputes.choices import MAP_STATUSES
from picketline.disputes.models import Dispute, Site
from picketline.organisations.models import Organisation
from picketline.solidarity.delegations.models import Delegation

CONNECTED_LIMIT = 8
PUBLIC_LIMIT = 20


def delegations_published(*, dispute: Dispute, limit: int = PUBLIC_LIMIT) -> list[Delegation]:
    """The newest delegations a moderator or coordinator made public, for the dispute's page."""
    return list(
        dispute.delegations.filter(published_at__isnull=False).select_related("from_dispute")[
            :limit
        ]
    )


def delegations_for_coordinators(*, dispute: Dispute) -> QuerySet[Delegation]:
    """Every delegation, published or waiting. Call only with a dispute the user may change."""
    return dispute.delegations.all()


@dataclass
class Connection:
    dispute: Dispute
    reasons: list[str] = field(default_factory=list)


def disputes_connected(*, dispute: Dispute, limit: int = CONNECTED_LIMIT) -> list[Connection]:
    """Other disputes linked to this one, delegations first, then the same employer or group,
    then the same union among disputes still going on. A fixed number of queries."""
    found: dict[int, Connection] = {}

    def add(ids, reason):
        for pk in ids:
            if pk != dispute.pk:
                found.setdefault(pk, Connection(dispute=None)).reasons.append(reason)

    links = Delegation.objects.filter(
        Q(dispute=dispute, from_dispute__isnull=False) | Q(from_dispute=dispute),
        published_at__isnull=False,
    ).values_list("dispute_id", "from_dispute_id")
    for to_id, from_id in links:
        if to_id == dispute.pk:
            add([from_id], _("Sent a delegation here"))
        else:
            add([to_id], _("Received a delegation from here"))
    # From the page's prefetched relations when they are there.
    employers = [(employer.pk, employer.parent_id) for employer in dispute.employers.all()]
    employer_ids = {pk for pk, _parent in employers}
    groups = {parent for _pk, parent in employers if parent} | employer_ids
    if employer_ids:
        # The group's organisations first, then their disputes, each through an index: an OR
        # across the join (employer, or employer's parent) made the database scan every link.
        group = Organisation.objects.filter(Q(pk__in=groups) | Q(parent_id__in=groups))
        links = Dispute.employers.through.objects.filter(organisation_id__in=group.values("pk"))
        same_employer = (
            Dispute.objects.filter(pk__in=links.values("dispute_id"))
            .exclude(pk=dispute.pk)
            .order_by("-start_date", "-id")
            .values_list("id", flat=True)
        )
        add(list(same_employer[:limit]), _("Same employer or group"))
    union_ids = [union.pk for union in dispute.unions.all()]
    if union_ids:
        same_union = (
            Dispute.objects.filter(unions__in=union_ids, status__in=MAP_STATUSES)
            .exclude(pk=dispute.pk)
            .order_by("-start_date", "-id")
            .values_list("id", flat=True)
            .distinct()
        )
        add(list(same_union[:limit]), _("Same union, also in struggle"))
    chosen = list(found.items())[:limit]
    disputes = Dispute.objects.only("id", "title", "slug", "status", "kind").in_bulk(
        [pk for pk, _connection in chosen]
    )
    connections = []
    for pk, connection in chosen:
        if pk in disputes:
            connection.dispute = disputes[pk]
            connections.append(connection)
    return connections


def connections_for_map(*, dispute: Dispute) -> list[dict]:
    """The disputes connected to one, each with one public point (or None), for the map."""
    connections = disputes_connected(dispute=dispute)
    points: dict[int, list[float]] = {}
    sites = Site.objects.filter(dispute__in=[c.dispute for c in connections]).order_by("id")
    for dispute_id, lat, lon in sites.values_list(
        "dispute_id", "public_latitude", "public_longitude"
    ):
        points.setdefault(dispute_id, [lat, lon])
    return [
        {
            "title": c.dispute.title,
            "url": c.dispute.get_absolute_url(),
            "reasons": [str(reason) for reason in c.reasons],
            "point": points.get(c.dispute.pk),
        }
        for c in connections
    ]
