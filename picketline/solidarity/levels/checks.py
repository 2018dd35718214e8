"""The evidence for each level of solidarity: a registry of checks, and the two built in.

The level a dispute has reached is derived from what has happened around it:

1. messages of solidarity from other workers;
2. connecting the struggles: delegations, visits, meetings;
3. joint action: part of a day of action;
4. one struggle: part of a campaign with common demands.

Each level has checks that return a sentence of evidence, or None. Apps that know about days of
action and campaigns add their checks with `level_check_register(3, check)`; until then levels
3 and 4 cannot be reached. A dispute's level is the highest level with evidence
(`levels.selectors.solidarity_level`).
"""

from collections.abc import Callable

from django.db.models import Count, Q
from django.utils.translation import ngettext

from picketline.disputes.models import Dispute
from picketline.solidarity.delegations.models import Delegation

# A sentence of evidence: plain text, or HTML marked safe when it isolates names (<bdi>).
Check = Callable[[Dispute], str | None]
_CHECKS: dict[int, list[Check]] = {1: [], 2: [], 3: [], 4: []}
_VERSIONS: dict[Check, tuple[str, ...]] = {}


def level_check_register(level: int, check: Check, *, versions: tuple[str, ...] = ()) -> None:
    """Adds a check of `level`. With `versions` (data versions, see core.versions, that cover
    every table the check reads), a dispute's sentence is kept in the cache until one of them
    moves; without, the check runs on every page."""
    if level not in _CHECKS:
        raise ValueError(f"solidarity levels run from 1 to 4, not {level}")
    if check not in _CHECKS[level]:
        _CHECKS[level].append(check)
    _VERSIONS[check] = tuple(versions)


def check_versions(check: Check) -> tuple[str, ...]:
    """The data versions a check's sentence may be kept under (none: run it every time)."""
    return _VERSIONS.get(check, ())


def level_checks() -> list[tuple[int, Check]]:
    """Every registered check with its level, lowest level first."""
    return [(level, check) for level in sorted(_CHECKS) for check in _CHECKS[level]]


def messages_received(dispute: Dispute) -> str | None:
    count = dispute.messages.filter(published_at__isnull=False).count()
    if not count:
        return None
    return ngettext(
        "%(count)d message of solidarity received.",
        "%(count)d messages of solidarity received.",
        count,
    ) % {"count": count}


def delegations_recorded(dispute: Dispute) -> str | None:
    counts = Delegation.objects.filter(
        Q(dispute=dispute) | Q(from_dispute=dispute), published_at__isnull=False
    ).aggregate(
        received=Count("id", filter=Q(dispute=dispute)),
        sent=Count("id", filter=Q(from_dispute=dispute)),
    )
    received, sent = counts["received"], counts["sent"]
    if not received and not sent:
        return None
    parts = []
    if received:
        parts.append(
            ngettext(
                "%(count)d delegation or visit received.",
                "%(count)d delegations or visits received.",
                received,
            )
            % {"count": received}
        )
    if sent:
        parts.append(
            ngettext(
                "%(count)d delegation sent to another dispute.",
                "%(count)d delegations sent to other disputes.",
                sent,
            )
            % {"count": sent}
        )
    return " ".join(parts)


def register_built_in_checks() -> None:
    level_check_register(1, messages_received, versions=("messages",))
    level_check_register(2, delegations_recorded, versions=("delegations",))
