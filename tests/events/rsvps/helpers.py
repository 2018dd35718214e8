"""What the RSVP tests share: answering as someone without an account, reading the links out
of the emails, and rate limits that start afresh."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

CONFIRM_LINK = re.compile(r"/events/rsvp/confirm/([^/\s]+)/")
RSVP_LINK = re.compile(r"/events/rsvp/(?!confirm/)([^/\s]+)/")


@pytest.fixture
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def rsvp_url(event) -> str:
    return reverse("events:rsvp_create", kwargs={"slug": event.slug})


def answer(client, event, **fields):
    data = {"name": "Ada Lovelace", "email": "ada@example.org", "website": "", **fields}
    return client.post(rsvp_url(event), data)


def confirm_token(message) -> str:
    return CONFIRM_LINK.search(message.body)[1]


def rsvp_token_in(message) -> str:
    return RSVP_LINK.search(message.body)[1]


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]
