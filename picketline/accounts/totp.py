"""Time-based one-time passwords (RFC 6238), computed by pyotp; the rules around them are ours.

Authenticator apps (FreeOTP, Aegis, Google Authenticator, 1Password …) all speak the same
defaults: HMAC-SHA-1, 6 digits, a 30-second step. A code from the step before or after the
current one is accepted too, so a phone whose clock is a little off still works. Which step a
code came from is returned, so that the caller can refuse it (and every older one) next time.
"""

import time

import pyotp
import segno
from pyotp.utils import strings_equal

DIGITS = 6
STEP_SECONDS = 30
DRIFT_STEPS = 1
SECRET_LENGTH = 32  # base32 characters: 160 bits, HMAC-SHA-1's natural key size (RFC 4226 §4).


def secret_generate() -> str:
    """A new random secret as unpadded base32, the form authenticator apps accept."""
    return pyotp.random_base32(length=SECRET_LENGTH)


def secret_grouped(secret: str, size: int = 4) -> str:
    """`ABCD EFGH …`: easier to copy by hand into a phone."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP("".join(secret.split()).upper(), digits=DIGITS, interval=STEP_SECONDS)


def time_step(at: float | None = None) -> int:
    """The number of the 30-second step that `at` falls in (the counter RFC 6238 signs)."""
    return int((time.time() if at is None else at) // STEP_SECONDS)


def code_at(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows at `at` (Unix seconds; now when None)."""
    return _totp(secret).at(time.time() if at is None else at)


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
    code = "".join((code or "").split())
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    otp = _totp(secret)
    at = time.time() if at is None else at
    now = otp.timecode(at)
    matched = None
    for offset in range(-drift, drift + 1):
        equal = strings_equal(otp.at(at, counter_offset=offset), code)
        if equal and now + offset > after_step and matched is None:
            matched = now + offset
    return matched


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The `otpauth://` address an authenticator app reads from a QR code or a link."""
    return _totp(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg(uri: str, *, title: str) -> str:
    """The address as a QR code in SVG, to put straight into the page (no script, no image
    request). Dark on a white quiet zone, so phones read it in dark mode too."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="totp-qr"
    )
