"""Secret ballots: a question put to a frozen roll of voters, who vote once each by a private
link, in secret, and can check afterwards that their vote was counted.

What links a vote to a voter is kept apart by construction (docs/ballots.md):
- `Voter` is the roll. It knows whether someone has voted, never what or when: it has no
  timestamps that move when a vote is cast.
- `SealedVote` holds a vote while the ballot is open: its choices, weight and receipt hash are
  sealed (AES-GCM, a key of the ballot's own derived from the install's keys), its id is random,
  and it has no timestamp.
- `CountedVote` is what the close makes of the sealed votes, written in a shuffled order in one
  transaction, after which the sealed votes are deleted: a receipt's hash, the choices and the
  weight, nothing else. These rows are the public tracker.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel


class BallotStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ElectorateKind(models.TextChoices):
    MEMBERS = "members", _("Members in good standing at a record date")
    LIST = "list", _("A list of email addresses")


class Threshold(models.TextChoices):
    MAJORITY = "majority", _("More than half of the votes cast")
    TWO_THIRDS = "two_thirds", _("At least two thirds of the votes cast")


class Outcome(models.TextChoices):
    CARRIED = "carried", _("Carried")
    NOT_CARRIED = "not_carried", _("Not carried")
    QUORUM_NOT_MET = "quorum_not_met", _("Quorum not met")


class Ballot(TimeStampedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    chapter = models.ForeignKey(
        "organisations.Chapter",
        verbose_name=_("chapter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballots",
        help_text=_("Only this chapter's members vote."),
    )
    question = models.CharField(_("question"), max_length=300)
    information = models.TextField(
        _("information for voters"),
        max_length=20000,
        blank=True,
        help_text=_("The offer itself, or what voters need to know."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("how many options a voter may choose"), default=1
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    electorate = models.CharField(_("who may vote"), max_length=8, choices=ElectorateKind)
    record_date = models.DateField(_("record date"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_("The times of the ballot are shown on this clock."),
    )
    weighted = models.BooleanField(
        _("weighted votes"),
        default=False,
        help_text=_("Each delegate carries the members they represent."),
    )
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (minimum turnout, %)"), default=0)
    threshold = models.CharField(
        _("threshold"), max_length=16, choices=Threshold, default=Threshold.MAJORITY
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BallotStatus, default=BallotStatus.DRAFT
    )
    # A random salt: with the install's keys it makes this ballot's sealing key.
    seal_salt = models.CharField(max_length=32, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Filled at the close: roll and turnout (people and weight), each option's votes, quorum
    # met, the outcome. Nothing about who voted what.
    results = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="ballot_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1), name="ballot_one_choice_at_least"
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="ballot_quorum_a_percentage"
            ),
            models.CheckConstraint(
                condition=Q(electorate=ElectorateKind.LIST) | Q(record_date__isnull=False),
                name="ballot_members_have_a_record_date",
            ),
            models.CheckConstraint(
                condition=Q(
                    status=BallotStatus.CLOSED, results__isnull=False, closed_at__isnull=False
                )
                | (~Q(status=BallotStatus.CLOSED) & Q(results__isnull=True)),
                name="ballot_results_only_when_closed",
            ),
        ]
        indexes = [
            models.Index(
                fields=["closes_at"],
                condition=Q(status="open"),
                name="ballot_open_by_closing",
            )
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("ballots:detail", kwargs={"pk": self.pk})

    def get_manage_url(self) -> str:
        return reverse("ballots:manage", kwargs={"pk": self.pk})


class Scrutineer(models.Model):
    """Someone who watches the ballot: sees the roll's size and the turnout while it is open,
    never a choice (nor, before the close, a count)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="scrutineers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("scrutineer")
        verbose_name_plural = _("scrutineers")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "user"], name="scrutineer_once"),
        ]

    def __str__(self):
        return str(self.user)


class BallotOption(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("option"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["ballot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="option_position_unique"),
            models.UniqueConstraint(fields=["ballot", "label"], name="option_label_unique"),
        ]

    def __str__(self):
        return self.label


class Voter(models.Model):
    """One person on a ballot's roll, frozen when the ballot opens.

    No created/updated times: a row that changed when its voter voted would date the vote.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="voters")
    membership = models.ForeignKey(
        "membership.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=16, blank=True)
    weight = models.PositiveIntegerField(default=1)
    # The private link's token is made from this nonce and the secret key (the same link in
    # the invitation and every reminder); its hash finds the voter. Both cleared at the close.
    token_nonce = models.CharField(max_length=32, blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    voted = models.BooleanField(default=False)
    invited = models.BooleanField(default=False)
    reminded = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "email"], name="voter_once_per_ballot"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="voter_weight_positive"),
        ]
        indexes = [
            models.Index(fields=["ballot"], condition=Q(voted=False), name="voter_not_yet_voted"),
        ]

    def __str__(self):
        return self.name or self.email


class SealedVote(models.Model):
    """A vote cast while the ballot is open: sealed, with a random id and no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="+")
    sealed = models.TextField()

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(self.pk)


class CountedVote(models.Model):
    """A vote as counted at the close, in shuffled order: the public tracker's rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="counted")
    receipt_hash = models.CharField(max_length=64)
    # The chosen options' ids, sorted.
    choices = models.JSONField()
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "receipt_hash"], name="counted_receipt_unique"
            ),
        ]

    def __str__(self):
        return self.receipt_hash
