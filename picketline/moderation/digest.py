"""The moderators' digest: one email listing what arrived since the last one."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from picketline.core.outbox import outbox_send
from picketline.moderation.models import OPEN_STATUSES, ModerationItem

DIGEST_LIMIT = 50


def moderators_digest_schedule() -> None:
    """Enqueues a digest for the end of the current window; extra runs find nothing to send."""
    minutes = max(settings.MODERATION_DIGEST_MINUTES, 0)
    run_after = timezone.now() + dt.timedelta(minutes=minutes) if minutes else None
    # A backend that runs tasks at once (or cannot defer them) sends the digest now.
    if run_after is None or not moderators_digest_send.get_backend().supports_defer:
        moderators_digest_send.enqueue()
    else:
        moderators_digest_send.using(run_after=run_after).enqueue()


def moderator_addresses() -> list[str]:
    from picketline.accounts.roles import Role

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(
        Q(is_superuser=True) | Q(groups__name__in=[Role.MODERATOR, Role.ADMIN])
    ).distinct()
    return sorted(users.values_list("email", flat=True))


@task(queue_name="email")
def moderators_digest_send() -> int:
    """Marks the unannounced open items as announced and emails the list to every moderator.

    Returns how many items were announced. Concurrent runs cannot announce an item twice: the
    items are claimed under a row lock.
    """
    with transaction.atomic():
        pending = ModerationItem.objects.filter(notified_at__isnull=True, status__in=OPEN_STATUSES)
        claimed = list(
            pending.select_for_update(skip_locked=True).order_by("submitted_at", "id")[:1000]
        )
        if not claimed:
            return 0
        ModerationItem.objects.filter(pk__in=[item.pk for item in claimed]).update(
            notified_at=timezone.now()
        )
        addresses = moderator_addresses()
        if addresses:
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "count": len(claimed),
                    "items": claimed[:DIGEST_LIMIT],
                    "more": max(len(claimed) - DIGEST_LIMIT, 0),
                    "queue_url": settings.SITE_URL + "/moderation/",
                }
                subject = render_to_string("moderation/email/digest_subject.txt", context)
                body = render_to_string("moderation/email/digest.txt", context)
            outbox_send(subject=subject, body=body, to=addresses)
    return len(claimed)
