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


def _settings_with(env: dict, expression: str = "None") -> subprocess.CompletedProcess:
    """Imports the settings in a fresh interpreter with only `env`, printing `expression`."""
    return subprocess.run(
        [sys.executable, "-c", f"import picketline.settings as s; print({expression})"],
        env={"PATH": "/usr/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_shares_the_default_cache_between_processes_through_the_database():
    result = _settings_with({}, "s.CACHES['default']['BACKEND']")
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
    assert cache_settings("db://")["LOCATION"] == "picketline_cache"
    assert cache_settings("redis://cache:6379/0")["BACKEND"].endswith("RedisCache")
    assert cache_settings("locmem://")["BACKEND"].endswith("LocMemCache")


def test_it_reads_each_rate_limit_from_its_own_variable():
    env = {"RATE_LIMIT_MESSAGE": "5/hour", "SUBMISSION_RATE_LIMIT": "3/day"}
    result = _settings_with(env, "s.RATE_LIMITS['message'], s.RATE_LIMITS['submission']")
    assert result.stdout.strip() == "5/hour 3/day"


@pytest.mark.parametrize("variable", ["RATE_LIMIT_MESSAGE", "RATE_LIMIT_LOGIN_ACCOUNT"])
def test_it_refuses_a_scope_s_rate_it_cannot_read_and_names_the_variable(variable):
    result = _settings_with({variable: "often"})
    assert result.returncode != 0
    assert f"{variable} must look like 10/hour" in result.stderr


def test_it_keeps_the_old_forwarded_for_switch_as_one_proxy():
    result = _settings_with({"TRUST_X_FORWARDED_FOR": "true"}, "s.TRUSTED_PROXY_COUNT")
    assert result.stdout.strip() == "1"


def test_it_refuses_a_proxy_it_cannot_read_and_names_the_variable():
    result = _settings_with({"TRUSTED_PROXIES": "10.0.0.0/8, the load balancer"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must list IP addresses or networks" in result.stderr


def test_it_refuses_both_ways_of_naming_proxies_at_once():
    result = _settings_with({"TRUSTED_PROXY_COUNT": "1", "TRUSTED_PROXIES": "10.0.0.1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr and "TRUSTED_PROXIES" in result.stderr
