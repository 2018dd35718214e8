"""Events a payment provider sent us: stored first (one row per event id, so a redelivery is
refused by the database), then applied; an event that arrives before what it depends on
waits as `pending` and is applied when that arrives."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    PENDING = "pending", _("Waiting for an earlier event")
    IGNORED = "ignored", _("Not used")


class ProviderEvent(models.Model):
    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=200)
    type = models.CharField(max_length=100)
    # When the provider made the event (its clock), to tell late deliveries from new news.
    created = models.DateTimeField()
    payload = models.JSONField()
    status = models.CharField(max_length=8, choices=EventStatus)
    received_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment provider event")
        verbose_name_plural = _("payment provider events")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once"),
        ]

    def __str__(self):
        return f"{self.provider} {self.event_id}"
