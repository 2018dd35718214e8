"""Private links: a random token goes in the email, only its SHA-256 hash is stored."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_new() -> tuple[str, str]:
    """A new token and its hash."""
    raw = secrets.token_urlsafe(32)
    return raw, token_hash(raw)


def token_plausible(raw: str) -> bool:
    """Whether `raw` could be a token at all (so junk never reaches the database)."""
    return bool(raw) and len(raw) <= 100


def keyed_token(purpose: str, nonce: str) -> str:
    """A token made from a stored nonce and the secret key: every email can carry the same
    link, while the database alone (nonce and hash) is not enough to make it."""
    return salted_hmac(f"picketline.{purpose}", nonce, algorithm="sha256").hexdigest()[:40]


def nonce_new() -> str:
    return secrets.token_hex(16)
