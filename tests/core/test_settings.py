import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from picketline.settings import cache_settings, database_settings, mailer_settings


def test_it_reads_an_smtp_address_with_tls():
    mailer = mailer_settings("smtp://user%40x:p%3Ass@mail.example.org:587?tls=1")
    assert mailer["BACKEND"].endswith("smtp.EmailBackend")
    assert mailer["OPTIONS"]["host"] == "mail.example.org"
    assert mailer["OPTIONS"]["port"] == 587
    assert mailer["OPTIONS"]["username"] == "user@x"
    assert mailer["OPTIONS"]["password"] == "p:ss"
    assert mailer["OPTIONS"]["use_tls"] is True


def test_it_names_the_variable_when_email_url_is_wrong():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        mailer_settings("pigeon://loft")


def test_it_names_the_variable_when_cache_url_is_wrong():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_settings("memcached://x")


def test_it_reads_postgres_and_sqlite_addresses():
    assert database_settings("postgres://u@db:5432/pl")["ENGINE"].endswith("postgresql")
    assert database_settings("sqlite:////tmp/x.sqlite3")["OPTIONS"]["transaction_mode"] == (
        "IMMEDIATE"
    )


def test_it_refuses_to_start_with_a_bad_value_and_says_which():
    result = subprocess.run(
        [sys.executable, "-c", "import picketline.settings"],
        env={"DEBUG": "maybe", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_it_refuses_a_rate_limit_it_cannot_read():
    result = subprocess.run(
        [sys.executable, "-c", "import picketline.settings"],
        env={"SUBMISSION_RATE_LIMIT": "lots", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SUBMISSION_RATE_LIMIT must look like 10/hour" in result.stderr
