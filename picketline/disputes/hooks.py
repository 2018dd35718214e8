"""How apps that build on the registry add to a dispute's pages without the registry knowing them.

An app registers a section in its `AppConfig.ready()`:

    dispute_section_register(DisputeSection(
        key="messages", page=PUBLIC, order=10,
        template="solidarity/messages/_section.html",
        context=lambda request, dispute: {...},   # or None to show nothing
    ))

The public dispute page renders each PUBLIC section in order; the coordinators' dashboard each
MANAGE section. A section's template gets its dict as `section` (plus `dispute` and `request`).
"""

from collections.abc import Callable
from dataclasses import dataclass

PUBLIC = "public"
MANAGE = "manage"


@dataclass(frozen=True)
class DisputeSection:
    key: str
    page: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    data: dict


_SECTIONS: dict[str, DisputeSection] = {}


def dispute_section_register(section: DisputeSection) -> None:
    if section.page not in {PUBLIC, MANAGE}:
        raise ValueError(f"unknown page {section.page!r}")
    _SECTIONS[f"{section.page}:{section.key}"] = section


def dispute_sections(*, request, dispute, page: str) -> list[RenderedSection]:
    """The sections other apps add to this page, in order, leaving out those with nothing."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if section.page != page:
            continue
        data = section.context(request, dispute)
        if data is not None:
            rendered.append(RenderedSection(key=section.key, template=section.template, data=data))
    return rendered


# Scripts other apps add to the map page, after the map's own. The map announces the dispute
# whose popup opens with a "picketline:dispute-selected" event on the document (detail: the
# Leaflet map, the dispute's properties and its point), and "picketline:dispute-unselected"
# when it closes.
_MAP_SCRIPTS: list[str] = []


def map_script_register(static_path: str) -> None:
    if static_path not in _MAP_SCRIPTS:
        _MAP_SCRIPTS.append(static_path)


def map_scripts() -> list[str]:
    return list(_MAP_SCRIPTS)
