"""The Django admin asks for the second factor too, and never loops on its login page."""

import pytest

from picketline.accounts.models import TotpDevice
from picketline.core.models import AuditEntry
from tests.factories import (
    PASSWORD,
    login,
    make_admin,
    make_moderator,
    make_totp_device,
    totp_code,
)

pytestmark = pytest.mark.django_db


def test_it_sends_an_admin_without_a_device_to_set_one_up(client):
    client.force_login(make_admin(with_device=False))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/?next=/admin/"
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/two-factor/setup/?next=%2Fadmin%2F"


def test_it_asks_an_admin_with_a_device_for_the_code(client):
    client.force_login(make_admin())
    response = client.get("/admin/auth/user/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/code/?next=%2Fadmin%2Fauth%2Fuser%2F"
    assert "Enter your code" in response.text


def test_it_lets_a_verified_admin_in(client):
    login(client, make_admin())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_it_sends_the_admins_login_form_to_the_sites_two_step_login(client):
    response = client.get("/admin/login/?next=/admin/auth/user/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fauth%2Fuser%2F"
    # A password posted to the admin's own form does not sign anyone in.
    admin = make_admin()
    client.post("/admin/login/", {"username": admin.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_it_lets_an_admin_in_after_both_steps(client):
    admin = make_admin(with_device=False)
    secret = make_totp_device(admin)
    client.post(
        "/accounts/login/",
        {"username": admin.username, "password": PASSWORD, "next": "/admin/"},
    )
    response = client.post("/accounts/login/code/", {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_it_still_keeps_moderators_who_are_not_staff_out(client):
    login(client, make_moderator())
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0] == "/admin/login/?next=/admin/"
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"


def test_it_lets_an_admin_reset_a_moderators_lost_device_from_the_admin(client):
    moderator = make_moderator()
    device = TotpDevice.objects.get(user=moderator)
    login(client, make_admin())
    page = client.get("/admin/accounts/totpdevice/")
    assert page.status_code == 200 and moderator.username in page.text
    assert device.secret not in page.text
    response = client.post(f"/admin/accounts/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TotpDevice.objects.filter(user=moderator).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_reset").exists()
