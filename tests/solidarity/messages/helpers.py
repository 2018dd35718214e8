"""Shared steps for the solidarity message tests."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.models import Message

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}


def valid_data(**overrides) -> dict:
    data = {
        "sender_name": "Ana",
        "organisation_name": "Dockers of Santos",
        "country": "br",
        "body": "We stand with you. An injury to one is an injury to all.",
        "language": "en",
        "sender_email": "ana@example.org",
        "contact_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send_url(dispute) -> str:
    return reverse("solidarity:message_send", kwargs={"slug": dispute.slug})


def approve(message: Message, moderator):
    item = item_for_object(message)
    return item_approve(item=item, version=item.version, user=moderator)


@pytest.fixture
def fresh_limits():
    cache.clear()
    yield
    cache.clear()
