"""Asking for a password reset link is limited per address: each request emails the address
typed, so the form must not become a way to flood someone's inbox."""

import pytest
from django.core import mail

from tests.factories import make_user

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


def test_it_refuses_requests_past_the_limit_and_sends_nothing(client, settings, send_now):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password-reset": "2/hour"}
    user = make_user(email="ana@example.org")
    with send_now():
        for _attempt in range(2):
            assert client.post(RESET, {"email": user.email}).status_code == 302
    sent = len(mail.outbox)
    assert sent == 2

    with send_now():
        response = client.post(RESET, {"email": user.email})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert len(mail.outbox) == sent


def test_it_counts_each_address_on_its_own(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password-reset": "1/hour"}
    user = make_user(email="ana@example.org")
    assert client.post(RESET, {"email": user.email}).status_code == 302
    other = client.post(RESET, {"email": user.email}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
