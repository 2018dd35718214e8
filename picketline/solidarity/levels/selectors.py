"""The level of solidarity a dispute has reached: the highest level with evidence, and the
evidence itself, from the checks registered in `levels.checks`."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from picketline.core.versions import cached_under
from picketline.disputes.models import Dispute
from picketline.solidarity.levels.checks import check_versions, level_checks

LEVEL_NAMES = {
    0: _("No solidarity recorded yet"),
    1: _("Messages of solidarity"),
    2: _("Connecting the struggles"),
    3: _("Joint action"),
    4: _("One struggle"),
}
LEVEL_MEANINGS = {
    1: _("Workers elsewhere have sent messages of solidarity."),
    2: _("Other workplaces and unions are in regular contact: delegations, visits, meetings."),
    3: _("The dispute takes part in a joint action or day of action with others."),
    4: _("The dispute is part of a campaign with common demands across workplaces."),
}


@dataclass
class SolidarityLevel:
    level: int
    # (level, sentence) for every piece of evidence found, lowest level first.
    evidence: list[tuple[int, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(LEVEL_NAMES[self.level])

    @property
    def meaning(self) -> str:
        return str(LEVEL_MEANINGS.get(self.level, ""))


def solidarity_level(dispute: Dispute) -> SolidarityLevel:
    evidence = []
    for level, check in level_checks():
        sentence = _sentence(check, dispute)
        if sentence:
            evidence.append((level, sentence))
    reached = max((level for level, _sentence in evidence), default=0)
    return SolidarityLevel(level=reached, evidence=evidence)


def _sentence(check, dispute: Dispute) -> str | None:
    """The check's sentence for the dispute, from the cache when the check names the data
    versions it reads."""
    versions = check_versions(check)
    if not versions:
        return check(dispute)
    return cached_under(
        f"level-check:{check.__module__}.{check.__qualname__}:{dispute.pk}",
        names=versions,
        build=lambda: check(dispute),
    )
