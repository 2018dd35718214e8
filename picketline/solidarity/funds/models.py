"""Strike funds, their append-only ledger, and pledges to give."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute


class FundKind(models.TextChoices):
    STRIKE = "strike", _("Strike fund")
    HARDSHIP = "hardship", _("Hardship fund")


class Fund(TimeStampedModel):
    """Money raised for a dispute. Shown to the public once a moderator has verified how to
    give; its totals are always computed from the ledger."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="funds")
    kind = models.CharField(_("kind"), max_length=16, choices=FundKind, default=FundKind.STRIKE)
    name = models.CharField(_("name"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217, e.g. GBP"))
    target_minor = models.PositiveBigIntegerField(
        _("target"), null=True, blank=True, help_text=_("In the currency's smallest unit.")
    )
    donation_url = models.URLField(_("donation link"), blank=True)
    bank_details = models.TextField(_("bank details"), blank=True, max_length=1000)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="fund_currency_code"
            ),
            models.CheckConstraint(
                condition=~Q(donation_url="") | ~Q(bank_details=""), name="fund_says_how_to_give"
            ),
        ]

    def __str__(self):
        return self.name


class EntryKind(models.TextChoices):
    WORKPLACE = "workplace", _("Workplace collection")
    STREET = "street", _("Street collection")
    ONLINE = "online", _("Online")
    TRANSFER = "transfer", _("Transfer")
    GRANT = "grant", _("Grant")
    DISBURSEMENT = "disbursement", _("Disbursement")
    REVERSAL = "reversal", _("Correction")


class LedgerEntry(models.Model):
    """One movement of money. Never edited or deleted: a mistake is undone by a reversing
    entry that points at it and says why."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind)
    # Signed, in the currency's smallest unit: money in is positive, disbursements negative.
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("corrects"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_minor=0), name="entry_not_zero"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="entry_currency_code"
            ),
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True) & ~Q(kind="reversal"))
                | (Q(reverses__isnull=False, kind="reversal") & ~Q(reason="")),
                name="entry_reversal_has_target_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind="disbursement") | Q(amount_minor__lt=0),
                name="entry_disbursement_negative",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount_minor} {self.currency}"


class PledgeStatus(models.TextChoices):
    PROMISED = "promised", _("Promised")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")


class PledgeRecurrence(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Every month")


class Pledge(TimeStampedModel):
    """A supporter's promise to give. A treasurer marks it received, which writes the entry."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="pledges")
    amount_minor = models.PositiveBigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    recurrence = models.CharField(
        _("how often"), max_length=16, choices=PledgeRecurrence, default=PledgeRecurrence.ONCE
    )
    name = models.CharField(
        _("your name"), max_length=100, blank=True, help_text=_("Leave empty to stay anonymous.")
    )
    email = models.EmailField(_("your email"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PledgeStatus, default=PledgeStatus.PROMISED
    )
    entry = models.OneToOneField(
        LedgerEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="pledge"
    )
    received_at = models.DateTimeField(null=True, blank=True)
    cancel_token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="pledge_positive"),
            models.CheckConstraint(
                condition=~Q(status="received") | Q(received_at__isnull=False),
                name="pledge_received_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.amount_minor} {self.currency}"
