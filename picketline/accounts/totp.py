"""Time-based one-time passwords (RFC 6238 over RFC 4226), from the standard library alone.

Authenticator apps (FreeOTP, Aegis, Google Authenticator, 1Password …) all speak the same
defaults: HMAC-SHA-1, 6 digits, a 30-second step. A code from the step before or after the
current one is accepted too, so a phone whose clock is a little off still works.
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1
SECRET_BYTES = 20  # 160 bits, the HMAC-SHA-1 block's natural key size (RFC 4226 §4).

_DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}


def secret_generate() -> str:
    """A new random secret as unpadded base32, the form authenticator apps accept."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def secret_decode(secret: str) -> bytes:
    """Base32 as people type it: any case, with or without spaces and padding."""
    cleaned = "".join(secret.split()).upper().rstrip("=")
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def secret_grouped(secret: str, size: int = 4) -> str:
    """`ABCD EFGH …`: easier to copy by hand into a phone."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, algorithm: str = "sha1") -> str:
    """RFC 4226: the HMAC of the counter, dynamically truncated to `digits` decimal digits."""
    mac = hmac.new(key, struct.pack(">Q", counter), _DIGESTS[algorithm]).digest()
    offset = mac[-1] & 0x0F
    (number,) = struct.unpack(">I", mac[offset : offset + 4])
    return str((number & 0x7FFFFFFF) % 10**digits).zfill(digits)


def time_step(at: float | None = None, *, step_seconds: int = STEP_SECONDS) -> int:
    return int((time.time() if at is None else at) // step_seconds)


def totp(
    key: bytes,
    *,
    at: float | None = None,
    digits: int = DIGITS,
    algorithm: str = "sha1",
    step_seconds: int = STEP_SECONDS,
) -> str:
    """The code for the moment `at` (Unix seconds; now when None)."""
    return hotp(
        key,
        time_step(at, step_seconds=step_seconds),
        digits=digits,
        algorithm=algorithm,
    )


def totp_match(
    secret: str,
    code: str,
    *,
    after_step: int = 0,
    at: float | None = None,
    drift: int = DRIFT_STEPS,
) -> int | None:
    """The time step whose code equals `code`, within ±`drift` steps of now, or None.

    Only steps later than `after_step` count: a code that was already used, or one older than
    the last used, is refused, so an overheard code cannot be replayed. Every candidate is
    compared in constant time and all of them are computed, so timing tells nothing.
    """
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    key = secret_decode(secret)
    now = time_step(at)
    matched = None
    for step in range(now - drift, now + drift + 1):
        if hmac.compare_digest(hotp(key, step), code) and step > after_step and matched is None:
            matched = step
    return matched


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The `otpauth://` address an authenticator app reads from a QR code or a link."""
    label = quote(f"{issuer}:{account}", safe="@:")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
