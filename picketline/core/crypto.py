"""Reversible secrets at rest: Fernet (AES-128-CBC with HMAC-SHA-256) under rotating keys.

Keys come from `FIELD_ENCRYPTION_KEYS`, newest first: values are encrypted with the first and
decrypted with whichever key made them, so a new key can be put in front, every value
re-encrypted (`picketline reencrypt-secrets`) and only then the old key removed. Without the
variable, one key is derived from SECRET_KEY so that a laptop needs no set-up.

Only secrets that must be read back go through here (an authenticator's shared secret);
passwords, recovery codes and tokens are hashed instead, so that nothing can turn them back.
"""

import base64
import hashlib
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class DecryptionError(Exception):
    """A stored value that none of the configured keys opens."""


def derived_key(secret_key: str) -> str:
    """A Fernet key made from SECRET_KEY, for installs that set no FIELD_ENCRYPTION_KEYS."""
    digest = hashlib.sha256(f"picketline.field-encryption:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def keys_check(keys: list[str], *, setting: str = "FIELD_ENCRYPTION_KEYS") -> None:
    """Raises ValueError naming the first key that is not a Fernet key."""
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ValueError(
                f"{setting} must be Fernet keys (32 bytes in URL-safe base64, 44 characters) "
                f"separated by commas, newest first; key {number} of {len(keys)} is not one. "
                'Make one with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            ) from None


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    """A token for `text`, made with the newest key."""
    return _current().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _current().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            "A stored secret cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS: was a "
            "key removed before `picketline reencrypt-secrets` ran, or SECRET_KEY changed "
            "while no FIELD_ENCRYPTION_KEYS was set?"
        ) from None


def rotate(token: str) -> str:
    """The same value encrypted with the newest key (any configured key may have made it)."""
    try:
        return _current().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            "A stored secret cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS."
        ) from None


def made_with_newest_key(token: str) -> bool:
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0]).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


# --- sealed without a date ---------------------------------------------------------------------
# Fernet writes the time of encryption, in clear, into every token. A value whose time must not
# be known (a vote) is sealed with AES-GCM instead: a random nonce, nothing else in clear. Each
# sealing context (a ballot) has a key of its own, derived with HKDF from the newest configured
# key and the context's salt; opening tries every configured key, so keys rotate as above.


def _sealing_key(key: str, salt: str) -> AESGCM:
    material = base64.urlsafe_b64decode(key.encode("ascii"))
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt.encode(), info=b"picketline.sealed"
    ).derive(material)
    return AESGCM(derived)


def seal(data: bytes, *, salt: str) -> str:
    """`data` sealed under the context `salt` with the newest key: nonce and ciphertext."""
    nonce = os.urandom(12)
    sealed = _sealing_key(settings.FIELD_ENCRYPTION_KEYS[0], salt).encrypt(nonce, data, None)
    return base64.b64encode(nonce + sealed).decode("ascii")


def unseal(token: str, *, salt: str) -> bytes:
    raw = base64.b64decode(token.encode("ascii"))
    nonce, sealed = raw[:12], raw[12:]
    for key in settings.FIELD_ENCRYPTION_KEYS:
        try:
            return _sealing_key(key, salt).decrypt(nonce, sealed, None)
        except InvalidTag:
            continue
    raise DecryptionError(
        "A sealed value cannot be opened with any key in FIELD_ENCRYPTION_KEYS: was a key "
        "removed while something sealed with it was still kept?"
    )
