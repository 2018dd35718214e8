"""Decisions on the review queue. Each takes the version the moderator saw and refuses a stale one.

Every decision locks the item row, re-checks its version and status under the lock, lets the
content's handler do its part, records the decision, writes an audit entry on the content
(`submission.approved`, `submission.rejected` …) and, after commit, tells the submitter.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.core.conflicts import EditConflict
from picketline.core.outbox import outbox_send
from picketline.moderation.models import (
    OPEN_STATUSES,
    ItemStatus,
    ModerationItem,
    ModerationMessage,
)
from picketline.moderation.registry import handler_for


class StaleItem(EditConflict):
    """The item changed since the moderator opened it, or was decided; nothing was written."""


def moderation_submit(*, obj, kind: str, user=None) -> ModerationItem:
    """Puts content in the queue. Call in the transaction that stored the content."""
    facets = handler_for(kind).facets(obj)
    item = ModerationItem.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        summary=facets.summary[:300],
        country=facets.country,
        category=facets.category,
        has_sources=facets.has_sources,
        submitted_at=timezone.now(),
    )
    log_action(obj, f"{kind}.submitted", user=user, data={"item": item.pk})
    from picketline.moderation.digest import moderators_digest_schedule

    transaction.on_commit(moderators_digest_schedule)
    return item


def item_for_object(obj) -> ModerationItem | None:
    return ModerationItem.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


def _lock(item: ModerationItem, version: int) -> ModerationItem:
    locked = ModerationItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != version:
        who = locked.decided_by.get_username() if locked.decided_by else _("someone else")
        raise StaleItem(
            _(
                "This item changed after you opened it (by %(who)s, now “%(status)s”). "
                "Nothing was saved: look at it again before deciding."
            )
            % {"who": who, "status": locked.get_status_display()}
        )
    if locked.status not in OPEN_STATUSES:
        raise StaleItem(
            _("This item was already decided (“%(status)s”). Nothing was saved.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _decide(item: ModerationItem, *, status: str, user, reason: str = "") -> None:
    item.status = status
    item.decided_at = timezone.now()
    item.decided_by = user
    item.reason = reason
    item.version = F("version") + 1
    item.save(
        update_fields=["status", "decided_at", "decided_by", "reason", "version", "updated_at"]
    )
    item.refresh_from_db(fields=["version"])


def _tell_submitter(item: ModerationItem, obj, *, template: str, context: dict) -> None:
    handler = handler_for(item.kind)
    address = handler.contact_email(obj)
    if not address:
        return
    context = {
        "item": item,
        "obj": obj,
        "site_url": settings.SITE_URL,
        "status_url": handler.status_url(obj),
        **context,
    }
    languages = {code for code, _name in settings.LANGUAGES}
    language = handler.contact_language(obj)
    with translation.override(language if language in languages else settings.LANGUAGE_CODE):
        subject = render_to_string(f"moderation/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"moderation/email/{template}.txt", context)
    outbox_send(subject=subject, body=body, to=[address])


@transaction.atomic
def item_approve(*, item: ModerationItem, version: int, user, edits: dict | None = None):
    item = _lock(item, version)
    obj = item.content_object
    handler = handler_for(item.kind)
    published = handler.approve(obj=obj, user=user, edits=edits)
    _decide(item, status=ItemStatus.APPROVED, user=user)
    log_action(
        obj,
        f"{item.kind}.approved",
        user=user,
        data={"item": item.pk, "edited": sorted(edits or {}), "published": published.pk},
    )
    _tell_submitter(
        item,
        obj,
        template="approved",
        context={"published_url": handler.published_url(published)},
    )
    return published


@transaction.atomic
def item_reject(*, item: ModerationItem, version: int, user, reason: str) -> ModerationItem:
    item = _lock(item, version)
    obj = item.content_object
    handler_for(item.kind).reject(obj=obj, user=user, reason=reason)
    _decide(item, status=ItemStatus.REJECTED, user=user, reason=reason)
    log_action(obj, f"{item.kind}.rejected", user=user, data={"item": item.pk}, reason=reason)
    _tell_submitter(item, obj, template="rejected", context={"reason": reason})
    return item


@transaction.atomic
def item_merge(*, item: ModerationItem, version: int, user, target_pk: int):
    item = _lock(item, version)
    obj = item.content_object
    handler = handler_for(item.kind)
    target = handler.merge(obj=obj, user=user, target_pk=target_pk)
    _decide(item, status=ItemStatus.MERGED, user=user)
    log_action(obj, f"{item.kind}.merged", user=user, data={"item": item.pk, "into": target.pk})
    _tell_submitter(
        item, obj, template="merged", context={"published_url": handler.published_url(target)}
    )
    return target


@transaction.atomic
def item_ask(*, item: ModerationItem, version: int, user, question: str) -> ModerationItem:
    """Sends the submitter a question; the item waits for the answer."""
    item = _lock(item, version)
    obj = item.content_object
    if not handler_for(item.kind).contact_email(obj):
        raise StaleItem(_("The submitter left no email address, so they cannot be asked."))
    item.messages.create(author=user, body=question)
    item.status = ItemStatus.QUESTION
    item.version = F("version") + 1
    item.save(update_fields=["status", "version", "updated_at"])
    item.refresh_from_db(fields=["version"])
    log_action(obj, f"{item.kind}.question_asked", user=user, data={"item": item.pk})
    _tell_submitter(item, obj, template="question", context={"question": question})
    return item


@transaction.atomic
def item_answer(*, item: ModerationItem, body: str) -> ModerationItem:
    """The submitter's reply from their private status page: the item goes back in the queue."""
    item = ModerationItem.objects.select_for_update().get(pk=item.pk)
    if item.status not in OPEN_STATUSES:
        raise StaleItem(_("This submission was already decided, so it takes no more answers."))
    item.messages.create(from_submitter=True, body=body)
    item.status = ItemStatus.PENDING
    item.version = F("version") + 1
    item.save(update_fields=["status", "version", "updated_at"])
    item.refresh_from_db(fields=["version"])
    log_action(item.content_object, f"{item.kind}.answered", data={"item": item.pk})
    return item


