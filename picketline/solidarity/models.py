"""Solidarity with a dispute: messages to the strikers, strike funds and their ledgers, and
people signing up to stand on a picket line.

Contact details given here (senders', pledgers' and picket volunteers' emails and phones) are
private: only the dispute's coordinators see what the person agreed to share.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute, PicketShift

# --- messages of solidarity ------------------------------------------------------------------


class Message(TimeStampedModel):
    """A message of solidarity to a dispute's strikers. Published once a moderator approves it
    (or at once when it comes from a verified organisation's account)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="messages")
    sender_name = models.CharField(
        _("your name"), max_length=100, blank=True, help_text=_("Leave empty to stay anonymous.")
    )
    organisation_name = models.CharField(
        _("union, workplace or organisation"), max_length=200, blank=True
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    body = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language of the message"), max_length=16, default="en")
    photo = models.ImageField(_("photo"), upload_to="messages/%Y/%m/", blank=True)
    sender_email = models.EmailField(_("your email"), blank=True)
    contact_consent = models.BooleanField(_("the strike committee may contact me"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solidarity_messages",
    )
    via_api = models.BooleanField(default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("solidarity message")
        verbose_name_plural = _("solidarity messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["dispute", "-published_at"],
                condition=Q(published_at__isnull=False),
                name="message_published",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sender_email="") | Q(contact_consent=True),
                name="message_email_needs_consent",
            ),
        ]

    def __str__(self):
        return self.body[:60]


class DigestFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as they arrive")
    HOURLY = "hourly", _("At most once an hour")
    DAILY = "daily", _("Once a day")


class MessageRecipient(TimeStampedModel):
    """Someone a dispute's messages are delivered to, and how often they want them."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(
        _("how often"), max_length=16, choices=DigestFrequency, default=DigestFrequency.DAILY
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message recipient")
        verbose_name_plural = _("message recipients")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "email"], name="recipient_once"),
        ]

    def __str__(self):
        return self.email


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Gave up")


class MessageDelivery(models.Model):
    """One message for one recipient: the row is the queue. Delivered once, in a digest."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        MessageRecipient, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=16, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "recipient"], name="delivery_once_per_recipient"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_pending",
            ),
        ]

    def __str__(self):
        return f"{self.message_id} → {self.recipient_id} ({self.status})"


# --- strike funds ----------------------------------------------------------------------------


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


# --- picket sign-ups -------------------------------------------------------------------------


class ShiftSignup(TimeStampedModel):
    """Someone coming to one occurrence of a picket shift, with how many people."""

    shift = models.ForeignKey(PicketShift, on_delete=models.CASCADE, related_name="signups")
    # Which occurrence of a repeating shift (its start, aware, in UTC).
    occurrence_starts_at = models.DateTimeField(_("picket starts"))
    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("your email"), blank=True)
    phone = models.CharField(_("your phone"), max_length=40, blank=True)
    party_size = models.PositiveSmallIntegerField(_("how many people are coming"), default=1)
    cancel_token_hash = models.CharField(max_length=64, unique=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("picket sign-up")
        verbose_name_plural = _("picket sign-ups")
        ordering = ["occurrence_starts_at", "id"]
        indexes = [
            models.Index(
                fields=["shift", "occurrence_starts_at"],
                condition=Q(cancelled_at__isnull=True),
                name="signup_active",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_size__gte=1, party_size__lte=50), name="signup_party_size"
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="signup_has_contact"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.party_size})"


class ShiftAttendance(TimeStampedModel):
    """How many people a coordinator counted on the line at one occurrence of a shift."""

    shift = models.ForeignKey(PicketShift, on_delete=models.CASCADE, related_name="attendance")
    occurrence_starts_at = models.DateTimeField()
    people = models.PositiveIntegerField(_("people who came"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "occurrence_starts_at"], name="attendance_once"
            ),
        ]

    def __str__(self):
        return f"{self.shift_id} {self.occurrence_starts_at:%Y-%m-%d}: {self.people}"


# --- connecting the struggles ----------------------------------------------------------------


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
