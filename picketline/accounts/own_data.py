"""Services for a person's own data: confirming their email address, asking to erase their
account, cancelling that, and the erasure itself.

Erasure is asked for with the password (and the second factor, when the account has one),
then confirmed by following the link emailed to the account's address within
`ERASURE_CONFIRM_HOURS`. Until then the request can be cancelled, and once that time has
passed it lapses with nothing erased. Following the link erases at once: every room's
registered `erase` runs (see `personal_data`), then the emails still waiting in the outbox
for the person's addresses are deleted and the account is deleted. Audit entries stay,
without the person (their `user` becomes empty) and never with a name or an address in them.
"""

import datetime as dt

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.accounts import notices
from picketline.accounts.models import (
    ApiToken,
    ConfirmedEmail,
    ErasureRequest,
    Passkey,
    RecoveryCode,
    TotpDevice,
)
from picketline.accounts.personal_data import person_email, personal_data_kinds
from picketline.accounts.services import totp_verify
from picketline.accounts.two_factor import has_confirmed_device, has_passkey
from picketline.core.audit import audit_forget, log_action
from picketline.core.outbox import outbox_forget
from picketline.core.tokens import token_hash, token_new, token_plausible

EMAIL_CONFIRM_SALT = "picketline.accounts.email-confirm"


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# --- the account's address -------------------------------------------------------------------


def email_confirm_start(*, user) -> None:
    """Emails the account's address a link that proves its owner reads it."""
    email = (user.email or "").strip()
    if not email:
        raise ValidationError(_("Your account has no email address to confirm."))
    token = signing.dumps({"u": user.pk, "e": email.lower()}, salt=EMAIL_CONFIRM_SALT)
    notices.email_confirm_link(
        email, url=_absolute(reverse("account_email_confirm", kwargs={"token": token}))
    )
    log_action(user, "user.email_confirm_sent", user=user)


def email_confirm(*, user, token: str) -> None:
    """Marks the account's address confirmed when `token` was made for this account and this
    address, within `EMAIL_CONFIRM_HOURS`."""
    try:
        data = signing.loads(
            token, salt=EMAIL_CONFIRM_SALT, max_age=dt.timedelta(hours=settings.EMAIL_CONFIRM_HOURS)
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("This link has expired. Ask for a new one on your data page."), code="expired"
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This link does not work."), code="invalid") from None
    email = (user.email or "").strip().lower()
    if data.get("u") != user.pk or data.get("e") != email:
        raise ValidationError(
            _("This link was sent for another account or another address."), code="invalid"
        )
    email_confirmed_record(user=user, email=email)


def email_confirmed_record(*, user, email: str) -> None:
    """Records that the owner of `user` reads `email` (a link followed, an invitation to that
    address accepted)."""
    ConfirmedEmail.objects.update_or_create(
        user=user, defaults={"email": email.strip().lower(), "confirmed_at": timezone.now()}
    )
    log_action(user, "user.email_confirmed", user=user)


# --- asking to erase -------------------------------------------------------------------------


def erasure_check(*, user, password: str, code: str = "", session_verified: bool = False) -> None:
    """Raises ValidationError (by field) unless the password, and the second factor when the
    account has one, are right. A code is spent by the check. An account whose only second
    factor is a passkey must have used it in this session."""
    errors = {}
    if not user.check_password(password or ""):
        errors["password"] = [_("That is not your password.")]
    if has_confirmed_device(user):
        if not totp_verify(user=user, code=code):
            errors["code"] = [_("That code is not right, or has been used already.")]
    elif has_passkey(user) and not session_verified:
        errors["code"] = [_("Sign in again with your passkey, then ask again.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def erasure_request(*, user) -> ErasureRequest:
    """Starts the cooling-off: a request, and an email with the link that confirms it. Asking
    again replaces the request (and the link) with a new one."""
    email = (user.email or "").strip()
    if not email:
        raise ValidationError(
            _("Your account has no email address for the confirmation. Ask an administrator.")
        )
    raw, hashed = token_new()
    now = timezone.now()
    request, _created = ErasureRequest.objects.update_or_create(
        user=user,
        defaults={
            "token_hash": hashed,
            "email": email.lower(),
            "requested_at": now,
            "expires_at": now + dt.timedelta(hours=settings.ERASURE_CONFIRM_HOURS),
        },
    )
    notices.erasure_link(email, url=_absolute(reverse("account_erase", kwargs={"token": raw})))
    log_action(user, "user.erasure_requested", user=user)
    return request


def erasure_pending(*, user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, expires_at__gt=timezone.now()).first()


def erasure_get_by_token(*, raw: str) -> ErasureRequest | None:
    """The request the link is for, while it may still be confirmed."""
    if not token_plausible(raw):
        return None
    return (
        ErasureRequest.objects.select_related("user")
        .filter(token_hash=token_hash(raw), expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def erasure_cancel(*, request: ErasureRequest) -> None:
    user = request.user
    deleted, _count = ErasureRequest.objects.filter(pk=request.pk).delete()
    if deleted:
        log_action(user, "user.erasure_cancelled")


def erasure_confirm(*, raw: str) -> bool:
    """Erases the account the link is for; False when the link does not (or no longer) work."""
    request = erasure_get_by_token(raw=raw)
    if request is None:
        return False
    user = request.user
    if request.email == (user.email or "").strip().lower():
        # The link reached this address: what was done with it is the person's to erase.
        email_confirmed_record(user=user, email=request.email)
    account_erase(user=user)
    return True


# --- erasing ---------------------------------------------------------------------------------


def _account_rows(user) -> list:
    """The rows the account owns here, which the admin's log may name by their owner."""
    rows = list(TotpDevice.objects.filter(user=user))
    for model in (Passkey, ApiToken, RecoveryCode):
        rows.extend(model.objects.filter(user=user))
    return rows


def _admin_log_forget(objects) -> None:
    """Deletes the admin's log entries about `objects`: each names its object as it was."""
    for obj in objects:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).delete()


def account_erase(*, user) -> None:
    """Erases everything the rooms hold about `user`, then the account itself.

    Each room's `erase` runs in its own transaction and is safe to run again, so an erasure
    that fails half-way (a database gone) is finished by following the link again.
    """
    email = person_email(user)
    for kind in personal_data_kinds():
        if kind.erase is not None:
            with transaction.atomic():
                kind.erase(user)
    with transaction.atomic():
        # The account's address, confirmed or not: following the emailed link proved it.
        for address in {email, (user.email or "").strip().lower()} - {None, ""}:
            outbox_forget(address=address)
        if email:
            audit_forget(text=email)
        _admin_log_forget([user, *_account_rows(user)])
        log_action(user, "user.erased")
        user.delete()
