from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    WON = "won", _("Won")
    ENDED = "ended", _("Ended")


class DemandStatus(models.TextChoices):
    """Where a workplace stands on a common demand it has adopted."""

    # "Raised" with a context: without one it is the money a fund raised.
    RAISED = "raised", pgettext_lazy("demand status", "Raised")
    WON = "won", _("Won")
    PARTLY_WON = "partly_won", _("Partly won")
    LOST = "lost", _("Lost")


# Shown beside the status's name in the matrix, so no one has to tell statuses by colour.
STATUS_SYMBOLS = {
    DemandStatus.RAISED: "●",
    DemandStatus.WON: "✔",
    DemandStatus.PARTLY_WON: "◐",
    DemandStatus.LOST: "✖",
}
NOT_ADOPTED_SYMBOL = "\u2013"  # an en dash
