"""Writes to the registry: disputes, their organisations, and their parts (sites, picket
shifts, strike actions, sources). Pages, the API, "Add a strike", the importer, the demo and
the admin all call these, so every rule and every audit entry is written once."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from picketline.core.audit import field_changes, log_action
from picketline.core.conflicts import EditConflict
from picketline.core.geo import coarsen, round_point
from picketline.core.text import normalize_name
from picketline.disputes.choices import Precision, Recurrence
from picketline.disputes.models import (
    Dispute,
    DisputeDemand,
    PicketShift,
    Site,
    Source,
    StrikeAction,
)
from picketline.organisations.models import Organisation

DISPUTE_FIELDS = (
    "title",
    "kind",
    "status",
    "outcome",
    "sector",
    "workers_involved",
    "workers_approximate",
    "demands_other",
    "description",
    "language",
    "start_date",
    "end_date",
    "authorised",
    "verification",
    "sensitive",
    "solidarity_email",
    "source_key",
    "is_demo",
)


def unique_slug(model, text: str, *, max_length: int = 200, exclude_pk=None) -> str:
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 1
    existing = model.objects.exclude(pk=exclude_pk)
    while existing.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def organisation_get_or_create(
    *, name: str, kind: str, country: str = "", is_demo: bool = False
) -> Organisation:
    name = " ".join(name.split())
    existing = Organisation.objects.filter(kind=kind, name=name, country=country).first()
    if existing:
        return existing
    organisation = Organisation.objects.create(
        name=name,
        name_key=normalize_name(name),
        kind=kind,
        country=country,
        slug=unique_slug(Organisation, name),
        is_demo=is_demo,
    )
    log_action(organisation, "organisation.created", data={"name": name, "kind": kind})
    return organisation


def search_text_for(
    *, title: str, employers: Iterable[str], unions: Iterable[str], description: str
) -> str:
    """The free-text search key of a dispute: its title, organisations and description."""
    return normalize_name(" ".join([title, *sorted(employers), *sorted(unions), description]))


def dispute_refresh_search_text(dispute: Dispute) -> None:
    text = search_text_for(
        title=dispute.title,
        employers=[o.name for o in dispute.employers.all()],
        unions=[o.name for o in dispute.unions.all()],
        description=dispute.description,
    )
    if text != dispute.search_text:
        dispute.search_text = text
        Dispute.objects.filter(pk=dispute.pk).update(search_text=text)


def _snapshot(dispute: Dispute) -> dict:
    data = {name: getattr(dispute, name) for name in DISPUTE_FIELDS}
    if dispute.pk:
        data["employers"] = sorted(dispute.employers.values_list("name", flat=True))
        data["unions"] = sorted(dispute.unions.values_list("name", flat=True))
        data["demands"] = sorted(dispute.demands.values_list("demand", flat=True))
    return data


@transaction.atomic
def dispute_create(
    *,
    title: str,
    employers: Iterable[Organisation] = (),
    unions: Iterable[Organisation] = (),
    demands: Iterable[str] = (),
    user=None,
    **fields,
) -> Dispute:
    unknown = set(fields) - set(DISPUTE_FIELDS)
    if unknown:
        raise TypeError(f"dispute_create() got unknown fields: {', '.join(sorted(unknown))}")
    dispute = Dispute(title=title, slug=unique_slug(Dispute, title), **fields)
    dispute.full_clean(exclude=["slug"])
    dispute.save()
    dispute.employers.set(employers)
    dispute.unions.set(unions)
    DisputeDemand.objects.bulk_create(
        DisputeDemand(dispute=dispute, demand=d) for d in sorted(set(demands))
    )
    dispute_refresh_search_text(dispute)
    log_action(
        dispute,
        "dispute.created",
        user=user,
        data={"changes": field_changes({}, _snapshot(dispute))},
    )
    return dispute


@transaction.atomic
def dispute_update(
    *,
    dispute: Dispute,
    user=None,
    employers: Iterable[Organisation] | None = None,
    unions: Iterable[Organisation] | None = None,
    demands: Iterable[str] | None = None,
    reason: str = "",
    version: int | None = None,
    **fields,
) -> Dispute:
    """Change fields and relations; logs exactly what changed. Returns the dispute.

    With `version` (what the editor's form was opened at), a dispute changed since then is
    refused with EditConflict instead of silently overwriting the other change.
    """
    unknown = set(fields) - set(DISPUTE_FIELDS)
    if unknown:
        raise TypeError(f"dispute_update() got unknown fields: {', '.join(sorted(unknown))}")
    # Read under the lock even without `version`: an instance loaded earlier must not write
    # back an older number, or a form opened before this change would then pass the check.
    current = Dispute.objects.select_for_update().only("version").get(pk=dispute.pk).version
    if version is not None and current != version:
        raise EditConflict(
            _(
                "Someone else changed this dispute after you opened it. Nothing was saved: "
                "reload the page to see their change, then make yours again."
            )
        )
    dispute.version = current
    before = _snapshot(dispute)
    for name, value in fields.items():
        setattr(dispute, name, value)
    dispute.full_clean(exclude=["slug"])
    dispute.version += 1
    dispute.save()
    if employers is not None:
        dispute.employers.set(employers)
    if unions is not None:
        dispute.unions.set(unions)
    if demands is not None:
        wanted = set(demands)
        dispute.demands.exclude(demand__in=wanted).delete()
        have = set(dispute.demands.values_list("demand", flat=True))
        DisputeDemand.objects.bulk_create(
            DisputeDemand(dispute=dispute, demand=d) for d in sorted(wanted - have)
        )
    if "sensitive" in fields and fields["sensitive"] != before["sensitive"]:
        for site in dispute.sites.all():
            set_public_point(site, sensitive=dispute.sensitive)
            site.save(update_fields=["public_latitude", "public_longitude", "updated_at"])
    dispute_refresh_search_text(dispute)
    changes = field_changes(before, _snapshot(dispute))
    if changes:
        log_action(dispute, "dispute.updated", user=user, data={"changes": changes}, reason=reason)
    return dispute


def set_public_point(site: Site, *, sensitive: bool) -> None:
    """Stores the point to the centimetre; the public sees it exactly, or coarsened when the
    dispute is sensitive. Every writer of sites (services, importer, seeding) calls this."""
    site.latitude, site.longitude = round_point(site.latitude, site.longitude)
    if sensitive:
        site.public_latitude, site.public_longitude = coarsen(site.latitude, site.longitude)
    else:
        site.public_latitude, site.public_longitude = site.latitude, site.longitude


def site_set_public_point(site: Site) -> None:
    """Sets what the public sees of a site (before a save made outside these services)."""
    set_public_point(site, sensitive=site.dispute.sensitive)


# --- a dispute's parts: sites, picket shifts, strike actions, sources -------------------------
#
# The coordinators' pages, the JSON API, "Add a strike", the importer and the demo all write
# a dispute's parts through these. Each one, inside its transaction, locks the dispute's row,
# so edits of one dispute's parts happen one at a time, and checks that the part it changes is
# still there: a part removed meanwhile is refused rather than written back to life. Each
# writes the dispute's audit entry. Parts carry no version of their own; the dispute's
# `version` guards its own fields (see dispute_update), and a part's edit does not move it,
# so adding a site does not make a coordinator's open dispute form stale.
#
# Audit entries name what changed under "fields", never "changes": the public history reads
# "changes" as the dispute's own fields, and a strike action's `kind` is not the dispute's.

SITE_FIELDS = (
    "name",
    "address",
    "city",
    "region",
    "country",
    "latitude",
    "longitude",
    "precision",
    "timezone",
)
ACTION_FIELDS = ("kind", "starts_at", "ends_at", "timezone", "note")
SHIFT_FIELDS = (
    "site",
    "starts_at",
    "ends_at",
    "timezone",
    "notes",
    "recurrence",
    "repeat_until",
    "capacity",
)
SOURCE_FIELDS = ("url", "kind", "title")


def _lock(dispute: Dispute) -> None:
    """Takes the dispute's row lock. Call inside a transaction."""
    Dispute.objects.select_for_update().filter(pk=dispute.pk).values_list("pk").first()


def _still_there(part) -> bool:
    """Whether a part read before the lock was taken still exists under it."""
    return type(part).objects.filter(pk=part.pk).exists()


def _check_still_there(part) -> None:
    if not _still_there(part):
        raise ValidationError(_("It no longer exists."), code="gone")


def _touch(dispute: Dispute) -> None:
    """Changing a site or shift changes the dispute as feeds and caches see it."""
    dispute.save(update_fields=["updated_at"])


def _values(obj, names) -> dict:
    return {
        name: (getattr(obj, f"{name}_id") if name == "site" else getattr(obj, name))
        for name in names
    }


def _set_fields(obj, allowed, fields: dict) -> dict:
    """Sets the given fields; returns {field: [old, new]} for those that changed."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    before = _values(obj, allowed)
    for name, value in fields.items():
        setattr(obj, name, value)
    return field_changes(before, _values(obj, allowed))


def _part_save(part, *, dispute: Dispute, action: str, data: dict, user) -> None:
    """Validates and saves a new or changed part, then logs it. Call under the dispute's lock."""
    part.full_clean()
    part.save()
    _touch(dispute)
    log_action(dispute, action, user=user, data=data)


def _part_remove(part, *, dispute: Dispute, action: str, data: dict, user) -> None:
    """Deletes a part of a dispute (site, strike action, shift, source): the dispute changes
    as feeds see it, and the audit log says what went. A part already gone is left alone."""
    _lock(dispute)
    if not _still_there(part):
        return
    part.delete()
    _touch(dispute)
    log_action(dispute, action, user=user, data=data)


@transaction.atomic
def site_create(
    *,
    dispute: Dispute,
    latitude: float,
    longitude: float,
    precision: str = Precision.CITY,
    user=None,
    **fields,
) -> Site:
    _lock(dispute)
    site = Site(
        dispute=dispute, latitude=latitude, longitude=longitude, precision=precision, **fields
    )
    set_public_point(site, sensitive=dispute.sensitive)
    site.full_clean()
    site.save()
    _touch(dispute)
    log_action(
        dispute,
        "dispute.site_added",
        user=user,
        data={"site": site.pk, "city": site.city, "country": site.country},
    )
    return site


@transaction.atomic
def site_update(*, site: Site, user=None, **fields) -> Site:
    _lock(site.dispute)
    _check_still_there(site)
    _set_fields(site, SITE_FIELDS, fields)
    set_public_point(site, sensitive=site.dispute.sensitive)
    _part_save(
        site, dispute=site.dispute, action="dispute.site_updated", data={"site": site.pk}, user=user
    )
    return site


@transaction.atomic
def site_delete(*, site: Site, user=None) -> None:
    """Removes a site and, with it, its picket shifts."""
    data = {"site": site.pk, "city": site.city, "country": site.country}
    _part_remove(site, dispute=site.dispute, action="dispute.site_removed", data=data, user=user)


@transaction.atomic
def shift_create(
    *,
    site: Site,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    timezone: str,
    notes: str = "",
    recurrence: str = "none",
    repeat_until: dt.date | None = None,
    capacity: int | None = None,
    user=None,
) -> PicketShift:
    _lock(site.dispute)
    _check_still_there(site)
    shift = PicketShift(
        site=site,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=timezone,
        notes=notes,
        recurrence=recurrence,
        repeat_until=repeat_until,
        capacity=capacity,
    )
    data = {"site": site.pk, "starts_at": starts_at.isoformat(), "recurrence": recurrence}
    _part_save(shift, dispute=site.dispute, action="dispute.shift_added", data=data, user=user)
    return shift


@transaction.atomic
def shift_update(*, shift: PicketShift, user=None, **fields) -> PicketShift:
    """Changes a shift; a new site must belong to the same dispute."""
    dispute = shift.site.dispute
    _lock(dispute)
    _check_still_there(shift)
    changed = _set_fields(shift, SHIFT_FIELDS, fields)
    if shift.site.dispute_id != dispute.pk:
        raise ValidationError({"site": _("Choose one of this dispute's sites.")})
    if shift.recurrence == Recurrence.NONE:
        shift.repeat_until = None
    data = {"shift": shift.pk, "fields": changed}
    _part_save(shift, dispute=dispute, action="dispute.shift_updated", data=data, user=user)
    return shift


@transaction.atomic
def shift_delete(*, shift: PicketShift, user=None) -> None:
    """Removes a picket shift, with every repeat of it."""
    data = {"shift": shift.pk, "site": shift.site_id, "starts_at": shift.starts_at.isoformat()}
    _part_remove(
        shift, dispute=shift.site.dispute, action="dispute.shift_removed", data=data, user=user
    )


@transaction.atomic
def action_create(
    *,
    dispute: Dispute,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    timezone: str,
    kind: str = "strike_day",
    note: str = "",
    user=None,
) -> StrikeAction:
    _lock(dispute)
    action = StrikeAction(
        dispute=dispute,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=timezone,
        kind=kind,
        note=note,
    )
    data = {"kind": kind, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()}
    _part_save(action, dispute=dispute, action="dispute.action_added", data=data, user=user)
    return action


@transaction.atomic
def action_update(*, action: StrikeAction, user=None, **fields) -> StrikeAction:
    _lock(action.dispute)
    _check_still_there(action)
    changed = _set_fields(action, ACTION_FIELDS, fields)
    data = {"action": action.pk, "fields": changed}
    _part_save(
        action, dispute=action.dispute, action="dispute.action_updated", data=data, user=user
    )
    return action


@transaction.atomic
def action_delete(*, action: StrikeAction, user=None) -> None:
    data = {"action": action.pk, "kind": action.kind, "starts_at": action.starts_at.isoformat()}
    _part_remove(
        action, dispute=action.dispute, action="dispute.action_removed", data=data, user=user
    )


@transaction.atomic
def source_create(
    *, dispute: Dispute, url: str, kind: str = "other", title: str = "", user=None
) -> Source:
    _lock(dispute)
    source = Source(dispute=dispute, url=url, kind=kind, title=title)
    data = {"url": url, "kind": kind}
    _part_save(source, dispute=dispute, action="dispute.source_added", data=data, user=user)
    return source


@transaction.atomic
def source_update(*, source: Source, user=None, **fields) -> Source:
    """Changes a source's address, title or tier (union, press, social media, other)."""
    _lock(source.dispute)
    _check_still_there(source)
    changed = _set_fields(source, SOURCE_FIELDS, fields)
    data = {"source": source.pk, "fields": changed}
    _part_save(
        source, dispute=source.dispute, action="dispute.source_updated", data=data, user=user
    )
    return source


@transaction.atomic
def source_delete(*, source: Source, user=None) -> None:
    data = {"source": source.pk, "url": source.url, "kind": source.kind}
    _part_remove(
        source, dispute=source.dispute, action="dispute.source_removed", data=data, user=user
    )


def organisations_for_names(*, names: Iterable[str], kind: str, country: str = ""):
    """The organisations these names refer to: a known one of the kind (whatever its spelling
    or country), else a new one."""
    found = []
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        existing = Organisation.objects.filter(kind=kind, name_key=normalize_name(name)).first()
        organisation = existing or organisation_get_or_create(name=name, kind=kind, country=country)
        if organisation not in found:
            found.append(organisation)
    return found


@transaction.atomic
def dispute_publish(
    *,
    user,
    title: str,
    employer_names: Iterable[str] = (),
    union_names: Iterable[str] = (),
    country: str = "",
    demands: Iterable[str] = (),
    sites: Iterable[dict] = (),
    sources: Iterable[dict] = (),
    coordinate: bool = False,
    **fields,
) -> Dispute:
    """Creates a published dispute with its organisations, sites and sources, all or nothing.

    For people trusted to publish without moderation (moderators, a verified union's account
    holders); the caller decides who that is. With `coordinate`, `user` becomes a coordinator.
    """
    dispute = dispute_create(
        title=title,
        employers=organisations_for_names(
            names=employer_names, kind=Organisation.Kind.EMPLOYER, country=country
        ),
        unions=organisations_for_names(
            names=union_names, kind=Organisation.Kind.UNION, country=country
        ),
        demands=demands,
        user=user,
        **fields,
    )
    for site in sites:
        site_create(dispute=dispute, user=user, **site)
    for source in sources:
        source_create(dispute=dispute, user=user, **source)
    if coordinate:
        dispute.coordinators.add(user)
        log_action(dispute, "dispute.coordinator_joined", user=user, data={"user": user.pk})
    log_action(dispute, "dispute.published", user=user, data={"direct": True})
    return dispute


# The names these services had before: branches written against them keep working until they
# are merged. New code uses the names above.
picket_shift_create = shift_create
picket_shift_update = shift_update
picket_shift_delete = shift_delete
strike_action_create = action_create
strike_action_update = action_update
strike_action_delete = action_delete
source_add = source_create
