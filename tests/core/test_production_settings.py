"""docs/production.env: every variable explained, every rate limit there, and with it Django's
deployment checks pass."""

import re
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

ENV_FILE = Path(__file__).resolve().parents[2] / "docs" / "production.env"
ASSIGNMENT = re.compile(r"^#?\s?([A-Z][A-Z0-9_]*)=")


def _lines() -> list[str]:
    return ENV_FILE.read_text().splitlines()


def _variables() -> dict[str, int]:
    """Each variable set (or shown commented out) in the file, by line number."""
    return {
        match[1]: number
        for number, line in enumerate(_lines())
        if (match := ASSIGNMENT.match(line))
    }


def _with_production_env(code: str) -> subprocess.CompletedProcess:
    """Runs `code` in bash with the file loaded as a deployment would load it."""
    keys = (
        f"SECRET_KEY={secrets.token_urlsafe(50)}; "
        f"FIELD_ENCRYPTION_KEYS={Fernet.generate_key().decode()}"
    )
    script = f"set -a; . {ENV_FILE}; {keys}; set +a; {code}"
    return subprocess.run(
        ["bash", "-c", script],
        env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_variable_has_a_comment_above_it():
    lines = _lines()
    for name, number in _variables().items():
        above = lines[number - 1] if number else ""
        assert above.startswith("#"), f"{name} in {ENV_FILE.name} needs a comment saying why"


def test_every_rate_limit_is_there_with_its_default():
    variables = _variables()
    for scope, (name, default) in settings.RATE_LIMIT_VARIABLES.items():
        assert name in variables, f"{name} ({scope}) is missing from {ENV_FILE.name}"
        assert f"{name}={default}" in _lines()


def test_django_s_deployment_checks_pass_with_it(tmp_path):
    # The model checks ask the database what it supports (generated columns), so the check
    # needs one that answers; the example's server does not exist here.
    database = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    result = _with_production_env(
        f"DATABASE_URL={database} "
        f"{sys.executable} -m picketline.cli check --deploy --fail-level WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_turns_on_https_and_secure_cookies():
    result = _with_production_env(
        f"{sys.executable} -c 'import picketline.settings as s; print("
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        's.CACHES["default"]["BACKEND"].rsplit(".", 1)[1], s.DEBUG)\''
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "Lax",
        "DatabaseCache",
        "False",
    ]


def test_it_refuses_to_start_until_a_secret_key_is_set():
    result = subprocess.run(
        [
            "bash",
            "-c",
            f"set -a; . {ENV_FILE}; set +a; {sys.executable} -c 'import picketline.settings'",
        ],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr
