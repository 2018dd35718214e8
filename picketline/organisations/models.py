"""An organisation: an employer, a union or another group, with the people who hold its
account. Chapters (`chapters/`) and invitations (`invitations/`) are gathered here."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.organisations.chapters.models import Chapter
from picketline.organisations.invitations.models import Invitation

__all__ = ["Chapter", "Invitation", "Organisation"]


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

    def get_manage_url(self) -> str:
        return reverse("organisations:manage", kwargs={"slug": self.slug})
