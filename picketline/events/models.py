"""The events core's models: an event and its speakers. The models of the other parts are
defined in their own packages and imported here, so Django finds every model of the `events`
app in this module.

The rules that keep an event from being overbooked live in the database as well as in the
services: `confirmed_count` never passes `capacity`, each person holds one live RSVP per event,
and each RSVP's place in the queue (`number`) is unique within its event.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute, validate_timezone
from picketline.events.choices import EventMode, EventStatus, EventVisibility
from picketline.events.days.models import HAS_ORGANISER, DayOfAction
from picketline.events.rsvps.models import Rsvp
from picketline.organisations.models import Organisation

__all__ = ["DayOfAction", "Event", "Rsvp", "Speaker"]

_VALID_POINT = Q(latitude__isnull=True, longitude__isnull=True) | Q(
    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
)


class Event(TimeStampedModel):
    PUBLIC_FIELDS = (
        "title",
        "description",
        "language",
        "starts_at",
        "ends_at",
        "timezone",
        "mode",
        "venue",
        "address",
        "locality",
        "country",
        "capacity",
        "status",
        "status_note",
    )
    # Changing any of these tells everyone who is coming or waiting.
    NOTIFY_FIELDS = ("starts_at", "ends_at", "timezone", "mode", "venue", "address", "status")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    language = models.CharField(_("language of the description"), max_length=12, default="en")
    # Shown as the organiser: an organisation, or the name a person chose to show.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organising organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_name = models.CharField(_("organiser's name"), max_length=200, blank=True)
    # The accounts that manage the event and its RSVPs.
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_events",
    )
    # Invitations to organise it (sent to a host without an account), deleted with it.
    invitations = GenericRelation("organisations.Invitation")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    mode = models.CharField(
        _("where"), max_length=16, choices=EventMode, default=EventMode.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    locality = models.CharField(_("town or city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # Shown only to people whose place is confirmed, and to the organisers.
    join_url = models.URLField(_("link to join online"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    # Kept by the services under the event's row lock; the database refuses more than capacity.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    # The last place in the queue handed out: each RSVP that takes a seat or waits gets the next.
    last_number = models.PositiveIntegerField(default=0, editable=False)
    visibility = models.CharField(
        _("who can find it"),
        max_length=16,
        choices=EventVisibility,
        default=EventVisibility.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("why it changed"),
        max_length=500,
        blank=True,
        help_text=_("Told to everyone coming when the event is postponed or cancelled."),
    )
    day_of_action = models.ForeignKey(
        "events.DayOfAction",
        verbose_name=_("day of action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    disputes = models.ManyToManyField(
        Dispute, verbose_name=_("disputes"), blank=True, related_name="events"
    )
    sponsors = models.ManyToManyField(
        Organisation, verbose_name=_("sponsoring organisations"), blank=True, related_name="+"
    )
    # Set by a moderator's approval, or at once for organisers who publish directly.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Someone hosting without an account (private; the moderator and the invitation use it).
    host_name = models.CharField(_("your name"), max_length=100, blank=True)
    host_email = models.EmailField(_("your email"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["starts_at"], name="event_starts"),
            models.Index(fields=["latitude", "longitude"], name="event_point"),
            models.Index(fields=["day_of_action", "starts_at"], name="event_day_of_action"),
            models.Index(fields=["updated_at"], name="event_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=F("capacity")),
                name="event_never_overbooked",
            ),
            models.CheckConstraint(condition=_VALID_POINT, name="event_valid_point"),
            models.CheckConstraint(condition=HAS_ORGANISER, name="event_has_organiser"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_place(self) -> bool:
        return self.mode != EventMode.ONLINE

    @property
    def is_online(self) -> bool:
        return self.mode != EventMode.IN_PERSON

    @property
    def organiser_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organiser_name

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name
