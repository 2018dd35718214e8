"""Passkeys (WebAuthn) through py_webauthn: the two ceremonies, their challenges, and the
changes people make to their own passkeys.

A ceremony is two requests. The first makes a random challenge, keeps it in the session and
sends the browser its options as JSON; the second hands back what the authenticator signed,
which is checked against that challenge (taken out of the session, so it works once and only
for `CHALLENGE_SECONDS`), the site's origin and relying-party id from settings, and for a
sign-in the stored public key and signature counter.
"""

import json
import secrets
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from picketline.accounts.models import Passkey, TotpDevice
from picketline.accounts.roles import Role, user_has_role
from picketline.accounts.two_factor import two_factor_required
from picketline.core.audit import log_action

CHALLENGE_KEY = "webauthn_challenge"
CHALLENGE_SECONDS = 5 * 60
TIMEOUT_MS = CHALLENGE_SECONDS * 1000
NAME_MAX = 100


def passkeys_for(*, user) -> QuerySet[Passkey]:
    """The user's own passkeys, oldest first: the only door through which a view loads one."""
    return Passkey.objects.filter(user=user).order_by("created_at", "id")


# Challenges ---------------------------------------------------------------------------------


def challenge_store(request, *, purpose: str, challenge: bytes, **data) -> None:
    request.session[CHALLENGE_KEY] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
        "expires": int(time.time()) + CHALLENGE_SECONDS,
        **data,
    }


def challenge_take(request, *, purpose: str) -> dict | None:
    """The stored challenge for `purpose`, removed from the session whatever happens next."""
    stored = request.session.pop(CHALLENGE_KEY, None)
    if not isinstance(stored, dict) or stored.get("purpose") != purpose:
        return None
    if time.time() > stored.get("expires", 0):
        return None
    return {**stored, "challenge": base64url_to_bytes(stored["challenge"])}


def _descriptors(passkeys) -> list[PublicKeyCredentialDescriptor]:
    descriptors = []
    for passkey in passkeys:
        transports = []
        for name in passkey.transports or []:
            try:
                transports.append(AuthenticatorTransport(name))
            except ValueError:
                continue
        descriptors.append(
            PublicKeyCredentialDescriptor(
                id=base64url_to_bytes(passkey.credential_id), transports=transports or None
            )
        )
    return descriptors


def _user_handle(user) -> str:
    existing = passkeys_for(user=user).values_list("user_handle", flat=True).first()
    return existing or bytes_to_base64url(secrets.token_bytes(32))


# Adding a passkey ---------------------------------------------------------------------------


def registration_options(request, *, user) -> str:
    """The options for `navigator.credentials.create()`, as JSON; remembers the challenge."""
    handle = _user_handle(user)
    options = generate_registration_options(
        rp_id=settings.WEBAUTHN_RP_ID,
        rp_name=settings.SITE_NAME,
        user_id=base64url_to_bytes(handle),
        user_name=user.get_username(),
        user_display_name=user.get_username(),
        timeout=TIMEOUT_MS,
        # A discoverable credential, so that it can sign in without a username.
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(passkeys_for(user=user)),
    )
    challenge_store(
        request, purpose="register", challenge=options.challenge, user_id=user.pk, handle=handle
    )
    return options_to_json(options)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(
            {"name": _("Give the passkey a name, such as the device that holds it.")}
        )
    if len(name) > NAME_MAX:
        raise ValidationError({"name": _("Keep the name under 100 characters.")})
    return name


def passkey_register(*, user, name: str, credential: str, stored: dict | None) -> Passkey:
    """Checks what the authenticator made against the stored challenge and keeps the key."""
    name = _clean_name(name)
    if not stored or stored.get("user_id") != user.pk:
        raise ValidationError(
            _("The request for a passkey has expired. Try adding it again."), code="expired"
        )
    if not credential:
        raise ValidationError(
            _(
                "Your browser did not make a passkey. Adding one needs JavaScript and a browser "
                "or device that supports passkeys."
            ),
            code="no_credential",
        )
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=stored["challenge"],
            expected_rp_id=settings.WEBAUTHN_RP_ID,
            expected_origin=settings.WEBAUTHN_ORIGIN,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise ValidationError(
            _("The passkey could not be checked. Try again, or try another device."),
            code="invalid",
        ) from None
    transports = _transports(credential)
    credential_id = bytes_to_base64url(verified.credential_id)
    with transaction.atomic():
        if Passkey.objects.filter(credential_id=credential_id).exists():
            raise ValidationError(_("This passkey is already registered."), code="duplicate")
        passkey = Passkey.objects.create(
            user=user,
            name=name,
            credential_id=credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=transports,
            user_handle=stored["handle"],
        )
        # The name is the person's own label; it stays out of the audit log.
        log_action(user, "user.passkey_added", user=user, data={"passkey": passkey.pk})
    return passkey


