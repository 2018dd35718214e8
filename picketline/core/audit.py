"""The audit log: every state change that matters goes through `log_action`."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from picketline.core.models import AuditEntry


def log_action(obj: models.Model, action: str, *, user=None, data=None, reason="") -> AuditEntry:
    # `__class__`, not type(): a lazy `request.user` answers with the class of the user it wraps.
    entry = audit_entry(obj.__class__, obj.pk, action, user=user, data=data, reason=reason)
    entry.save(force_insert=True)
    return entry


def audit_entry(
    model: type[models.Model], pk, action: str, *, user=None, data=None, reason=""
) -> AuditEntry:
    """The entry `log_action` writes, unsaved, about the object of `model` whose key is `pk`:
    for a service that knows only the key (loading the object would cost a query) or writes
    the entry in one statement with other rows (`core.counted`)."""
    return AuditEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(pk),
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data=data or {},
        reason=reason,
    )


def audit_entries_for(obj: models.Model):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("user")


def field_changes(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value differs; values made JSON-friendly."""
    return {
        name: [_jsonable(before.get(name)), _jsonable(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def _jsonable(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        return sorted(_jsonable(item) for item in value)
    return str(value)


ERASED = "[erased]"


def _without(value, pattern):
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_without(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, pattern) for key, item in value.items()}
    return value


def audit_forget(*, text: str) -> int:
    """Replaces `text` (an address being erased), in any case, wherever the audit log recorded
    it (a field's old or new value, a reason) with "[erased]"; returns how many entries
    changed. The entries themselves stay: what happened, when, to which object."""
    if not text:
        return 0
    pattern = re.compile(re.escape(text), re.IGNORECASE)
    entries = AuditEntry.objects.filter(Q(data__icontains=text) | Q(reason__icontains=text))
    changed = 0
    for entry in entries:
        entry.data = _without(entry.data, pattern)
        entry.reason = _without(entry.reason, pattern)
        entry.save(update_fields=["data", "reason"])
        changed += 1
    return changed
