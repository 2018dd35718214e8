"""Campaigns: one struggle across workplaces and countries.

A campaign targets employer groups (a parent company and its subsidiaries, each an employer
`Organisation` with its country), joins disputes (`CampaignDispute`) under a set of common
demands (`CommonDemand`, each with translations), and records for every dispute and demand
whether the workplace adopted it and where it stands (`DemandAdoption`): the matrix.

The rules a bug must not break are database constraints: a dispute joins a campaign once, a
cell exists once per dispute and demand, a status only on an adopted demand, a translation
once per language.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.campaigns.choices import CampaignStatus, DemandStatus
from picketline.core.models import TimeStampedModel
from picketline.disputes.choices import Sector
from picketline.disputes.models import Dispute
from picketline.events.models import DayOfAction, Event
from picketline.organisations.models import Organisation


class EmployerGroup(TimeStampedModel):
    """A company group: the parent employer and its subsidiaries in each country."""

    name = models.CharField(_("name"), max_length=200)
    parent = models.OneToOneField(
        Organisation,
        verbose_name=_("parent company"),
        on_delete=models.CASCADE,
        related_name="employer_group",
        limit_choices_to={"kind": Organisation.Kind.EMPLOYER},
    )
    subsidiaries = models.ManyToManyField(
        Organisation,
        verbose_name=_("subsidiaries"),
        blank=True,
        related_name="employer_groups",
        limit_choices_to={"kind": Organisation.Kind.EMPLOYER},
    )

    class Meta:
        verbose_name = _("employer group")
        verbose_name_plural = _("employer groups")
        ordering = ["name", "id"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="employer_group_named")]

    def __str__(self):
        return self.name


class Campaign(TimeStampedModel):
    PUBLIC_FIELDS = ("title", "summary", "language", "status")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    language = models.CharField(_("language of the title and summary"), max_length=16)
    status = models.CharField(
        _("status"), max_length=16, choices=CampaignStatus, default=CampaignStatus.ACTIVE
    )
    targets = models.ManyToManyField(
        EmployerGroup, verbose_name=_("target companies"), blank=True, related_name="campaigns"
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="campaigns",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="coordinated_campaigns",
    )
    disputes = models.ManyToManyField(
        Dispute,
        verbose_name=_("disputes"),
        through="CampaignDispute",
        blank=True,
        related_name="campaigns",
    )
    # The campaign's own joint actions, beside those of its disputes.
    days_of_action = models.ManyToManyField(
        DayOfAction, verbose_name=_("days of action"), blank=True, related_name="campaigns"
    )
    events = models.ManyToManyField(
        Event, verbose_name=_("events"), blank=True, related_name="campaigns"
    )
    # Invitations to coordinate it, deleted with it.
    invitations = GenericRelation("organisations.Invitation")
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="campaign_has_title"),
            models.CheckConstraint(condition=~Q(language=""), name="campaign_has_language"),
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values), name="campaign_valid_status"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    def get_manage_url(self):
        return reverse("campaigns:manage", kwargs={"slug": self.slug})


class CampaignSector(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sectors")
    sector = models.CharField(_("sector"), max_length=32, choices=Sector)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "sector"], name="campaign_sector_once"),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="campaign_sector_valid"
            ),
        ]
        indexes = [models.Index(fields=["sector", "campaign"], name="campaign_sector")]

    def __str__(self):
        return self.get_sector_display()


class CampaignDispute(models.Model):
    """A dispute taking part in a campaign: a row of the matrix."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="memberships")
    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="campaign_memberships"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("dispute in a campaign")
        verbose_name_plural = _("disputes in campaigns")
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "dispute"], name="campaign_dispute_once"),
        ]
        indexes = [models.Index(fields=["dispute", "campaign"], name="campaign_dispute_by")]

    def __str__(self):
        return f"{self.campaign} · {self.dispute}"


class CommonDemand(models.Model):
    """One demand of a campaign's common set, written in `language`; `translations` give it
    in other languages."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="demands")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    language = models.CharField(_("language"), max_length=16)
    text = models.CharField(_("demand"), max_length=500)

    class Meta:
        verbose_name = _("common demand")
        verbose_name_plural = _("common demands")
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="common_demand_has_text"),
            models.CheckConstraint(condition=~Q(language=""), name="common_demand_has_language"),
        ]

    def __str__(self):
        return self.text


class CommonDemandTranslation(models.Model):
    demand = models.ForeignKey(CommonDemand, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=16)
    text = models.CharField(_("demand"), max_length=500)

    class Meta:
        verbose_name = _("translation of a common demand")
        verbose_name_plural = _("translations of common demands")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "language"], name="common_demand_translation_once"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="common_translation_has_text"),
            models.CheckConstraint(
                condition=~Q(language=""), name="common_translation_has_language"
            ),
        ]

    def __str__(self):
        return self.text


# Not adopted: no status and no date. Adopted: one of the statuses.
ADOPTION_VALID = Q(adopted=False, status="", date__isnull=True) | Q(
    adopted=True, status__in=DemandStatus.values
)


class DemandAdoption(TimeStampedModel):
    """One cell of the matrix: where one dispute of a campaign stands on one common demand."""

    membership = models.ForeignKey(
        CampaignDispute, on_delete=models.CASCADE, related_name="adoptions"
    )
    demand = models.ForeignKey(CommonDemand, on_delete=models.CASCADE, related_name="adoptions")
    adopted = models.BooleanField(_("adopted"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=DemandStatus, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("demand in a workplace")
        verbose_name_plural = _("demands in workplaces")
        ordering = ["membership", "demand"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "demand"], name="adoption_once"),
            models.CheckConstraint(condition=ADOPTION_VALID, name="adoption_valid_status"),
        ]
        indexes = [models.Index(fields=["demand"], name="adoption_demand")]

    def __str__(self):
        return f"{self.membership} · {self.demand}"


# The strategic plans (`plans/`) are part of this app: Django finds their models through here.
from picketline.campaigns.plans.models import (  # noqa: E402, F401
    EscalationStep,
    Goal,
    PlanVersion,
    Stakeholder,
    StrategicPlan,
)
