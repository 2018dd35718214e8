"""Members of an organisation (and of one of its chapters), and its treasurers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for email confirmation")
    ACTIVE = "active", _("Member")
    LEFT = "left", _("Left")


class MembershipSource(models.TextChoices):
    ONLINE = "online", _("Joined online")
    API = "api", _("Joined through the organisation's website")
    STALL = "stall", _("Met at a stall")
    ADMIN = "admin", _("Added from the command line")


ACTIVE_STATUSES = (MembershipStatus.PENDING, MembershipStatus.ACTIVE)


class Membership(models.Model):
    """One person's membership of one organisation. Union membership is special-category
    personal data: only the member's chapter organisers and the organisation's admins see it,
    and treasurers see only what dues need (see `selectors.MembershipAccess`)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    chapter = models.ForeignKey(
        "organisations.Chapter",
        verbose_name=_("chapter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    plan = models.ForeignKey(
        "membership.DuesPlan",
        verbose_name=_("dues plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    # On a sliding-scale plan, what the member chose to pay each period (at least the plan's).
    amount_minor = models.PositiveBigIntegerField(_("dues chosen"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MembershipStatus, default=MembershipStatus.PENDING
    )
    source = models.CharField(_("how they joined"), max_length=8, choices=MembershipSource)
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    agreed_at = models.DateTimeField(_("agreed with the demands"))
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True, db_index=True)
    # The first day of the first dues period, on the organisation's clock.
    dues_start = models.DateField(_("dues from"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    # The single-use link that confirms joining (hash only), and the link to the member's own
    # page made from a nonce and the secret key (so every email can carry it).
    confirm_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    token_nonce = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first day of the dues period whose arrears reminder was sent.
    reminded_for = models.DateField(null=True, blank=True)
    # A payment provider's customer and subscription, once a checkout completes.
    provider_customer = models.CharField(max_length=100, blank=True)
    provider_subscription = models.CharField(max_length=100, blank=True, db_index=True)
    subscription_ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "name", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "chapter"], name="membership_roster"),
            # The roster's order: a page is read from the index, not sorted from every row.
            models.Index(
                fields=["organisation", "status", "name", "id"], name="membership_roster_order"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(status__in=["pending", "active"]),
                name="membership_one_current_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(status="active")
                | Q(joined_at__isnull=False, dues_start__isnull=False),
                name="membership_active_has_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="left") | Q(left_at__isnull=False),
                name="membership_left_has_time",
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__isnull=True) | Q(amount_minor__gt=0),
                name="membership_amount_positive",
            ),
            models.CheckConstraint(condition=~Q(email=""), name="membership_has_email"),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}"

    @property
    def reference(self) -> str:
        """What a member writes on a bank transfer so the treasurer can match it."""
        return f"M{self.pk}"


class Treasurer(models.Model):
    """Someone who keeps an organisation's dues: records payments and matches bank
    statements. Sees members' names and standing, never their contact details."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="treasurers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treasurer_of"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("treasurer")
        verbose_name_plural = _("treasurers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="treasurer_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.organisation_id}"
