from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.core.times import validate_timezone  # earlier migrations name it here
from picketline.disputes.choices import (
    DEFAULT_STATUSES,
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
from picketline.organisations.models import Organisation


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
    # Invitations to coordinate it, deleted with it.
    invitations = GenericRelation("organisations.Invitation")
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
    # Raised by every update; an edit form posts the version it was opened at, and a stale
    # version is refused rather than silently overwriting someone else's change.
    version = models.PositiveIntegerField(default=1, editable=False)
    # 0 while people can still go and support it (DEFAULT_STATUSES), 1 after: the list's default
    # order. Kept by the database, so that order is read from an index, not sorted per request.
    current_rank = models.GeneratedField(
        expression=Case(
            When(status__in=[status.value for status in DEFAULT_STATUSES], then=Value(0)),
            default=Value(1),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="dispute_status_created"),
            models.Index(fields=["start_date"], name="dispute_start"),
            models.Index(fields=["current_rank", "-created_at", "-id"], name="dispute_current"),
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
            # The country filter: the disputes with a site in a country, from the index alone.
            models.Index(fields=["country", "dispute"], name="site_country"),
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
    capacity = models.PositiveIntegerField(
        _("people needed at most"),
        null=True,
        blank=True,
        help_text=_("Leave empty when any number may come."),
    )

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


class Submission(TimeStampedModel):
    """A dispute reported through "Add a strike" or the API, before a moderator publishes it.

    The submitter's name and email and the solidarity contact are private: only moderators and,
    once published, the dispute's coordinators see them.
    """

    employer = models.CharField(_("employer"), max_length=200)
    unions = models.CharField(
        _("unions"), max_length=300, blank=True, help_text=_("Separate several with commas.")
    )
    kind = models.CharField(_("what is happening"), max_length=16, choices=DisputeKind)
    dispute_status = models.CharField(
        _("status"), max_length=16, choices=DisputeStatus, default=DisputeStatus.ACTIVE
    )
    description = models.TextField(_("description"), max_length=5000)
    language = models.CharField(_("language of the description"), max_length=16, default="en")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector, blank=True)
    workers_involved = models.PositiveIntegerField(_("workers involved"), null=True, blank=True)
    demands = models.JSONField(_("demands"), default=list, blank=True)
    demands_other = models.CharField(_("other demands"), max_length=500, blank=True)
    # Where: the place as typed, and the point it resolved to (or where the pin was dropped).
    place_name = models.CharField(_("place"), max_length=200)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    precision = models.CharField(_("precision"), max_length=16, choices=Precision, default="city")
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    # The picket line, when the submitter knows one.
    picket_address = models.CharField(_("picket address"), max_length=300, blank=True)
    picket_starts_at = models.DateTimeField(_("picket starts"), null=True, blank=True)
    picket_ends_at = models.DateTimeField(_("picket ends"), null=True, blank=True)
    picket_weekly = models.BooleanField(_("repeats every week"), default=False)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    sensitive = models.BooleanField(
        _("workers could face retaliation"),
        default=False,
        help_text=_("Publish only an approximate location and no names of people."),
    )
    solidarity_email = models.EmailField(_("solidarity contact email"), blank=True)
    submitter_name = models.CharField(_("your name"), max_length=100, blank=True)
    submitter_email = models.EmailField(_("your email"), blank=True)
    contact_consent = models.BooleanField(_("consent to be contacted"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dispute_submissions",
    )
    via_api = models.BooleanField(default=False)
    # The private status link carries a token made from this nonce and the secret key; the
    # database holds the nonce and the token's hash, never the token itself.
    status_nonce = models.CharField(max_length=32, unique=True)
    status_token_hash = models.CharField(max_length=64, unique=True)
    dispute = models.ForeignKey(
        Dispute,
        verbose_name=_("dispute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text=_("The dispute this submission was published as or merged into."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="submission_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(picket_starts_at__isnull=True, picket_ends_at__isnull=True)
                | Q(picket_ends_at__gt=F("picket_starts_at")),
                name="submission_picket_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(submitter_email="") | Q(contact_consent=True),
                name="submission_email_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="submission_valid_point",
            ),
        ]

    def __str__(self):
        return f"{self.employer} ({self.place_name})"

    @property
    def union_names(self) -> list[str]:
        return [name.strip() for name in self.unions.split(",") if name.strip()]
