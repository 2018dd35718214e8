"""Changing the library: adding a resource (a file, checked from its content, or an https
link), editing it, replacing its file, removing it. Each write is audited; files are written
to storage only once the upload has passed every check, and removed again when the row cannot
be written, so a refused upload leaves nothing behind."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.resources.files import Inspected, inspect_upload
from picketline.resources.models import IMAGE_TYPES, Resource, ResourceKind, Visibility
from picketline.resources.selectors import ORGANISATION, owner_kind
from picketline.resources.storage import resource_storage

TEXT_FIELDS = ("title", "description", "kind", "language", "visibility")


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link and not link.lower().startswith("https://"):
        raise ValidationError({"link": _("A link must start with https://.")}, code="not_https")
    return link


def _check_fields(fields: dict) -> dict:
    fields = {name: fields[name] for name in TEXT_FIELDS if name in fields}
    languages = {code for code, _name in settings.CONTENT_LANGUAGES}
    if fields.get("language") not in languages:
        raise ValidationError({"language": _("Choose one of the content languages.")})
    if fields.get("kind") not in ResourceKind.values:
        raise ValidationError({"kind": _("Choose what kind of resource this is.")})
    if fields.get("visibility", Visibility.PUBLIC) not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who sees this resource.")})
    fields["title"] = (fields.get("title") or "").strip()
    fields["description"] = (fields.get("description") or "").strip()
    if not fields["title"]:
        raise ValidationError({"title": _("Give the resource a title.")})
    return fields


def _check_kind(kind: str, *, content_type: str, link: str) -> None:
    if kind == ResourceKind.VIDEO and not link:
        raise ValidationError(
            {"link": _("A video is shared as a link (https://…) to where it is hosted.")},
            code="video_link",
        )
    if kind == ResourceKind.IMAGE and content_type and content_type not in IMAGE_TYPES:
        raise ValidationError(
            {"kind": _("This file is a PDF: choose another kind than “image”.")},
            code="kind_mismatch",
        )


def _lead(translation_of: Resource | None, *, owner, resource: Resource | None) -> Resource | None:
    """The resource leading the group `translation_of` belongs to, checked to be the same
    owner's and not `resource` itself."""
    if translation_of is None:
        return None
    if translation_of.translation_of_id:
        translation_of = translation_of.translation_of
    same_owner = (
        translation_of.organisation_id == owner.pk
        if owner_kind(owner) == ORGANISATION
        else translation_of.campaign_id == owner.pk
    )
    if not same_owner or (resource is not None and translation_of.pk == resource.pk):
        raise ValidationError(
            {"translation_of": _("Choose another document of this library.")},
            code="bad_translation",
        )
    return translation_of


def _check_language_free(lead: Resource | None, language: str, *, resource=None) -> None:
    if lead is None:
        return
    group = Resource.objects.filter(pk=lead.pk) | Resource.objects.filter(translation_of=lead)
    if resource is not None and resource.pk:
        group = group.exclude(pk=resource.pk)
    if group.filter(language=language).exists():
        raise ValidationError(
            {"language": _("This document already has a version in this language.")},
            code="language_taken",
        )


def _store(inspected: Inspected) -> tuple[str, str]:
    """Writes the file and its thumbnail under random names; returns both names."""
    storage = resource_storage()
    stem = secrets.token_hex(16)
    name = storage.save(f"{stem}.{inspected.extension}", ContentFile(inspected.data))
    thumbnail = storage.save(f"{stem}-thumbnail.jpg", ContentFile(inspected.thumbnail))
    return name, thumbnail


def _forget(*names: str) -> None:
    storage = resource_storage()
    for name in names:
        if name:
            storage.delete(name)


def _write(stored: tuple[str, str], write) -> None:
    """Runs `write()` (the row's transaction); removes the files just stored if it fails."""
    try:
        write()
    except BaseException:
        _forget(*stored)
        raise


