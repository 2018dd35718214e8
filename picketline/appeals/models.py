"""An appeal: a campaign or a dispute asks supporters to sign a model message to the people
who decide at the employer (its managers, its investors). Each confirmed signature is sent to
every target as an email of its own (mode "send"), paced per target, or only counted (mode
"petition").

Targets' addresses and supporters' addresses are private: never on a page, in a feed, in an
API answer, a log line or a task's payload. A target's name and role are shown only when the
coordinators choose so; a supporter's name only in the emails to the targets and in the
coordinators' export.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel


class AppealMode(models.TextChoices):
    SEND = "send", _("Send each signature to the targets by email")
    PETITION = "petition", _("A petition: count the signatures, send no email")


class EditAllowance(models.TextChoices):
    NONE = "none", _("Supporters sign the message as it is")
    PARAGRAPH = "paragraph", _("Supporters may add a paragraph of their own")


# How many emails one target gets in an hour, unless the appeal says otherwise.
DEFAULT_PER_HOUR = 60


class Appeal(TimeStampedModel):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appeals",
    )
    dispute = models.ForeignKey(
        "disputes.Dispute",
        verbose_name=_("dispute"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appeals",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    language = models.CharField(_("language"), max_length=16, default="en")
    summary = models.TextField(_("why sign"), max_length=4000, blank=True)
    subject = models.CharField(_("subject of the message"), max_length=200)
    body = models.TextField(_("the message"), max_length=10000)
    allowance = models.CharField(
        _("what supporters may change"),
        max_length=16,
        choices=EditAllowance,
        default=EditAllowance.NONE,
    )
    paragraph_limit = models.PositiveSmallIntegerField(
        _("longest paragraph a supporter may add (characters)"), default=600
    )
    mode = models.CharField(_("mode"), max_length=16, choices=AppealMode, default=AppealMode.SEND)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # At most this many emails to one target in an hour; the rest wait for the next hour.
    # None (no pacing) is for tests and the benchmark only: the form always asks for a number.
    per_hour = models.PositiveIntegerField(
        _("emails to each target per hour, at most"), null=True, default=DEFAULT_PER_HOUR
    )
    show_targets = models.BooleanField(_("show the targets' names and roles"), default=False)
    reply_text = models.TextField(_("the target's reply"), max_length=10000, blank=True)
    reply_on = models.DateField(_("replied on"), null=True, blank=True)
    # When a deferred delivery run is queued (a paced run for the next window), so that runs
    # ending with something left do not each queue one more.
    delivery_run_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(campaign__isnull=False) & Q(dispute__isnull=True))
                | (Q(campaign__isnull=True) & Q(dispute__isnull=False)),
                name="appeal_of_campaign_or_dispute",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="appeal_has_title"),
            models.CheckConstraint(condition=~Q(subject=""), name="appeal_has_subject"),
            models.CheckConstraint(condition=~Q(body=""), name="appeal_has_body"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="appeal_closes_later"
            ),
            models.CheckConstraint(
                condition=Q(per_hour__isnull=True) | Q(per_hour__gte=1),
                name="appeal_per_hour_positive",
            ),
            models.CheckConstraint(
                condition=Q(paragraph_limit__gte=1) & Q(paragraph_limit__lte=4000),
                name="appeal_paragraph_limit_range",
            ),
            models.CheckConstraint(
                condition=(Q(reply_text="") & Q(reply_on__isnull=True))
                | (~Q(reply_text="") & Q(reply_on__isnull=False)),
                name="appeal_reply_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("appeals:detail", kwargs={"key": self.slug})

    def get_manage_url(self) -> str:
        return reverse("appeals:manage", kwargs={"key": self.slug})

    @property
    def owner(self):
        return self.campaign if self.campaign_id else self.dispute


class Target(TimeStampedModel):
    """Someone the appeal's emails go to. The address is private; the name and role show on
    the appeal's page only when the coordinators chose so."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Kept lower-cased by the services.
    email = models.EmailField(_("email (never shown)"), max_length=254)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["appeal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appeal", "email"], name="appeal_target_once"),
            models.CheckConstraint(condition=~Q(name=""), name="appeal_target_has_name"),
            models.CheckConstraint(condition=~Q(email=""), name="appeal_target_has_email"),
        ]

    def __str__(self):
        return self.name


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the emailed link")
    CONFIRMED = "confirmed", _("Confirmed")


class Signature(models.Model):
    """A supporter's signature. It counts, and is sent, once its emailed link is followed."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(_("name"), max_length=200)
    # Kept lower-cased by the services: one signature per address and appeal.
    email = models.EmailField(_("email"), max_length=254)
    country = models.CharField(_("country"), max_length=2)
    paragraph = models.TextField(_("your own paragraph"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SignatureStatus, default=SignatureStatus.PENDING
    )
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(_("signed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The single-use link confirming the signature (its hash only).
    confirm_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["appeal", "id"]
        indexes = [
            models.Index(fields=["appeal", "status", "country"], name="appeal_signature_counted"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["appeal", "email"], name="appeal_signature_once"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="appeal_signature_confirmed_has_time",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="appeal_signature_has_name"),
            models.CheckConstraint(condition=~Q(country=""), name="appeal_signature_has_country"),
        ]

    def __str__(self):
        return f"{self.appeal_id}: {self.pk} ({self.status})"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Gave up")


class AppealDelivery(models.Model):
    """One signature for one target: the row is the queue (see `appeals.delivery`)."""

    # No index of its own: the constraint's (signature, target) serves it.
    signature = models.ForeignKey(
        Signature, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="deliveries")
    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    status = models.CharField(max_length=16, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("appeal delivery")
        verbose_name_plural = _("appeal deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["signature", "target"], name="appeal_delivery_once_per_target"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="appeal_delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["appeal", "id"],
                condition=Q(status="pending"),
                name="appeal_delivery_pending",
            ),
            models.Index(
                fields=["target", "sent_at"],
                condition=Q(status="sent"),
                name="appeal_delivery_sent_window",
            ),
        ]

    def __str__(self):
        return f"{self.signature_id} → {self.target_id} ({self.status})"
