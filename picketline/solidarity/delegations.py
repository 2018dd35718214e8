"""Delegations, visits and meetings between workers (level 2), and disputes connected to one
another: by delegations, by an employer or its group, or by a union still in struggle."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.core.text import plain_text
from picketline.disputes.choices import MAP_STATUSES
from picketline.disputes.models import Dispute
from picketline.solidarity.models import Delegation

CONNECTED_LIMIT = 8


KIND = "delegation"


def _delegation(*, dispute: Dispute, user, published: bool, **fields) -> Delegation:
    for name in ("group_name", "description"):
        if name in fields:
            fields[name] = plain_text(fields[name])
    delegation = Delegation(
        dispute=dispute,
        added_by=user if user is not None and user.is_authenticated else None,
        published_at=timezone.now() if published else None,
        **fields,
    )
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_add(*, dispute: Dispute, user, **fields) -> Delegation:
    """A coordinator records a delegation: public at once."""
    delegation = _delegation(dispute=dispute, user=user, published=True, **fields)
    log_action(
        dispute,
        "dispute.delegation_added",
        user=user,
        data={"delegation": delegation.pk, "kind": delegation.kind},
    )
    return delegation


@transaction.atomic
def delegation_report(*, dispute: Dispute, user=None, **fields) -> Delegation:
    """Anyone tells of a delegation: it waits in the moderation queue."""
    from picketline.moderation.services import moderation_submit

    delegation = _delegation(dispute=dispute, user=user, published=False, **fields)
    moderation_submit(obj=delegation, kind=KIND, user=user)
    return delegation


def delegation_publish(*, delegation: Delegation, user) -> Delegation:
    """Called by the moderation queue, inside its transaction."""
    delegation.published_at = timezone.now()
    delegation.save(update_fields=["published_at", "updated_at"])
    log_action(
        delegation.dispute,
        "dispute.delegation_added",
        user=user,
        data={"delegation": delegation.pk, "kind": delegation.kind},
    )
    return delegation


@transaction.atomic
def delegation_remove(*, delegation: Delegation, user) -> None:
    dispute = delegation.dispute
    log_action(dispute, "dispute.delegation_removed", user=user, data={"delegation": delegation.pk})
    delegation.delete()


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
        same_employer = (
            Dispute.objects.filter(
                Q(employers__in=employer_ids)
                | Q(employers__parent__in=groups)
                | Q(employers__in=groups)
            )
            .exclude(pk=dispute.pk)
            .order_by("-start_date", "-id")
            .values_list("id", flat=True)
            .distinct()
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
