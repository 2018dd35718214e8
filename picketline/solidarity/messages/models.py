"""Messages of solidarity to a dispute's strikers, who receives them, and their delivery.

The sender's email is private: only the dispute's coordinators see it, and only with consent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute


class Message(TimeStampedModel):
    """A message of solidarity to a dispute's strikers. Published once a moderator approves it
    (or at once when it comes from a verified organisation's account)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="messages")
    sender_name = models.CharField(
        _("your name"), max_length=100, blank=True, help_text=_("Leave empty to stay anonymous.")
    )
    organisation_name = models.CharField(
        _("union, workplace or organisation"), max_length=200, blank=True
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    body = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language of the message"), max_length=16, default="en")
    photo = models.ImageField(_("photo"), upload_to="messages/%Y/%m/", blank=True)
    sender_email = models.EmailField(_("your email"), blank=True)
    contact_consent = models.BooleanField(_("the strike committee may contact me"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solidarity_messages",
    )
    via_api = models.BooleanField(default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("solidarity message")
        verbose_name_plural = _("solidarity messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["dispute", "-published_at"],
                condition=Q(published_at__isnull=False),
                name="message_published",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sender_email="") | Q(contact_consent=True),
                name="message_email_needs_consent",
            ),
        ]

    def __str__(self):
        return self.body[:60]

    @property
    def photo_url(self) -> str:
        """Where the app serves the photo (`message_photo`); no route serves MEDIA_ROOT."""
        return reverse("solidarity:message_photo", kwargs={"pk": self.pk}) if self.photo else ""


class DigestFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as they arrive")
    HOURLY = "hourly", _("At most once an hour")
    DAILY = "daily", _("Once a day")


class MessageRecipient(TimeStampedModel):
    """Someone a dispute's messages are delivered to, and how often they want them."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(
        _("how often"), max_length=16, choices=DigestFrequency, default=DigestFrequency.DAILY
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message recipient")
        verbose_name_plural = _("message recipients")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "email"], name="recipient_once"),
        ]

    def __str__(self):
        return self.email


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Gave up")


class MessageDelivery(models.Model):
    """One message for one recipient: the row is the queue. Delivered once, in a digest."""

    # No index of its own: the constraint's index (message, recipient) serves it, and every
    # index is one more write for each delivery marked sent.
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    recipient = models.ForeignKey(
        MessageRecipient, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=16, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "recipient"], name="delivery_once_per_recipient"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_pending",
            ),
        ]

    def __str__(self):
        return f"{self.message_id} → {self.recipient_id} ({self.status})"
