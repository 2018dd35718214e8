"""Writing imported rows to the registry in batches.

A row at a time through `dispute_create` costs some twenty queries; an import of fifteen
thousand rows needs a few per batch instead. So this module writes with bulk queries and keeps,
batch by batch, every invariant the registry services keep:

- slugs unique, made as `unique_slug` makes them (the title's slug, then -2, -3 …);
- organisations found or created as `organisation_get_or_create` does, each new one logged
  as `organisation.created`;
- `search_text` holding the words `dispute_refresh_search_text` puts there;
- a site's point rounded to the centimetre, its public point equal to it, or coarsened when
  the dispute is sensitive;
- one audit entry per created dispute (`dispute.imported`) and per changed one
  (`dispute.import_updated`), holding the changes as `dispute.created`/`dispute.updated` do;
- `updated_at` moved on every dispute that changed, so feeds and caches see the change.
"""

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import available_timezones

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from picketline.core.audit import field_changes
from picketline.core.models import AuditEntry
from picketline.core.text import normalize_name
from picketline.disputes.importing.rows import ImportRow
from picketline.disputes.models import Dispute, DisputeDemand, Site, Source
from picketline.disputes.services import DISPUTE_FIELDS, search_text_for, set_public_point
from picketline.organisations.models import Organisation

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
SLUG_LENGTH = 200  # as unique_slug: room left for a "-123" suffix
_TIMEZONES = available_timezones()


class SlugAllocator:
    """Unique slugs for many new rows at once, as `unique_slug` picks them one by one.

    Each title gets the first free slug of base, base-2, base-3 …; candidates are checked
    against the database in one indexed query per round instead of one query per candidate.
    """

    def __init__(self, model):
        self.model = model
        self._next: dict[str, int] = {}  # slug base → the next number to try
        self._given: set[str] = set()  # slugs handed out in this run

    def _base(self, text: str) -> str:
        base = slugify(text, allow_unicode=True)[:SLUG_LENGTH].strip("-")
        return base or self.model._meta.model_name

    def _candidate(self, base: str) -> str:
        n = self._next.get(base, 1)
        self._next[base] = n + 1
        return base if n == 1 else f"{base}-{n}"

    def allocate(self, texts: Iterable[str]) -> list[str]:
        bases = [self._base(text) for text in texts]
        free: dict[str, list[str]] = {base: [] for base in bases}
        wanted = Counter(bases)
        while wanted:
            candidates: dict[str, str] = {}  # slug → base
            for base, count in wanted.items():
                for _ in range(count):
                    slug = self._candidate(base)
                    if slug not in self._given and slug not in candidates:
                        candidates[slug] = base
            taken = set()
            for chunk in itertools.batched(candidates, 500):
                taken.update(
                    self.model.objects.filter(slug__in=chunk).values_list("slug", flat=True)
                )
            for slug, base in candidates.items():
                if slug not in taken:
                    free[base].append(slug)
                    self._given.add(slug)
            wanted = Counter(
                {base: count - len(free[base]) for base, count in Counter(bases).items()}
            )
            wanted = +wanted  # keeps the bases still short of slugs
        # Hand out each base's slugs in order, so the first row gets the plain one.
        for slugs in free.values():
            slugs.reverse()
        return [free[base].pop() for base in bases]


@dataclass
class ImportContext:
    """What one import run remembers between batches."""

    mapping: str
    file: str
    organisations: dict[tuple[str, str, str], int] = field(default_factory=dict)
    dispute_slugs: SlugAllocator = field(default_factory=lambda: SlugAllocator(Dispute))
    organisation_slugs: SlugAllocator = field(default_factory=lambda: SlugAllocator(Organisation))


def _location_text(site: Site | None) -> str:
    if site is None:
        return ""
    place = ", ".join(part for part in (site.city, site.region, site.country) if part)
    return f"{place} ({site.precision}) {site.latitude:.5f},{site.longitude:.5f}"


def _snapshot(
    dispute: Dispute,
    *,
    employers: list[str],
    unions: list[str],
    demands: list[str],
    site: Site | None,
    sources: list[str],
) -> dict:
    data = {name: getattr(dispute, name) for name in DISPUTE_FIELDS}
    data.update(
        employers=sorted(employers),
        unions=sorted(unions),
        demands=sorted(demands),
        location=_location_text(site),
        sources=sorted(sources),
    )
    return data


