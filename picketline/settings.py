"""Picketline settings: one file, configured only by environment variables.

Every default runs on a laptop (SQLite, console email, the cache in the database). A wrong value
stops start-up with a message that names the variable. docs/production.env is a documented
example of the settings for production.
"""

import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from picketline.core.rates import parse_rate

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_rates(variables: dict[str, tuple[str, str]]) -> dict[str, str]:
    """scope → "N/period" from each scope's variable, each checked now, naming the variable."""
    rates = {}
    for scope, (name, default) in variables.items():
        rates[scope] = env_str(name, default).strip() or default
        parse_rate(rates[scope], setting=name)
    return rates


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def mailer_settings(url: str) -> dict:
    """Translate EMAIL_URL (console://, smtp://user:pass@host:587?tls=1, …) to a mailer."""
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(sorted(backends))}://, not {url!r}"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    options: dict = {}
    if parts.scheme == "file":
        options["file_path"] = parts.path
    if parts.scheme in {"smtp", "smtps"}:
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": query.get("tls", "") in {"1", "true", "yes"},
            "timeout": 10,
        }
    return {"BACKEND": backends[parts.scheme], "OPTIONS": options}


# The database cache's table; `migrate` creates it (see core.apps).
CACHE_TABLE = "picketline_cache"


def cache_settings(url: str) -> dict:
    """Translate CACHE_URL to a cache. The default, db://, is shared by every web process
    without another service; redis:// is the choice at scale."""
    parts = urlsplit(url)
    if parts.scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must be db://, locmem://, redis://… or dummy://, not {url!r}"
    )


