import pytest
from django.core import mail

from tests.factories import login


@pytest.fixture
def moderator_client(client, moderator):
    login(client, moderator)
    return client


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
        return django_capture_on_commit_callbacks(execute=True)

    return capture
