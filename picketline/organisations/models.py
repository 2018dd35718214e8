"""An organisation: an employer, a union, a network or a committee, with the people who hold
its account (its organisers), what it stands for (a platform of demands, each translatable)
and, for a cross-union committee, its member organisations. Chapters (`chapters/`) and
invitations (`invitations/`) are gathered here."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.organisations.chapters.models import Chapter, ChapterRequest
from picketline.organisations.invitations.models import Invitation

__all__ = [
    "Chapter",
    "ChapterRequest",
    "Invitation",
    "Organisation",
    "OrganisationDemand",
    "OrganisationDemandTranslation",
]


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        UNION = "union", _("Union")
        UNION_BRANCH = "union_branch", _("Union branch")
        NETWORK = "network", _("Solidarity network")
        STRIKE_COMMITTEE = "strike_committee", _("Strike committee")
        CROSS_UNION = "cross_union", _("Cross-union committee")
        INTERNATIONAL = "international", _("International committee")
        OTHER = "other", _("Other group")

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
    summary = models.CharField(
        _("in one sentence"), max_length=300, blank=True, help_text=_("Who you are, briefly.")
    )
    description = models.TextField(_("who we are"), max_length=10000, blank=True)
    language = models.CharField(
        _("language of the summary and description"), max_length=16, default="en"
    )
    # A cross-union committee's member organisations (unions, branches, committees of a town).
    member_organisations = models.ManyToManyField(
        "self",
        verbose_name=_("member organisations"),
        symmetrical=False,
        blank=True,
        related_name="member_of",
    )
    # Kept equal to normalize_name(name) by the services: duplicate detection looks names up here.
    name_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    # A verified union's coordinators publish without moderation, with a union-verified badge.
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account holders"),
        blank=True,
        related_name="coordinated_organisations",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    # Invitations to hold its account, deleted with it.
    invitations = GenericRelation("organisations.Invitation")

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

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_employer(self) -> bool:
        return self.kind == self.Kind.EMPLOYER

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def get_manage_url(self) -> str:
        return reverse("organisations:manage", kwargs={"slug": self.slug})


class OrganisationDemand(models.Model):
    """One demand of an organisation's platform, written in `language`; its translations
    into other languages are `translations`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="demands")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    language = models.CharField(_("language"), max_length=16)
    text = models.CharField(_("demand"), max_length=500)

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["organisation", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="demand_has_text"),
            models.CheckConstraint(condition=~Q(language=""), name="demand_has_language"),
        ]

    def __str__(self):
        return self.text


class OrganisationDemandTranslation(models.Model):
    demand = models.ForeignKey(
        OrganisationDemand, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=16)
    text = models.CharField(_("demand"), max_length=500)

    class Meta:
        verbose_name = _("translation of a demand")
        verbose_name_plural = _("translations of demands")
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "language"], name="demand_translation_unique_language"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="demand_translation_has_text"),
        ]

    def __str__(self):
        return self.text