def _organisations(rows: list[ImportRow], context: ImportContext) -> None:
    """Find or create every employer and union the rows name; remember their ids."""
    wanted: set[tuple[str, str, str]] = set()
    for row in rows:
        for kind, names in (
            (Organisation.Kind.EMPLOYER, row.employers),
            (Organisation.Kind.UNION, row.unions),
        ):
            for name in names or ():
                key = (str(kind), name, row.country)
                if key not in context.organisations:
                    wanted.add(key)
    if not wanted:
        return
    groups: dict[tuple[str, str], list[str]] = {}
    for kind, name, country in sorted(wanted):
        groups.setdefault((kind, country), []).append(name)
    for (kind, country), names in groups.items():
        for chunk in itertools.batched(names, 500):
            for pk, name in Organisation.objects.filter(
                kind=kind, country=country, name__in=chunk
            ).values_list("pk", "name"):
                context.organisations[kind, name, country] = pk
    missing = sorted(key for key in wanted if key not in context.organisations)
    if not missing:
        return
    slugs = context.organisation_slugs.allocate(name for _, name, _ in missing)
    created = Organisation.objects.bulk_create(
        Organisation(
            name=name, name_key=normalize_name(name), kind=kind, country=country, slug=slug
        )
        for (kind, name, country), slug in zip(missing, slugs, strict=True)
    )
    content_type = ContentType.objects.get_for_model(Organisation)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=content_type,
            object_id=str(organisation.pk),
            action="organisation.created",
            data={"name": organisation.name, "kind": organisation.kind},
        )
        for organisation in created
    )
    for organisation in created:
        context.organisations[organisation.kind, organisation.name, organisation.country] = (
            organisation.pk
        )


def _site(row: ImportRow, dispute: Dispute, site: Site | None = None) -> Site:
    location = row.location
    site = site or Site(dispute=dispute)
    site.latitude, site.longitude = location.latitude, location.longitude
    site.precision = location.precision
    site.city = location.city[:120]
    site.region = location.region[:120]
    site.country = location.country
    site.timezone = location.timezone if location.timezone in _TIMEZONES else "UTC"
    set_public_point(site, sensitive=dispute.sensitive)
    if site.pk:
        site.updated_at = timezone.now()
    return site


def _same_site(site: Site, row: ImportRow, dispute: Dispute) -> bool:
    wanted = _site(row, dispute, Site(dispute=dispute))
    return all(
        getattr(site, name) == getattr(wanted, name)
        for name in ("latitude", "longitude", "precision", "city", "region", "country", "timezone")
    )


@transaction.atomic
def dispute_import_batch(*, rows: list[ImportRow], context: ImportContext) -> list[str]:
    """Create or update the disputes of `rows` (keys unique within the batch).

    Returns, for each row in order, CREATED, UPDATED or UNCHANGED.
    """
    _organisations(rows, context)
    existing = {
        dispute.source_key: dispute
        for dispute in Dispute.objects.filter(source_key__in=[row.source_key for row in rows])
    }
    related = _Related(existing.values())
    writes = _Writes(context)
    outcomes = []
    for row in rows:
        dispute = existing.get(row.source_key)
        if dispute is None:
            writes.create(row)
            outcomes.append(CREATED)
        else:
            outcomes.append(writes.update(row, dispute, related))
    writes.save()
    return outcomes


class _Related:
    """What the existing disputes of a batch are linked to, read as plain values.

    An imported dispute has one site: the first one, which re-imports move.
    """

    def __init__(self, disputes: Iterable[Dispute]):
        ids = [dispute.pk for dispute in disputes]
        self.employers = self._values(Dispute.employers.through, "organisation__name", ids)
        self.unions = self._values(Dispute.unions.through, "organisation__name", ids)
        self.demands = self._values(DisputeDemand, "demand", ids)
        self.sources = self._values(Source, "url", ids)
        self.sites: dict[int, Site] = {}
        if ids:
            for site in Site.objects.filter(dispute_id__in=ids).order_by("-id"):
                self.sites[site.dispute_id] = site

    @staticmethod
    def _values(model, name: str, ids: list[int]) -> defaultdict[int, list[str]]:
        values = defaultdict(list)
        if ids:
            for dispute_id, value in model.objects.filter(dispute_id__in=ids).values_list(
                "dispute_id", name
            ):
                values[dispute_id].append(value)
        return values


