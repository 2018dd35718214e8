"""The review queue. An item points at any submitted thing; the app never knows what it is.

Each kind of content registers a handler (see `registry`) that knows how to show, approve,
reject and merge its items. The queue itself only holds what every kind shares: a status,
a one-line summary, the facets moderators filter on, and a version that stops two moderators
from overwriting each other's decision.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    QUESTION = "question", _("Waiting for the submitter")
    APPROVED = "approved", _("Approved")
    MERGED = "merged", _("Merged into an existing record")
    REJECTED = "rejected", _("Rejected")


OPEN_STATUSES = (ItemStatus.PENDING, ItemStatus.QUESTION)


class ModerationItem(TimeStampedModel):
    kind = models.CharField(_("kind of content"), max_length=32)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus, default=ItemStatus.PENDING
    )
    summary = models.CharField(_("summary"), max_length=300)
    # Facets the queue filters on, copied from the content when it is submitted.
    country = models.CharField(_("country"), max_length=2, blank=True)
    category = models.CharField(_("category"), max_length=32, blank=True)
    has_sources = models.BooleanField(_("has sources"), default=False)
    submitted_at = models.DateTimeField(_("submitted"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    # Raised by every change; a form posts the version it was opened at (optimistic locking).
    version = models.PositiveIntegerField(default=1)
    # Set once the moderators' digest has mentioned this item.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("moderation item")
        verbose_name_plural = _("moderation queue")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="moditem_status_submitted"),
            models.Index(fields=["kind", "status", "-submitted_at"], name="moditem_kind_status"),
            models.Index(
                fields=["notified_at"],
                condition=Q(notified_at__isnull=True),
                name="moditem_unnotified",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="moditem_one_per_object"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "question"]) | Q(decided_at__isnull=False),
                name="moditem_decided_has_time",
            ),
        ]

    def __str__(self):
        return self.summary

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ModerationMessage(TimeStampedModel):
    """A question from a moderator to the submitter, or the submitter's answer."""

    item = models.ForeignKey(ModerationItem, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_submitter = models.BooleanField(default=False)
    body = models.TextField(_("message"), max_length=4000)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]
