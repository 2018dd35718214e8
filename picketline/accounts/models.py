from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.fields import EncryptedTextField


class TotpDevice(models.Model):
    """An authenticator app holding the shared secret; it counts once `confirmed_at` is set.

    The secret has to be kept readable (each code is computed from it), unlike passwords,
    recovery codes and API tokens, which are stored only as hashes: it is stored encrypted
    with the keys in FIELD_ENCRYPTION_KEYS.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="totp_device",
    )
    secret = EncryptedTextField(_("secret"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The time step of the last code accepted: that code and any older one are refused.
    last_used_step = models.BigIntegerField(_("last used time step"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_used_step__gte=0), name="totp_device_step_not_negative"
            ),
            models.CheckConstraint(condition=~Q(secret=""), name="totp_device_has_secret"),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A single-use code that stands in for the authenticator app when the phone is lost."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="recovery_codes",
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "code_hash"], name="recovery_code_unique_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.code_hash[:8]}"


class ApiToken(models.Model):
    """A personal key for the JSON API: `plt_<prefix>_<secret>`, stored only as its hash.

    The prefix is kept in the clear so that a list of tokens can tell them apart; it identifies
    a token but does not authenticate it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_name"),
            models.CheckConstraint(condition=~Q(prefix=""), name="api_token_has_prefix"),
        ]

    def __str__(self):
        return f"{self.name} (plt_{self.prefix}_…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Passkey(models.Model):
    """A WebAuthn credential: a key pair whose private half never leaves the person's device.

    It signs in without a password (it holds the user handle, and the device asks for a PIN or
    a fingerprint) or stands in for the code at the login's second step. Only public data is
    kept: the credential's id and public key, and the counter that exposes a cloned key.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="passkeys",
    )
    name = models.CharField(_("name"), max_length=100)
    # base64url of the raw id, as browsers send it; unique across the site.
    credential_id = models.CharField(_("credential id"), max_length=1400, unique=True)
    public_key = models.BinaryField(_("public key"))
    sign_count = models.PositiveBigIntegerField(_("sign count"), default=0)
    transports = models.JSONField(_("transports"), default=list, blank=True)
    # The random WebAuthn user handle, the same for all of one user's passkeys; never the
    # username or the email, which authenticators may show or sync.
    user_handle = models.CharField(_("user handle"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="passkey_has_name"),
            models.CheckConstraint(condition=~Q(credential_id=""), name="passkey_has_id"),
        ]

    def __str__(self):
        return f"{self.user} #{self.pk}"


class ConfirmedEmail(models.Model):
    """An address the account's owner proved they read, by following an emailed link (or by
    signing up through an invitation sent to it). Things done without an account (a message,
    a pledge, an RSVP by email) count as the owner's, for their own export and erasure, only
    while the account's email is this confirmed address: an address typed into a form proves
    nothing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="confirmed_email",
    )
    email = models.EmailField(_("email"))
    confirmed_at = models.DateTimeField(_("confirmed"))

    class Meta:
        verbose_name = _("confirmed email")
        verbose_name_plural = _("confirmed emails")
        constraints = [
            models.CheckConstraint(condition=~Q(email=""), name="confirmed_email_not_empty"),
        ]

    def __str__(self):
        return str(self.user_id)


class ErasureRequest(models.Model):
    """Someone asked to erase their account: nothing happens until the link emailed to them
    is followed (only its hash is kept), before `expires_at`. Cancelled by deleting it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="erasure_request",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    # Where the link went: following it proves the person reads this address.
    email = models.EmailField(_("email"))
    requested_at = models.DateTimeField(_("asked"))
    expires_at = models.DateTimeField(_("link works until"))

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("requested_at")),
                name="erasure_request_expires_later",
            ),
        ]

    def __str__(self):
        return str(self.user_id)
