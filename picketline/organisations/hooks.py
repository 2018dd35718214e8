"""How apps that build on organisations add to an organisation's and a chapter's public pages
without this app knowing them.

An app registers in its `AppConfig.ready()`:

    organisation_section_register(OrganisationSection(
        key="disputes", page=PUBLIC, order=20,
        template="disputes/_organisation_section.html",
        context=lambda request, organisation: {...},   # or None to show nothing
    ))

    organisation_count_register(OrganisationCount(
        key="members", order=10,
        count=lambda organisation: 1234,   # or None to show nothing
        label=lambda n: ngettext("%(n)s member", "%(n)s members", n) % {"n": n},
    ))

PUBLIC sections go on `/organisations/<slug>/` (the `slot` "actions" is near the top, under the
organisation's name: the place for a join button; "main" is after the demands and chapters).
CHAPTER sections go on a chapter's page and get the chapter instead of the organisation.
A section's template gets its dict as `section` (plus `organisation`, `chapter` and `request`).
Counts are public figures, never names: the page shows them beside the number of chapters.
"""

from collections.abc import Callable
from dataclasses import dataclass

PUBLIC = "public"
CHAPTER = "chapter"
ACTIONS = "actions"
MAIN = "main"


@dataclass(frozen=True)
class OrganisationSection:
    key: str
    page: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100
    slot: str = MAIN


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    slot: str
    data: dict


@dataclass(frozen=True)
class OrganisationCount:
    key: str
    count: Callable[..., int | None]
    # The figure in words, in the reader's language: label(n) → "1,234 members".
    label: Callable[[int], str]
    order: int = 100


_SECTIONS: dict[str, OrganisationSection] = {}
_COUNTS: dict[str, OrganisationCount] = {}


def organisation_section_register(section: OrganisationSection) -> None:
    if section.page not in {PUBLIC, CHAPTER}:
        raise ValueError(f"unknown page {section.page!r}")
    if section.slot not in {ACTIONS, MAIN}:
        raise ValueError(f"unknown slot {section.slot!r}")
    _SECTIONS[f"{section.page}:{section.key}"] = section


def organisation_count_register(count: OrganisationCount) -> None:
    _COUNTS[count.key] = count


def organisation_sections(*, request, subject, page: str) -> list[RenderedSection]:
    """The sections other apps add to this page (`subject` is the organisation, or the chapter
    on a CHAPTER page), in order, leaving out those with nothing to show."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if section.page != page:
            continue
        data = section.context(request, subject)
        if data is not None:
            rendered.append(
                RenderedSection(
                    key=section.key, template=section.template, slot=section.slot, data=data
                )
            )
    return rendered


def organisation_counts(*, organisation) -> list[tuple[str, int, str]]:
    """(key, figure, label) of each registered count with something to say, in order."""
    counts = []
    for count in sorted(_COUNTS.values(), key=lambda c: (c.order, c.key)):
        figure = count.count(organisation)
        if figure is not None:
            counts.append((count.key, figure, count.label(figure)))
    return counts
