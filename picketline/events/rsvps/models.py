"""An RSVP: one person's answer to an event. Its rules (one live answer per person, a place in
the queue for everyone seated or waiting) are database constraints."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.events.choices import ACTIVE_RSVP_STATUSES, RsvpStatus


class Rsvp(TimeStampedModel):
    """One person's answer to an event: coming, waiting for a place, or no longer coming.

    Without an account the person gives a name and an email, which stays private, and the
    RSVP waits (PENDING) until they follow the emailed link. The private token in every
    email's link lets them see their place and cancel; only its hash is stored.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rsvps",
    )
    name = models.CharField(_("your name"), max_length=100)
    # Lower-cased by the services, so one address holds one RSVP per event.
    email = models.EmailField(_("your email"), blank=True)
    language = models.CharField(max_length=12, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RsvpStatus, default=RsvpStatus.PENDING
    )
    # Place in the event's queue, given when the RSVP takes a seat or joins the waiting list.
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The private link's token is made from this nonce and the secret key (see rsvp_token).
    token_nonce = models.CharField(max_length=32, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    confirm_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("given a place"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # The nearest reminder already sent, in hours before the start (24, then 1).
    reminded_hours = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        ordering = ["number", "id"]
        indexes = [
            models.Index(fields=["event", "status", "number"], name="rsvp_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False, status__in=ACTIVE_RSVP_STATUSES),
                name="rsvp_one_per_account",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(email="") & Q(status__in=ACTIVE_RSVP_STATUSES),
                name="rsvp_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "number"],
                condition=Q(number__isnull=False),
                name="rsvp_queue_place",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="rsvp_has_person"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED])
                | Q(number__isnull=False),
                name="rsvp_seated_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(status=RsvpStatus.PENDING) | Q(confirm_token_hash__isnull=False),
                name="rsvp_pending_has_link",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.status})"
