"""The audit log: every state change that matters goes through `log_action`."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from picketline.core.models import AuditEntry


def log_action(obj: models.Model, action: str, *, user=None, data=None, reason="") -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
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
