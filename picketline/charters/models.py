"""A charter: a document published in versions, each version translated into many languages
(each translation a draft until a named reviewer approves it), and the people and
organisations who endorse it.

An endorser's email is private: it confirms a person's endorsement and lets moderators reach
an organisation; it is never shown on a public page, in the API or in a task's payload.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel


class Charter(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="charters",
    )
    language = models.CharField(_("original language"), max_length=16, default="en")
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="charter_has_title"),
            models.CheckConstraint(condition=~Q(language=""), name="charter_has_language"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("charters:detail", kwargs={"slug": self.slug})

    def get_manage_url(self) -> str:
        return reverse("charters:manage", kwargs={"slug": self.slug})


class CharterVersion(models.Model):
    """One version of the charter's text, as written in the charter's original language."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    published_on = models.DateField(_("published"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=20000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["charter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="charter_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="charter_version_positive"),
            models.CheckConstraint(condition=~Q(text=""), name="charter_version_has_text"),
        ]

    def __str__(self):
        return f"{self.charter_id} v{self.number}"


class TranslationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class CharterTranslation(TimeStampedModel):
    """A version's text in another language. Readers are shown it as the charter's text only
    once approved; a draft is shown beside the original with a note."""

    version = models.ForeignKey(
        CharterVersion, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=16)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=20000)
    status = models.CharField(
        _("status"), max_length=8, choices=TranslationStatus, default=TranslationStatus.DRAFT
    )
    # The reviewer's name as credited on the page, and the account that approved it.
    reviewer_name = models.CharField(_("reviewed by"), max_length=100, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("charter translation")
        verbose_name_plural = _("charter translations")
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"], name="charter_translation_unique_language"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="charter_translation_has_text"),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (Q(reviewed_at__isnull=False) & ~Q(reviewer_name="")),
                name="charter_translation_approved_is_reviewed",
            ),
        ]

    def __str__(self):
        return f"{self.version} [{self.language}]"


class EndorserKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class EndorsementStatus(models.TextChoices):
    # A person's, until they follow the emailed link; an organisation's, until moderators
    # verify it.
    PENDING = "pending", _("Waiting")
    COUNTED = "counted", _("Counted")
    REJECTED = "rejected", _("Rejected")


class Endorsement(models.Model):
    """A person's or an organisation's endorsement of a charter. It counts (and shows) once
    `status` is counted: a person's after the emailed link confirms it, an organisation's after
    moderators verify it. A person's name is public only when they chose so; the country
    always is."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="endorsements")
    kind = models.CharField(_("who endorses"), max_length=12, choices=EndorserKind)
    name = models.CharField(_("name"), max_length=200)
    # Kept lower-cased by the services: the same address endorses once per charter and kind.
    email = models.EmailField(_("email"), max_length=254, blank=True)
    country = models.CharField(_("country"), max_length=2)
    show_name = models.BooleanField(_("show my name"), default=False)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=EndorsementStatus,
        default=EndorsementStatus.PENDING,
    )
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(_("endorsed"), auto_now_add=True)
    counted_at = models.DateTimeField(_("counted since"), null=True, blank=True)
    # The single-use link confirming a person's endorsement (its hash only).
    confirm_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["charter", "-counted_at", "-id"]
        indexes = [
            models.Index(fields=["charter", "status", "kind"], name="endorsement_counted"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "kind", "email"],
                condition=~Q(status="rejected") & ~Q(email=""),
                name="endorsement_once_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(status="counted") | Q(counted_at__isnull=False),
                name="endorsement_counted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(kind="person") | Q(show_name=True),
                name="endorsement_organisation_named",
            ),
            models.CheckConstraint(condition=~Q(country=""), name="endorsement_has_country"),
            models.CheckConstraint(condition=~Q(name=""), name="endorsement_has_name"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} ({self.status})"

    @property
    def public_name(self) -> str:
        """The name shown to the public: an organisation's always, a person's when they
        agreed; else nothing."""
        return self.name if self.show_name else ""
