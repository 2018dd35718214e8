from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One state change that matters, with a namespaced action code (`dispute.created`).

    `data` holds what changed as {"changes": {field: [old, new]}} plus any context. Pages that
    show history to the public filter the changes to the fields the owning model declares public.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class RateLimitCount(models.Model):
    """How many attempts one client made in one rate-limit window (see core.ratelimit).

    `bucket` names the scope, the window and a keyed hash of the client, never its address.
    """

    bucket = models.CharField(max_length=128, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    # When the window closes, in seconds since 1970: the row may be deleted after that.
    expires_at = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit count")
        verbose_name_plural = _("rate-limit counts")

    def __str__(self):
        return f"{self.bucket}: {self.hits}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    FAILED = "failed", _("given up")


class OutboxEmail(models.Model):
    """One email to one address, waiting to be sent: the row is the queue (see core.outbox).

    Written in the transaction of the change that causes it and deleted once the mail server
    has taken it, so it holds an address and a text only while they are on their way. A row
    that failed `MAX_ATTEMPTS` times stays, given up, until the person's data is erased.
    """

    address = models.EmailField(_("address"))
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    html = models.TextField(_("HTML body"), blank=True)
    ics = models.TextField(_("calendar invite"), blank=True)
    ics_name = models.CharField(_("invite's file name"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("email waiting to be sent")
        verbose_name_plural = _("outbox")
        constraints = [
            models.CheckConstraint(condition=~models.Q(address=""), name="outbox_has_address"),
        ]

    def __str__(self):
        return f"{self.pk} ({self.status}, {self.attempts} attempts)"


class DataVersion(models.Model):
    """The version of one named set of tables, moved by database triggers (see core.versions).

    `value` goes up by one with every statement that writes any of the tables, in the writing
    transaction; `epoch` is drawn at random when the row is created, so a version can never
    repeat one from before the row was emptied.
    """

    name = models.CharField(max_length=64, primary_key=True)
    epoch = models.CharField(max_length=32)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return f"{self.name}: {self.epoch}.{self.value}"