def resource_create(
    *,
    owner,
    by,
    upload=None,
    link: str = "",
    translation_of: Resource | None = None,
    is_demo: bool = False,
    **fields,
) -> Resource:
    """A new resource of `owner` (an organisation or a campaign): `upload` (a file, checked
    from its content) or `link` (https), not both."""
    fields = _check_fields(fields)
    link = _check_link(link)
    if bool(upload) == bool(link):
        raise ValidationError(
            {"file": _("Upload a file or give a link, one of the two.")}, code="file_or_link"
        )
    inspected = inspect_upload(upload) if upload else None
    _check_kind(fields["kind"], content_type=inspected.content_type if inspected else "", link=link)
    lead = _lead(translation_of, owner=owner, resource=None)
    _check_language_free(lead, fields["language"])
    resource = Resource(
        **fields,
        link=link,
        translation_of=lead,
        uploaded_by=by,
        is_demo=is_demo,
        **{owner_kind(owner): owner},
    )
    stored = ("", "")
    if inspected is not None:
        stored = _store(inspected)
        resource.file.name, resource.thumbnail.name = stored
        resource.content_type = inspected.content_type
        resource.size = len(inspected.data)

    @transaction.atomic
    def write():
        resource.full_clean(exclude=["file", "thumbnail", "uploaded_by"])
        resource.save()
        log_action(resource, "resource.created", user=by, data={"kind": resource.kind})

    _write(stored, write)
    return resource


def resource_update(
    *,
    resource: Resource,
    by,
    upload=None,
    link: str = "",
    translation_of: Resource | None = None,
    **fields,
) -> Resource:
    """Changes what is said of a resource, and its file (a new upload replaces it) or its
    link. A resource stays a file or a link."""
    fields = _check_fields(fields)
    link = _check_link(link)
    if resource.is_link:
        if upload or not link:
            raise ValidationError({"link": _("Give the link (https://…).")}, code="link_needed")
    elif link:
        raise ValidationError(
            {"link": _("This resource is a file: upload a new file to replace it.")},
            code="file_resource",
        )
    inspected = inspect_upload(upload) if upload else None
    content_type = inspected.content_type if inspected else resource.content_type
    _check_kind(fields["kind"], content_type=content_type, link=link)
    lead = _lead(translation_of, owner=resource.owner, resource=resource)
    if lead is not None and resource.translations.exists():
        raise ValidationError(
            {"translation_of": _("Other languages are translations of this one: it leads.")},
            code="leads_a_group",
        )
    _check_language_free(lead or resource, fields["language"], resource=resource)
    old = (resource.file.name, resource.thumbnail.name)
    for name, value in fields.items():
        setattr(resource, name, value)
    resource.translation_of = lead
    resource.link = link
    stored = ("", "")
    if inspected is not None:
        stored = _store(inspected)
        resource.file.name, resource.thumbnail.name = stored
        resource.content_type = inspected.content_type
        resource.size = len(inspected.data)

    @transaction.atomic
    def write():
        resource.full_clean(exclude=["file", "thumbnail", "uploaded_by"])
        resource.save()
        log_action(
            resource, "resource.updated", user=by, data={"file_replaced": inspected is not None}
        )
        if inspected is not None:
            transaction.on_commit(lambda: _forget(*old))

    _write(stored, write)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, by) -> None:
    """Removes the resource and, once that is committed, its files. Its translations stay, as
    one document led by the first of them."""
    translations = list(resource.translations.order_by("created_at", "id"))
    if translations:
        lead, *others = translations
        Resource.objects.filter(pk=lead.pk).update(translation_of=None)
        Resource.objects.filter(pk__in=[r.pk for r in others]).update(translation_of=lead)
    files = (resource.file.name, resource.thumbnail.name)
    log_action(resource, "resource.deleted", user=by, data={"title": resource.title})
    resource.delete()
    transaction.on_commit(lambda: _forget(*files))
