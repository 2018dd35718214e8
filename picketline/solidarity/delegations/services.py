"""Writes for delegations, visits and meetings between workers (level 2): a coordinator records
one and it is public at once; anyone else tells of one and a moderator publishes it."""

from django.db import transaction
from django.utils import timezone

from picketline.core.audit import log_action
from picketline.core.text import plain_text
from picketline.disputes.models import Dispute
from picketline.solidarity.delegations.models import Delegation

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
