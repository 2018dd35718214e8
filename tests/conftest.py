import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from tests import factories


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` skip on other databases, saying why.

    Tests that use the gazetteer run after all others: it is loaded once and stays in the test
    database for the rest of the session, and earlier tests expect no places (or make their own).
    """
    from django.conf import settings

    items.sort(key=lambda item: "gazetteer" in getattr(item, "fixturenames", ()))
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    for item in items:
        marker = item.get_closest_marker("postgres")
        if marker is not None:
            # Why it needs PostgreSQL, when the test says; most need concurrent writers.
            why = marker.args[0] if marker.args else "SQLite serialises all writers"
            reason = f"needs PostgreSQL: run `make test-postgres` ({why})"
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing is slow on purpose; tests only need it to be correct.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _cache_in_memory(settings):
    """Each test starts with an empty cache of its own in memory, and query counts count only
    the page's own queries. The database cache, the default, has tests of its own in
    tests/core; rate limits never count in this cache (see core.ratelimit), so they are
    tested as they run.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests",
        }
    }
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever the one before it activated."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def moderator(db):
    return factories.make_moderator()


@pytest.fixture
def admin_user(db):
    return factories.make_admin()


@pytest.fixture
def supporter(db):
    return factories.make_user()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(scope="session")
def _gazetteer_loaded(request, django_db_setup, django_db_blocker):
    from picketline.places.services import gazetteer_clear, gazetteer_load

    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if "test" not in name and "memory" not in name:
            pytest.fail(f"Refusing to load the gazetteer into {name}, not a test database.")
        gazetteer_load()
    yield
    if request.config.getoption("reuse_db", False):
        # A kept test database must not start the next session with places in it.
        with django_db_blocker.unblock():
            gazetteer_clear()


@pytest.fixture
def _gazetteer_present(_gazetteer_loaded, django_db_blocker):
    from picketline.places.models import Place
    from picketline.places.services import gazetteer_load

    with django_db_blocker.unblock():
        if not Place.objects.exists():
            gazetteer_load()


@pytest.fixture
def gazetteer(_gazetteer_present, db):
    """The full GeoNames gazetteer, loaded once per session, and database access.

    A transactional test empties every table when it ends; the next test that asks for the
    gazetteer loads it again, before that test's transaction opens (the fixtures this one
    needs are set up in order).
    """


@pytest.fixture
def send_now(settings, django_capture_on_commit_callbacks):
    """Runs emails at once when the transaction commits, as a worker would (see mail.outbox).

    Use as a context manager around the request that sends: `with send_now(): ...`.
    """
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    mail.outbox.clear()

    def capture():
        from picketline.core.models import OutboxEmail

        # Emails written before the block belong to the test's own transaction, which never
        # commits (its setup): their drain never runs, so the block sends only its own.
        OutboxEmail.objects.all().delete()
        return django_capture_on_commit_callbacks(execute=True)

    return capture
