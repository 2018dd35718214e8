from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.core.times import validate_timezone


class MeetingWeek(models.TextChoices):
    """Which week of the month a chapter meets in, or every week."""

    EVERY = "every", _("every week")
    FIRST = "first", _("first week of the month")
    SECOND = "second", _("second week of the month")
    THIRD = "third", _("third week of the month")
    FOURTH = "fourth", _("fourth week of the month")
    LAST = "last", _("last week of the month")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Chapter(TimeStampedModel):
    """An organisation's group in a city: where it is (a gazetteer place and an area around it),
    when it meets ("first Tuesday, 19:00" on its own clock) and who organises it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="chapters"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, allow_unicode=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    language = models.CharField(_("language of the description"), max_length=16, default="en")
    # Where: the place as the gazetteer names it, and its point; the area is a radius around it.
    place_name = models.CharField(_("place"), max_length=200)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    area_km = models.PositiveIntegerField(
        _("area (km around the place)"),
        default=25,
        help_text=_("People within this distance are offered this chapter."),
    )
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    # When: a regular meeting, or none (then all three are empty).
    meeting_week = models.CharField(
        _("meets"), max_length=8, choices=MeetingWeek, blank=True, default=""
    )
    meeting_weekday = models.PositiveSmallIntegerField(
        _("on"), choices=Weekday, null=True, blank=True
    )
    meeting_time = models.TimeField(_("at"), null=True, blank=True)
    meeting_place = models.CharField(_("where it meets"), max_length=300, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_chapters",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["organisation", "name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="chapter_point")]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="chapter_unique_slug"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="chapter_valid_point",
            ),
            models.CheckConstraint(condition=Q(area_km__gte=1), name="chapter_area_positive"),
            models.CheckConstraint(
                condition=Q(
                    meeting_week="", meeting_weekday__isnull=True, meeting_time__isnull=True
                )
                | (
                    ~Q(meeting_week="")
                    & Q(meeting_weekday__isnull=False, meeting_time__isnull=False)
                ),
                name="chapter_meeting_whole_or_none",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "organisations:chapter",
            kwargs={"slug": self.organisation.slug, "chapter": self.slug},
        )

    def get_manage_url(self) -> str:
        return reverse(
            "organisations:chapter_manage",
            kwargs={"slug": self.organisation.slug, "chapter": self.slug},
        )


class ChapterRequest(TimeStampedModel):
    """ "No chapter near you — start one": someone asks an organisation for a chapter where they
    are. The organisation's organisers approve it (which creates the chapter and invites the
    requester to organise it) or decline it. The requester's name and email are for the
    organisers only, never shown on a public page."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="chapter_requests"
    )
    name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("your email"))
    # The place as typed, and where the gazetteer put it.
    place_name = models.CharField(_("place"), max_length=200)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    message = models.TextField(_("a few words"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=16, default="en")
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chapter = models.ForeignKey(
        Chapter, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )

    class Meta:
        verbose_name = _("chapter request")
        verbose_name_plural = _("chapter requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="chapter_request_decided_when_not_pending",
            ),
            models.CheckConstraint(
                condition=Q(chapter__isnull=True) | Q(status="approved"),
                name="chapter_request_chapter_only_when_approved",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="chapter_request_valid_point",
            ),
        ]

    def __str__(self):
        return self.place_name
