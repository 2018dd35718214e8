import pytest
from django.db import connection

from tests import factories


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` skip on other databases, saying why."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: run `make test-postgres` (SQLite serialises all writers)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing is slow on purpose; tests only need it to be correct.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
