from django.db import models
from django.utils.translation import gettext_lazy as _


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: listed, on the map and in the feeds")
    UNLISTED = "unlisted", _("Unlisted: only people with the link")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class RsvpStatus(models.TextChoices):
    # Given a name and an email without an account: waits for the emailed link to be followed.
    PENDING = "pending", _("Waiting for the email to be confirmed")
    CONFIRMED = "confirmed", _("Coming")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# The RSVPs that hold a person's place: one per person per event, and the ones told of changes.
ACTIVE_RSVP_STATUSES = (RsvpStatus.PENDING, RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
