"""Days of action: one call to act on the same day (or days), answered by many local events.

An event names its day through `Event.day_of_action`; the events core defines the event.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute
from picketline.organisations.models import Organisation

# An organisation, or the name a person chose to show: events and days of action both need one.
HAS_ORGANISER = Q(organisation__isnull=False) | ~Q(organiser_name="")


class DayOfAction(TimeStampedModel):
    """One call to act on the same day (or days), answered by many local events."""

    PUBLIC_FIELDS = ("title", "call", "language", "starts_on", "ends_on", "demands")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    call = models.TextField(_("the call"), max_length=10000)
    language = models.CharField(_("language of the call"), max_length=12, default="en")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    demands = models.TextField(
        _("demands"), max_length=4000, blank=True, help_text=_("One demand per line.")
    )
    disputes = models.ManyToManyField(
        Dispute, verbose_name=_("disputes"), blank=True, related_name="days_of_action"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organising organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="days_of_action",
    )
    organiser_name = models.CharField(_("organiser's name"), max_length=200, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_days_of_action",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("day of action")
        verbose_name_plural = _("days of action")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="day_of_action_dates_in_order"
            ),
            models.CheckConstraint(condition=HAS_ORGANISER, name="day_of_action_has_organiser"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:day_of_action", kwargs={"slug": self.slug})

    @property
    def demand_lines(self) -> list[str]:
        return [line.strip() for line in self.demands.splitlines() if line.strip()]