class _Writes:
    """The inserts and updates of one batch, gathered so each table is written once."""

    def __init__(self, context: ImportContext):
        self.context = context
        self.new: list[tuple[ImportRow, Dispute]] = []
        self.changed: list[tuple[ImportRow, Dispute, dict]] = []
        self.new_sites: list[Site] = []
        self.changed_sites: list[Site] = []
        self.new_sources: list[Source] = []
        # Organisation links to add, and the disputes whose old links go first.
        self.linked: dict[str, list[tuple[Dispute, list[int]]]] = {"employers": [], "unions": []}
        self.replaced: dict[str, set[int]] = {"employers": set(), "unions": set()}
        self.audit: list[AuditEntry] = []
        self.content_type = ContentType.objects.get_for_model(Dispute)

    def _ids(self, row: ImportRow, relation: str, names: list[str]) -> list[int]:
        kind = Organisation.Kind.EMPLOYER if relation == "employers" else Organisation.Kind.UNION
        return list(
            dict.fromkeys(self.context.organisations[kind, name, row.country] for name in names)
        )

    def _log(self, dispute: Dispute, action: str, row: ImportRow, changes: dict) -> None:
        self.audit.append(
            AuditEntry(
                content_type=self.content_type,
                object_id=str(dispute.pk),
                action=action,
                data={
                    "changes": changes,
                    "import": {
                        "mapping": self.context.mapping,
                        "file": self.context.file,
                        "line": row.line,
                    },
                },
            )
        )

    def create(self, row: ImportRow) -> None:
        dispute = Dispute(source_key=row.source_key, **row.fields)
        dispute.search_text = search_text_for(
            title=dispute.title,
            employers=row.employers or [],
            unions=row.unions or [],
            description=dispute.description,
        )
        self.new.append((row, dispute))

    def update(self, row: ImportRow, dispute: Dispute, related: "_Related") -> str:
        employers = related.employers[dispute.pk]
        unions = related.unions[dispute.pk]
        demands = related.demands[dispute.pk]
        site = related.sites.get(dispute.pk)
        sources = related.sources[dispute.pk]
        before = _snapshot(
            dispute, employers=employers, unions=unions, demands=demands, site=site, sources=sources
        )
        for name, value in row.fields.items():
            setattr(dispute, name, value)
        if row.employers is not None:
            employers = row.employers
        if row.unions is not None:
            unions = row.unions
        new_site = None
        if row.location is not None and (site is None or not _same_site(site, row, dispute)):
            new_site = _site(row, dispute, site)
        if row.source_url and row.source_url not in sources:
            sources = [*sources, row.source_url]
        after = _snapshot(
            dispute,
            employers=employers,
            unions=unions,
            demands=demands,
            site=new_site or site,
            sources=sources,
        )
        changes = field_changes(before, after)
        if not changes:
            return UNCHANGED
        dispute.search_text = search_text_for(
            title=dispute.title,
            employers=employers,
            unions=unions,
            description=dispute.description,
        )
        dispute.updated_at = timezone.now()
        self.changed.append((row, dispute, changes))
        for kind, names in (("employers", row.employers), ("unions", row.unions)):
            if names is not None and kind in changes:
                self.replaced[kind].add(dispute.pk)
                self.linked[kind].append((dispute, self._ids(row, kind, names)))
        if new_site is not None:
            (self.changed_sites if new_site.pk else self.new_sites).append(new_site)
        if "sources" in changes:
            self.new_sources.append(self._source(row, dispute))
        return UPDATED

    def _source(self, row: ImportRow, dispute: Dispute) -> Source:
        return Source(
            dispute=dispute, url=row.source_url, kind=row.source_kind, title=row.source_title
        )

    def save(self) -> None:
        if self.new:
            slugs = self.context.dispute_slugs.allocate(d.title for _, d in self.new)
            for (_, dispute), slug in zip(self.new, slugs, strict=True):
                dispute.slug = slug
            Dispute.objects.bulk_create([dispute for _, dispute in self.new])
            for row, dispute in self.new:
                for kind, names in (("employers", row.employers), ("unions", row.unions)):
                    if names:
                        self.linked[kind].append((dispute, self._ids(row, kind, names)))
                site = _site(row, dispute) if row.location is not None else None
                if site is not None:
                    self.new_sites.append(site)
                if row.source_url:
                    self.new_sources.append(self._source(row, dispute))
                snapshot = _snapshot(
                    dispute,
                    employers=row.employers or [],
                    unions=row.unions or [],
                    demands=[],
                    site=site,
                    sources=[row.source_url] if row.source_url else [],
                )
                self._log(dispute, "dispute.imported", row, field_changes({}, snapshot))
        if self.changed:
            names = sorted(
                {name for row, _, _ in self.changed for name in row.fields}
                | {"search_text", "updated_at"}
            )
            Dispute.objects.bulk_update([dispute for _, dispute, _ in self.changed], names)
            for row, dispute, changes in self.changed:
                self._log(dispute, "dispute.import_updated", row, changes)
        for relation, links in self.linked.items():
            through = getattr(Dispute, relation).through
            if self.replaced[relation]:
                through.objects.filter(dispute_id__in=self.replaced[relation]).delete()
            through.objects.bulk_create(
                through(dispute_id=dispute.pk, organisation_id=pk)
                for dispute, pks in links
                for pk in pks
            )
        Site.objects.bulk_create(self.new_sites)
        if self.changed_sites:
            Site.objects.bulk_update(
                self.changed_sites,
                [
                    "latitude",
                    "longitude",
                    "public_latitude",
                    "public_longitude",
                    "precision",
                    "city",
                    "region",
                    "country",
                    "timezone",
                    "updated_at",
                ],
            )
        Source.objects.bulk_create(self.new_sources)
        AuditEntry.objects.bulk_create(self.audit)
