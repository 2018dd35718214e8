import re

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_form_with_a_forgotten_password_link(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.text and 'name="password"' in response.text
    assert 'href="/accounts/password/reset/"' in response.text
    assert "Forgot your password?" in response.text


def test_it_logs_in_and_offers_a_logout_button(client, supporter):
    response = client.post(
        "/accounts/login/",
        {"username": supporter.username, "password": factories.PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    html = response.text
    assert re.search(r'<form class="inline-form" method="post" action="/accounts/logout/">', html)
    assert ">Log in<" not in html
    assert ">Admin<" not in html


def test_it_says_which_login_was_wrong(client, supporter):
    response = client.post("/accounts/login/", {"username": supporter.username, "password": "x"})
    assert response.status_code == 200
    assert "error-summary" in response.text


def test_it_shows_staff_the_admin_link(client, admin_user):
    factories.login(client, admin_user)
    assert 'href="/admin/">Admin</a>' in client.get("/").text


def test_it_logs_out_with_a_post(client, supporter):
    client.force_login(supporter)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert ">Log in<" in client.get("/").text


def test_it_resets_a_forgotten_password_by_email(
    client, supporter, settings, django_capture_on_commit_callbacks
):
    # The email is a task; run it at once instead of leaving it for the worker.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": supporter.email})
    assert response.status_code == 302
    assert "Check your email" in client.get(response["Location"]).text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "\n" not in message.subject
    assert "Reset your password" in message.subject
    assert f"the account {supporter.username} on" in message.body
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body)[0]
    confirm = client.get(link, follow=True)
    assert "Choose a new password" in confirm.text
    done = client.post(
        confirm.redirect_chain[-1][0],
        {
            "new_password1": "a much longer new password",
            "new_password2": "a much longer new password",
        },
        follow=True,
    )
    assert "Your password has been changed" in done.text


def test_it_says_when_a_reset_link_is_spent(client):
    response = client.get("/accounts/password/reset/MQ/not-a-token/")
    assert response.status_code == 200
    assert "This link no longer works" in response.text


def test_it_lets_a_signed_in_user_change_the_password(client, supporter):
    client.force_login(supporter)
    assert "Change your password" in client.get("/accounts/password/change/").text
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": factories.PASSWORD,
            "new_password1": "another long enough password",
            "new_password2": "another long enough password",
        },
        follow=True,
    )
    assert "Your password has been changed" in response.text