@dataclass
class BulkResult:
    done: list[ModerationItem] = field(default_factory=list)
    # (item id, why it was left alone)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def items_bulk_approve(*, versions: dict[int, int], user) -> BulkResult:
    """Approves each item at the version the moderator saw; one item failing skips only it."""
    return _bulk(
        versions, lambda item, version: item_approve(item=item, version=version, user=user)
    )


def items_bulk_reject(*, versions: dict[int, int], user, reason: str) -> BulkResult:
    return _bulk(
        versions,
        lambda item, version: item_reject(item=item, version=version, user=user, reason=reason),
    )


def _bulk(versions: dict[int, int], decide) -> BulkResult:
    result = BulkResult()
    items = ModerationItem.objects.in_bulk(list(versions))
    for pk, version in versions.items():
        item = items.get(pk)
        if item is None:
            result.skipped.append((pk, _("It no longer exists.")))
            continue
        try:
            decide(item, version)
        except StaleItem as error:
            result.skipped.append((pk, error.message))
        except ValidationError as error:
            # The content cannot be published as it stands (the decision rolled back): it
            # needs a look of its own, and the rest of the selection still goes ahead.
            result.skipped.append((pk, " ".join(error.messages)))
        else:
            result.done.append(item)
    return result


# --- the submitter's own words ---------------------------------------------------------------


def _submitter_messages(objects):
    """What the submitters of `objects` wrote to the moderators (answers to questions)."""
    objects = list(objects)
    if not objects:
        return ModerationMessage.objects.none()
    content_type = ContentType.objects.get_for_model(objects[0])
    return ModerationMessage.objects.filter(
        item__content_type=content_type,
        item__object_id__in=[obj.pk for obj in objects],
        from_submitter=True,
    ).order_by("created_at", "id")


def submitter_answers(obj) -> str:
    """The submitter's answers to the moderators about `obj`, oldest first, for their own
    export (one plain value, as export rows hold)."""
    return "\n\n".join(message.body for message in _submitter_messages([obj]))


def submitter_answers_erase(objects) -> int:
    """Deletes what the submitters of `objects` (all of one model) wrote to the moderators;
    the moderators' questions stay. Returns how many answers were deleted."""
    deleted, _by_model = _submitter_messages(objects).delete()
    return deleted