def proxy_networks(name: str, values: list[str]) -> list:
    """Addresses and networks (CIDR) of trusted proxies, each checked at start-up."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks such as 10.0.0.0/8, not {value!r}"
            ) from None
    return networks


def database_settings(url: str) -> dict:
    import dj_database_url

    try:
        # With connections kept between requests (DATABASE_CONN_MAX_AGE), one the database has
        # dropped (a restart, a failover, an administrator) is checked and replaced before a
        # request uses it, instead of failing that request.
        config = dj_database_url.parse(
            url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0), conn_health_checks=True
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while the task worker writes.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-picketline-development-key-set-SECRET_KEY-in-production"

# Keys for secrets stored encrypted (authenticators' shared secrets): Fernet keys, newest first.
# Without them one key is derived from SECRET_KEY, which then must never change.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
try:
    from picketline.core.crypto import derived_key, keys_check

    keys_check(FIELD_ENCRYPTION_KEYS)
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
FIELD_ENCRYPTION_KEYS_DERIVED = not FIELD_ENCRYPTION_KEYS
if FIELD_ENCRYPTION_KEYS_DERIVED:
    FIELD_ENCRYPTION_KEYS = [derived_key(SECRET_KEY)]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Picketline")


def webauthn_settings(rp_id: str, origin: str, *, site_url: str, allowed_hosts: list[str]):
    """The relying party's id (a domain) and the origin passkeys are used from.

    By default the domain of SITE_URL, else the first domain name in ALLOWED_HOSTS, else
    localhost; browsers refuse passkeys on a bare IP address, so `make run` users open
    http://localhost:8000 to try them.
    """

    def is_domain(host: str) -> bool:
        return (
            bool(host)
            and host not in {"*", "testserver"}
            and not re.fullmatch(r"[\d.]+|\[?[0-9a-fA-F:]+\]?", host)
        )

    site = urlsplit(site_url)
    if not rp_id:
        hosts = [site.hostname or ""] + [host.lstrip(".") for host in allowed_hosts]
        rp_id = next((host for host in hosts if is_domain(host)), "localhost")
    if not origin:
        if site.hostname == rp_id:
            origin = f"{site.scheme}://{site.netloc}"
        elif rp_id == "localhost":
            origin = f"http://localhost:{site.port or 8000}"
        else:
            origin = f"https://{rp_id}"
    parts = urlsplit(origin)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path not in {"", "/"}:
        raise ImproperlyConfigured(
            f"WEBAUTHN_ORIGIN must be a scheme and host such as https://strikes.example.org, "
            f"not {origin!r}"
        )
    if parts.hostname != rp_id and not parts.hostname.endswith(f".{rp_id}"):
        raise ImproperlyConfigured(
            f"WEBAUTHN_RP_ID ({rp_id!r}) must be the host of WEBAUTHN_ORIGIN ({origin!r}) or a "
            f"domain it belongs to"
        )
    return rp_id, origin.rstrip("/")


# Passkeys (WebAuthn): the site's domain and the address people use it at.
WEBAUTHN_RP_ID, WEBAUTHN_ORIGIN = webauthn_settings(
    env_str("WEBAUTHN_RP_ID"),
    env_str("WEBAUTHN_ORIGIN"),
    site_url=SITE_URL,
    allowed_hosts=ALLOWED_HOSTS,
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "picketline.core",
    "picketline.places",
    "picketline.accounts",
    "picketline.moderation",
    "picketline.organisations",
    "picketline.disputes",
    "picketline.solidarity",
    "picketline.events",
    "picketline.membership",
    "picketline.charters",
    "picketline.campaigns",
    "picketline.appeals",
    "picketline.resources",
    "picketline.ballots",
    "picketline.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "picketline.core.versions.VersionsReadOnce",
]

ROOT_URLCONF = "picketline.urls"
WSGI_APPLICATION = "picketline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "picketline.core.context_processors.site",
                "picketline.moderation.context_processors.moderation",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'picketline.sqlite3'}")
DATABASES = {"default": database_settings(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_settings(env_str("CACHE_URL", "db://"))}

TASKS = {
    "default": {
        "BACKEND": env_str("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id for new and changed passwords; the others only read older hashes, which are
# rehashed with Argon2 at the owner's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "disputes:map"
LOGOUT_REDIRECT_URL = "disputes:map"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("ar", "العربية"),
]
# The languages content is written and translated in (a charter's translations), each named
# as its readers know it. Wider than the interface's LANGUAGES, which lists only languages
# whose catalogue is complete: a reader whose interface stays in English still reads a charter
# in Soomaali. Codes are Django's; right-to-left ones are in LANGUAGES_BIDI.
CONTENT_LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("so", "Soomaali"),
    ("fa", "فارسی"),
    ("it", "Italiano"),
    ("id", "Bahasa Indonesia"),
    ("ko", "한국어"),
    ("hi", "हिन्दी"),
    ("fr", "Français"),
    ("zh-hans", "中文"),
    ("ar", "العربية"),
]
LANGUAGE_COOKIE_NAME = "picketline_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and time style per language, beside its catalogue: locale/<language>/formats.py.
FORMAT_MODULE_PATH = ["picketline.locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("STATIC_PLAIN", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded photos (solidarity messages). Served by the app, and only once their message is public.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "media")))
MEDIA_URL = "/media/"
# The resource library's files (leaflets, posters …): the largest PDF and the largest image one
# may upload, in megabytes. They are kept under MEDIA_ROOT/private/, which no route serves:
# the app streams each file itself, to those allowed to see it.
RESOURCE_MAX_PDF_MB = env_int("RESOURCE_MAX_PDF_MB", 20)
RESOURCE_MAX_IMAGE_MB = env_int("RESOURCE_MAX_IMAGE_MB", 10)
if RESOURCE_MAX_PDF_MB < 1 or RESOURCE_MAX_IMAGE_MB < 1:
    raise ImproperlyConfigured("RESOURCE_MAX_PDF_MB and RESOURCE_MAX_IMAGE_MB must be 1 or more")

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Picketline <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {"default": mailer_settings(env_str("EMAIL_URL", "console://"))}

# Map tiles are the one outside service the browser talks to; the attribution must match it.
TILE_URL = env_str("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
TILE_ATTRIBUTION = env_str(
    "TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(TILE_URL.replace("{s}", "a")))
if not urlsplit(TILE_URL).scheme:
    raise ImproperlyConfigured(f"TILE_URL must be an absolute URL template, not {TILE_URL!r}")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", _tile_origin.replace("://a.", "://*.")],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
CSRF_FAILURE_VIEW = "picketline.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS. Behind a proxy that ends TLS, BEHIND_PROXY=true makes its X-Forwarded-Proto believed,
# so Django knows a request came over HTTPS. HSTS is sent only on HTTPS responses.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("SECURE_HSTS_SECONDS must be 0 (off) or more seconds")

# Cookies: never readable by scripts (no script here reads the CSRF token from its cookie:
# forms carry it), sent over HTTPS only when SECURE_COOKIES=true, and not on other sites' posts.
SECURE_COOKIES = env_bool("SECURE_COOKIES", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# How long the map's GeoJSON stays cached; any change to a dispute invalidates it at once.
MAP_CACHE_SECONDS = env_int("MAP_CACHE_SECONDS", 300)
PAGE_SIZE = env_int("PAGE_SIZE", 25)

# Rate limits, "N/period" (period: second, minute, hour or day), per client address unless
# said otherwise: scope → (environment variable, default). Every public form and anonymous API
# write counts under one scope here, and an unknown scope is an error (core.ratelimit).
# Counted in the database, or in Redis when CACHE_URL is redis://: every web process shares
# one count.
RATE_LIMIT_VARIABLES = {
    # reports of a dispute, through the form and the API together
    "submission": ("SUBMISSION_RATE_LIMIT", "10/hour"),
    # answers to a moderator's question about a report
    "submission-answer": ("RATE_LIMIT_SUBMISSION_ANSWER", "10/hour"),
    # solidarity messages, through the form and the API together
    "message": ("RATE_LIMIT_MESSAGE", "10/hour"),
    # pledges to a strike fund
    "pledge": ("RATE_LIMIT_PLEDGE", "10/hour"),
    # sign-ups to a picket shift
    "picket-signup": ("RATE_LIMIT_PICKET_SIGNUP", "10/hour"),
    # reports of a delegation
    "delegation": ("RATE_LIMIT_DELEGATION", "10/hour"),
    # RSVPs with an email address, through the form and the API together
    "rsvp": ("RATE_LIMIT_RSVP", "10/hour"),
    # confirmations of an RSVP by its emailed link
    "rsvp-confirm": ("RATE_LIMIT_RSVP_CONFIRM", "20/hour"),
    # local events offered for a day of action
    "host": ("RATE_LIMIT_HOST", "10/hour"),
    # requests to start a chapter of an organisation
    "chapter-request": ("RATE_LIMIT_CHAPTER_REQUEST", "5/hour"),
    # people joining an organisation, through the form and the API together
    "join": ("RATE_LIMIT_JOIN", "10/hour"),
    # confirmations of joining, and members' own pages, by their emailed links
    "join-confirm": ("RATE_LIMIT_JOIN_CONFIRM", "20/hour"),
    # endorsements of a charter, through the form and the API together
    "endorse": ("RATE_LIMIT_ENDORSE", "10/hour"),
    # confirmations of an endorsement by its emailed link
    "endorse-confirm": ("RATE_LIMIT_ENDORSE_CONFIRM", "20/hour"),
    # signatures of an appeal, through the form and the API together
    "appeal-sign": ("RATE_LIMIT_APPEAL_SIGN", "10/hour"),
    # Votes: high, since a whole workplace meeting may vote from one address (its wifi); a
    # voting link's token cannot be guessed, so this only stops floods.
    "ballot-vote": ("RATE_LIMIT_BALLOT_VOTE", "3000/hour"),
    # confirmations of a signature by its emailed link
    "appeal-confirm": ("RATE_LIMIT_APPEAL_CONFIRM", "20/hour"),
    # sign-in attempts from one address, over every step (password, code, passkey)
    "login": ("RATE_LIMIT_LOGIN", "60/hour"),
    # passwords tried for one account, from anywhere
    "login-account": ("RATE_LIMIT_LOGIN_ACCOUNT", "10/hour"),
    # two-factor codes tried for one account, from anywhere
    "login-code": ("RATE_LIMIT_LOGIN_CODE", "10/hour"),
    # passkey assertions tried for one account, from anywhere
    "login-passkey": ("RATE_LIMIT_LOGIN_PASSKEY", "10/hour"),
    # password reset links asked for (each sends an email to the address typed)
    "password-reset": ("RATE_LIMIT_PASSWORD_RESET", "5/hour"),
    # requests to erase one's account (each asks for the password, and sends an email), and
    # links asked for to confirm one's email address
    "erasure": ("RATE_LIMIT_ERASURE", "5/hour"),
}
RATE_LIMITS = env_rates(RATE_LIMIT_VARIABLES)

# Which X-Forwarded-For entry is the client's address. Behind a fixed chain of proxies, give
# their number (TRUSTED_PROXY_COUNT: the client is that many entries from the right); or list
# the proxies' addresses or networks (TRUSTED_PROXIES: the header is read only on requests from
# one of them, and the client is the first address from the right that is not one of them).
# Without either, the header is ignored and the address the request came from is the client's.
# TRUST_X_FORWARDED_FOR=true, the older setting, means one proxy.
TRUSTED_PROXY_COUNT = env_int(
    "TRUSTED_PROXY_COUNT", 1 if env_bool("TRUST_X_FORWARDED_FOR", False) else 0
)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
proxy_networks("TRUSTED_PROXIES", TRUSTED_PROXIES)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or more")
if TRUSTED_PROXY_COUNT and TRUSTED_PROXIES:
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXY_COUNT (or TRUST_X_FORWARDED_FOR) or TRUSTED_PROXIES, not both"
    )
# How long an emailed invitation to coordinate a dispute stays valid.
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)
# Moderators' digest of new items: how often the worker may send one, in minutes.
MODERATION_DIGEST_MINUTES = env_int("MODERATION_DIGEST_MINUTES", 60)
# Events: how long the emailed link confirming an RSVP made without an account stays valid,
# and when reminders go out (hours before the start, comma-separated).
RSVP_CONFIRM_HOURS = env_int("RSVP_CONFIRM_HOURS", 48)
try:
    EVENT_REMINDER_HOURS = sorted(
        {int(hours) for hours in env_list("EVENT_REMINDER_HOURS", "24,1")}, reverse=True
    )
except ValueError:
    raise ImproperlyConfigured(
        "EVENT_REMINDER_HOURS must be whole hours separated by commas, e.g. 24,1"
    ) from None
if any(hours < 1 or hours > 24 * 14 for hours in EVENT_REMINDER_HOURS):
    raise ImproperlyConfigured("EVENT_REMINDER_HOURS must each be between 1 and 336")

# Membership: how long the emailed link confirming that someone joins stays valid.
JOIN_CONFIRM_HOURS = env_int("JOIN_CONFIRM_HOURS", 72)
# How long the link confirming an endorsement of a charter works.
ENDORSE_CONFIRM_HOURS = env_int("ENDORSE_CONFIRM_HOURS", 72)
# How long the link confirming a signature of an appeal works.
APPEAL_CONFIRM_HOURS = env_int("APPEAL_CONFIRM_HOURS", 72)
# Erasing one's account: the emailed link that confirms it works for this many hours (the
# cooling-off time, during which the request can be cancelled); the link confirming one's
# email address, for this many hours.
ERASURE_CONFIRM_HOURS = env_int("ERASURE_CONFIRM_HOURS", 72)
EMAIL_CONFIRM_HOURS = env_int("EMAIL_CONFIRM_HOURS", 72)
# Dues paid by card through Stripe's hosted Checkout (no card data reaches Picketline). Both the
# secret API key and the webhook's signing secret are needed; without them Stripe is not offered.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
# How old a webhook's signed timestamp may be, in seconds, before the event is refused.
STRIPE_WEBHOOK_TOLERANCE = env_int("STRIPE_WEBHOOK_TOLERANCE", 300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
