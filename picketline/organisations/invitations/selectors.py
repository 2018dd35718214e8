from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from picketline.organisations.invitations.models import Invitation


def invitations_pending(*, role: str, target) -> QuerySet[Invitation]:
    """Invitations to `role` on `target` that can still be accepted."""
    return Invitation.objects.filter(
        role=role,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")
