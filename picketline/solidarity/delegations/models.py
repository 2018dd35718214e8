"""Delegations, visits and meetings between workers: connecting the struggles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute


class DelegationKind(models.TextChoices):
    SENT = "sent", _("Sent a delegation")
    VISITED = "visited", _("Visited the picket line")
    ONLINE = "online", _("Met online")


class Delegation(TimeStampedModel):
    """A workplace, union branch or group that sent a delegation, visited, or met the strikers."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="delegations")
    kind = models.CharField(_("what happened"), max_length=16, choices=DelegationKind)
    date = models.DateField(_("date"))
    group_name = models.CharField(_("who"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    description = models.TextField(_("what was done"), max_length=2000, blank=True)
    # The dispute the delegation came from, when it is in the registry too.
    from_dispute = models.ForeignKey(
        Dispute,
        verbose_name=_("from the dispute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegations_sent",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Recorded by a coordinator: public at once. Told by anyone else: once a moderator agrees.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_dispute=models.F("dispute")), name="delegation_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.group_name} ({self.date})"
