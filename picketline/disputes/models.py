from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.choices import (
    ActionKind,
    Demand,
    DisputeKind,
    DisputeStatus,
    Outcome,
    Precision,
    Recurrence,
    Sector,
    SourceKind,
    Verification,
)


def validate_timezone(value: str) -> None:
    if value not in _timezones():
        raise ValidationError(_("%(zone)s is not a time zone name."), params={"zone": value})


_TIMEZONES: set[str] = set()


def _timezones() -> set[str]:
    if not _TIMEZONES:
        _TIMEZONES.update(available_timezones())
    return _TIMEZONES


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        UNION = "union", _("Union")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    country = models.CharField(_("country"), max_length=2, blank=True)
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["updated_at"], name="organisation_updated")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name", "country"], name="organisation_unique_name"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name


class Dispute(TimeStampedModel):
    # Shown in public history; everything else (contact email, coordinators) stays private.
    PUBLIC_FIELDS = (
        "title",
        "kind",
        "status",
        "outcome",
        "sector",
        "workers_involved",
        "workers_approximate",
        "demands",
        "demands_other",
        "description",
        "language",
        "start_date",
        "end_date",
        "authorised",
        "verification",
        "employers",
        "unions",
    )

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DisputeKind, default="strike")
    status = models.CharField(_("status"), max_length=16, choices=DisputeStatus, default="active")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome, default="unknown")
    employers = models.ManyToManyField(
        Organisation,
        verbose_name=_("employers"),
        blank=True,
        related_name="employer_disputes",
        limit_choices_to={"kind": Organisation.Kind.EMPLOYER},
    )
    unions = models.ManyToManyField(
        Organisation,
        verbose_name=_("unions"),
        blank=True,
        related_name="union_disputes",
        limit_choices_to={"kind": Organisation.Kind.UNION},
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector, blank=True)
    workers_involved = models.PositiveIntegerField(_("workers involved"), null=True, blank=True)
    workers_approximate = models.BooleanField(_("approximate number"), default=False)
    demands_other = models.TextField(_("other demands"), blank=True, max_length=2000)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    language = models.CharField(_("language of the description"), max_length=16, default="en")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    authorised = models.BooleanField(
        _("authorised by the union"),
        null=True,
        blank=True,
        help_text=_("Leave empty when unknown; wildcat action is not authorised."),
    )
    verification = models.CharField(
        _("verification"), max_length=16, choices=Verification, default="crowd"
    )
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Publish only a coarse location and withhold names of people."),
    )
    solidarity_email = models.EmailField(
        _("solidarity contact email"),
        blank=True,
        help_text=_("Private: messages of solidarity are delivered here. Never published."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="coordinated_disputes",
    )
    # Names of employers and unions, title and description folded to one lower-case key, kept
    # by the services so free-text search is one indexed-column scan on every database.
    search_text = models.TextField(editable=False, blank=True, default="")
    source_key = models.CharField(
        _("import key"),
        max_length=100,
        blank=True,
        help_text=_("Identifier in the source this dispute was imported from."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="dispute_status_created"),
            models.Index(fields=["start_date"], name="dispute_start"),
            # The registry version (feeds' cache keys and ETags) reads MAX(updated_at).
            models.Index(fields=["updated_at"], name="dispute_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="dispute_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~Q(source_key=""),
                name="dispute_unique_source_key",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disputes:detail", kwargs={"slug": self.slug})


class DisputeDemand(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="demands")
    demand = models.CharField(_("demand"), max_length=32, choices=Demand)

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "demand"], name="dispute_demand_once"),
        ]
        indexes = [models.Index(fields=["demand"], name="disputedemand_demand")]

    def __str__(self):
        return self.get_demand_display()


class Source(TimeStampedModel):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("address"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind, default="other")
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title or self.url


class Site(TimeStampedModel):
    """A workplace or picket location. Its public_* coordinates are what anyone may see."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    precision = models.CharField(_("precision"), max_length=16, choices=Precision, default="city")
    # Equal to latitude/longitude, or coarsened when the dispute is sensitive (see services).
    public_latitude = models.FloatField(editable=False)
    public_longitude = models.FloatField(editable=False)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["public_latitude", "public_longitude"], name="site_public_point"),
            models.Index(fields=["updated_at"], name="site_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="site_valid_point",
            ),
        ]

    def __str__(self):
        return self.name or self.city or str(self.dispute)


class StrikeAction(TimeStampedModel):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=16, choices=ActionKind, default="strike_day")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("strike action")
        verbose_name_plural = _("strike actions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="action_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"


class PicketShift(TimeStampedModel):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    recurrence = models.CharField(
        _("repeats"), max_length=16, choices=Recurrence, default=Recurrence.NONE
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)

    class Meta:
        verbose_name = _("picket shift")
        verbose_name_plural = _("picket shifts")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(recurrence="none") | Q(repeat_until__isnull=False),
                name="shift_repeats_until",
            ),
        ]

    def __str__(self):
        return f"{self.site} {self.starts_at:%Y-%m-%d %H:%M}"
