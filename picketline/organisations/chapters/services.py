"""Chapters: organisers add and change them, invite and remove their organisers; anyone asks
for a chapter where they are, and the organisation's organisers approve (the chapter is
created and the requester invited to organise it) or decline (the requester is told kindly).

The requester's email goes into the invitation and the emails only, never into the audit log:
an organisation's history may be shown one day.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.organisations.chapters import notices
from picketline.organisations.chapters.models import Chapter, ChapterRequest
from picketline.organisations.chapters.roles import CHAPTER_ORGANISER
from picketline.organisations.invitations.services import invitation_create
from picketline.organisations.models import Organisation

# Addresses under a chapter's page that a chapter's slug must not take.
RESERVED_SLUGS = {"start", "manage", "started"}

CHAPTER_FIELDS = (
    "name",
    "description",
    "language",
    "place_name",
    "city",
    "region",
    "country",
    "latitude",
    "longitude",
    "area_km",
    "timezone",
    "meeting_week",
    "meeting_weekday",
    "meeting_time",
    "meeting_place",
)


def _chapter_slug(organisation: Organisation, name: str, *, exclude_pk=None) -> str:
    base = slugify(name, allow_unicode=True)[:200].strip("-") or "chapter"
    taken = set(
        organisation.chapters.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _no_meeting_unless_whole(fields: dict) -> None:
    parts = [fields.get("meeting_week"), fields.get("meeting_weekday"), fields.get("meeting_time")]
    given = [part not in (None, "") for part in parts]
    if any(given) and not all(given):
        raise ValidationError(
            {
                "meeting_week": _(
                    "A regular meeting needs the week, the day and the time; or leave all "
                    "three empty."
                )
            }
        )


@transaction.atomic
def chapter_create(*, organisation: Organisation, by, is_demo: bool = False, **fields) -> Chapter:
    unknown = set(fields) - set(CHAPTER_FIELDS)
    if unknown:
        raise TypeError(f"not chapter fields: {sorted(unknown)}")
    _no_meeting_unless_whole(fields)
    if organisation.kind == Organisation.Kind.EMPLOYER:
        raise ValidationError(_("An employer has no chapters."))
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    chapter = Chapter(
        organisation=organisation,
        slug=_chapter_slug(organisation, fields["name"]),
        is_demo=is_demo,
        **fields,
    )
    chapter.full_clean()
    chapter.save()
    log_action(chapter, "chapter.created", user=by, data={"organisation": organisation.pk})
    return chapter


@transaction.atomic
def chapter_update(*, chapter: Chapter, by, **fields) -> Chapter:
    unknown = set(fields) - set(CHAPTER_FIELDS)
    if unknown:
        raise TypeError(f"not chapter fields: {sorted(unknown)}")
    chapter = Chapter.objects.select_for_update().get(pk=chapter.pk)
    merged = {name: fields.get(name, getattr(chapter, name)) for name in CHAPTER_FIELDS}
    _no_meeting_unless_whole(merged)
    changed = [name for name, value in fields.items() if getattr(chapter, name) != value]
    for name in changed:
        setattr(chapter, name, fields[name])
    if changed:
        chapter.full_clean()
        chapter.save(update_fields=[*changed, "updated_at"])
        log_action(chapter, "chapter.updated", user=by, data={"fields": changed})
    return chapter


@transaction.atomic
def chapter_organiser_remove(*, chapter: Chapter, user, by) -> None:
    if not chapter.organisers.filter(pk=user.pk).exists():
        raise ValidationError(
            _("%(name)s does not organise this chapter.") % {"name": user.get_username()}
        )
    chapter.organisers.remove(user)
    log_action(chapter, "chapter.organiser_removed", user=by, data={"user": user.pk})


def chapter_organiser_invite(*, chapter: Chapter, email: str, by):
    return invitation_create(role=CHAPTER_ORGANISER, target=chapter, email=email, by=by)


@transaction.atomic
def chapter_request_create(
    *,
    organisation: Organisation,
    name: str,
    email: str,
    message: str,
    language: str,
    place_name: str,
    latitude: float,
    longitude: float,
    city: str = "",
    region: str = "",
    country: str = "",
    timezone: str = "",
) -> ChapterRequest:
    """Stores a request for a chapter and tells the organisation's organisers, after the commit."""
    if organisation.kind == Organisation.Kind.EMPLOYER:
        raise ValidationError(_("An employer has no chapters."))
    request = ChapterRequest(
        organisation=organisation,
        name=" ".join(name.split()),
        email=email.strip(),
        message=message.strip(),
        language=language,
        place_name=place_name,
        latitude=latitude,
        longitude=longitude,
        city=city,
        region=region,
        country=country,
        timezone=timezone or "UTC",
    )
    request.full_clean()
    request.save()
    log_action(organisation, "chapter_request.created", data={"request": request.pk})
    notices.chapter_request_received(request)
    return request


def _lock_pending(request: ChapterRequest) -> ChapterRequest:
    locked = ChapterRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ChapterRequest.Status.PENDING:
        raise ValidationError(
            _("This request has already been answered (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def chapter_request_approve(
    *, request: ChapterRequest, by, name: str, area_km: int = 25
) -> tuple[ChapterRequest, Chapter]:
    """Creates the chapter where the requester is, and emails them an invitation to organise
    it: accepting it (with an account and two factors) makes them its first organiser."""
    request = _lock_pending(request)
    chapter = chapter_create(
        organisation=request.organisation,
        by=by,
        name=name,
        language=request.language,
        place_name=request.place_name,
        city=request.city,
        region=request.region,
        country=request.country,
        latitude=request.latitude,
        longitude=request.longitude,
        area_km=area_km,
        timezone=request.timezone,
    )
    request.status = ChapterRequest.Status.APPROVED
    request.decided_at = timezone.now()
    request.decided_by = by
    request.chapter = chapter
    request.save(update_fields=["status", "decided_at", "decided_by", "chapter", "updated_at"])
    invitation_create(role=CHAPTER_ORGANISER, target=chapter, email=request.email, by=by)
    log_action(
        request.organisation,
        "chapter_request.approved",
        user=by,
        data={"request": request.pk, "chapter": chapter.pk},
    )
    return request, chapter


@transaction.atomic
def chapter_request_decline(*, request: ChapterRequest, by, note: str = "") -> ChapterRequest:
    """Declines the request and sends the requester a kind email, with the organisers' note."""
    request = _lock_pending(request)
    request.status = ChapterRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    log_action(
        request.organisation, "chapter_request.declined", user=by, data={"request": request.pk}
    )
    notices.chapter_request_declined(request, note=note.strip())
    return request