def _transports(credential: str) -> list[str]:
    try:
        value = json.loads(credential).get("response", {}).get("transports") or []
    except (ValueError, AttributeError):
        return []
    known = {transport.value for transport in AuthenticatorTransport}
    return [item for item in value if isinstance(item, str) and item in known][:10]


# Signing in with a passkey ------------------------------------------------------------------


def authentication_options(request, *, purpose: str, user=None) -> str:
    """The options for `navigator.credentials.get()`, as JSON; remembers the challenge.

    `purpose` "sign-in": any of the site's passkeys, with the device's own PIN or biometric
    check required, since no password comes before it. "second-factor": only `user`'s.
    """
    if purpose == "second-factor":
        options = generate_authentication_options(
            rp_id=settings.WEBAUTHN_RP_ID,
            timeout=TIMEOUT_MS,
            allow_credentials=_descriptors(passkeys_for(user=user)),
            user_verification=UserVerificationRequirement.PREFERRED,
        )
        challenge_store(
            request, purpose="second-factor", challenge=options.challenge, user_id=user.pk
        )
    else:
        options = generate_authentication_options(
            rp_id=settings.WEBAUTHN_RP_ID,
            timeout=TIMEOUT_MS,
            user_verification=UserVerificationRequirement.REQUIRED,
        )
        challenge_store(request, purpose="sign-in", challenge=options.challenge)
    return options_to_json(options)


def passkey_for_credential(credential: str) -> Passkey | None:
    """The stored passkey a browser's answer names, before anything in it is trusted."""
    try:
        credential_id = json.loads(credential).get("rawId")
    except (ValueError, AttributeError):
        return None
    if not isinstance(credential_id, str) or not credential_id or len(credential_id) > 1400:
        return None
    return Passkey.objects.select_related("user").filter(credential_id=credential_id).first()


def passkey_authenticate(*, passkey: Passkey, credential: str, stored: dict) -> bool:
    """True when the browser's answer is `passkey`'s signature over the stored challenge.

    The counter moves on with each use; a counter that goes back means a cloned key and is
    refused (py_webauthn checks it).
    """
    purpose = stored["purpose"]
    if purpose == "second-factor" and stored.get("user_id") != passkey.user_id:
        return False
    if not passkey.user.is_active:
        return False
    try:
        handle = json.loads(credential).get("response", {}).get("userHandle")
    except (ValueError, AttributeError):
        return False
    if handle and handle != passkey.user_handle:
        return False
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=stored["challenge"],
            expected_rp_id=settings.WEBAUTHN_RP_ID,
            expected_origin=settings.WEBAUTHN_ORIGIN,
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=purpose == "sign-in",
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        return False
    with transaction.atomic():
        # Conditional on the counter read above: two answers racing cannot both count.
        updated = Passkey.objects.filter(pk=passkey.pk, sign_count=passkey.sign_count).update(
            sign_count=verified.new_sign_count, last_used_at=timezone.now()
        )
        if not updated:
            return False
        log_action(
            passkey.user, "user.passkey_used", user=passkey.user, data={"passkey": passkey.pk}
        )
    return True


# Renaming and removing ----------------------------------------------------------------------


def passkey_rename(*, passkey: Passkey, user, name: str) -> None:
    if passkey.user_id != user.pk:
        raise PermissionDenied
    passkey.name = _clean_name(name)
    passkey.save(update_fields=["name"])


def passkey_remove(*, passkey: Passkey, user) -> None:
    """Removes the user's own passkey; refused when it is the last second factor of someone
    who must have one."""
    if passkey.user_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        others = Passkey.objects.select_for_update().filter(user=user).exclude(pk=passkey.pk)
        has_device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
        if two_factor_required(user) and not others.exists() and not has_device:
            raise ValidationError(
                _(
                    "Moderators and administrators must keep a second factor: add another "
                    "passkey or an authenticator app before removing this one."
                ),
                code="last_factor",
            )
        pk = passkey.pk
        passkey.delete()
        log_action(user, "user.passkey_removed", user=user, data={"passkey": pk})


def passkey_reset(*, passkey: Passkey, by) -> None:
    """An administrator removes someone's lost passkey, whatever their role."""
    if not user_has_role(by, Role.ADMIN):
        raise PermissionDenied
    with transaction.atomic():
        pk, owner = passkey.pk, passkey.user
        passkey.delete()
        log_action(owner, "user.passkey_reset", user=by, data={"passkey": pk})
