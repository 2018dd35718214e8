"""Dues: each organisation's plans and settings, and every member's append-only ledger."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.core.times import validate_timezone


class DuesPeriod(models.TextChoices):
    MONTHLY = "monthly", _("every month")
    YEARLY = "yearly", _("every year")


class PlanKind(models.TextChoices):
    FIXED = "fixed", _("Fixed amount")
    SLIDING = "sliding", _("Sliding scale (the member chooses, from the amount up)")
    WAIVED = "waived", _("Waived (hardship: no dues)")


class DuesPlan(TimeStampedModel):
    """What a member of an organisation pays, and how often. A waived (hardship) plan has no
    amount, so nothing about what someone can afford is ever shown."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="dues_plans"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=PlanKind, default=PlanKind.FIXED)
    amount_minor = models.PositiveBigIntegerField(
        _("amount"), default=0, help_text=_("In the currency's smallest unit.")
    )
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217, e.g. GBP"))
    period = models.CharField(
        _("period"), max_length=8, choices=DuesPeriod, default=DuesPeriod.MONTHLY
    )
    is_active = models.BooleanField(_("offered to people joining"), default=True)

    class Meta:
        verbose_name = _("dues plan")
        verbose_name_plural = _("dues plans")
        ordering = ["organisation", "amount_minor", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="dues_plan_unique_name"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="dues_plan_currency_code"
            ),
            models.CheckConstraint(
                condition=(Q(kind="waived") & Q(amount_minor=0))
                | (~Q(kind="waived") & Q(amount_minor__gt=0)),
                name="dues_plan_amount_matches_kind",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_waived(self) -> bool:
        return self.kind == PlanKind.WAIVED


class MembershipSettings(models.Model):
    """An organisation's membership rules: the clock its dues periods follow, how many unpaid
    periods a member may have before lapsing, and its membership drive's goal."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="membership_settings"
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    grace_periods = models.PositiveSmallIntegerField(
        _("unpaid periods before a member lapses"), default=2
    )
    drive_goal = models.PositiveIntegerField(_("membership drive goal"), default=0)

    class Meta:
        verbose_name = _("membership settings")
        verbose_name_plural = _("membership settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(grace_periods__lte=120), name="membership_grace_bounded"
            ),
        ]

    def __str__(self):
        return str(self.organisation_id)


class EntryMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK = "bank", _("Bank transfer")
    CARD = "card", _("Card (payment provider)")
    OTHER = "other", _("Other")
    REVERSAL = "reversal", _("Correction")


class DuesEntry(models.Model):
    """One payment of dues. Never edited or deleted: a mistake is undone by a reversing entry
    that points at it and says why. `external_id` names where an entry came from outside
    (a provider's invoice, a bank statement's row), so the same payment is recorded once."""

    membership = models.ForeignKey(
        "membership.Membership", on_delete=models.PROTECT, related_name="dues_entries"
    )
    date = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=8, choices=EntryMethod)
    # Signed, in minor units: payments positive, corrections the opposite of what they undo.
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    note = models.CharField(_("note"), max_length=300, blank=True)
    external_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("corrects"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("dues entry")
        verbose_name_plural = _("dues entries")
        ordering = ["date", "id"]
        # The amount is in the index so a member's total to a date is read from the index
        # alone (standing sums it for every member of a roster).
        indexes = [
            models.Index(
                fields=["membership", "date", "amount_minor"], name="dues_entry_member_paid"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="dues_entry_currency_code"
            ),
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True) & ~Q(method="reversal") & Q(amount_minor__gt=0))
                | (
                    Q(reverses__isnull=False, method="reversal")
                    & ~Q(reason="")
                    & Q(amount_minor__lt=0)
                ),
                name="dues_entry_payment_positive_or_reversal",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount_minor} {self.currency}"
