"""The Django admin for appeals: admins repair appeals and their targets, read signatures and
deliveries, and no list shows an address; a page shows one to superusers only."""

import pytest
from django.contrib.auth import get_user_model

from picketline.appeals.models import AppealDelivery, Signature
from tests import factories
from tests.appeals.helpers import make_appeal, sign

pytestmark = pytest.mark.django_db

SUPPORTER_EMAIL = "sentinel-supporter@example.org"


@pytest.fixture
def appeal():
    appeal = make_appeal(targets=2)
    sign(appeal, email=SUPPORTER_EMAIL, name="Ada Picket", country="FR")
    sign(appeal, email="other@example.org", name="Bo Striker", country="ES")
    return appeal


@pytest.fixture
def admin_client(client):
    factories.login(client, factories.make_admin())
    return client


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser(
        username="root-admin", email="root@example.org", password=factories.PASSWORD
    )
    factories.make_totp_device(user)
    factories.login(client, user)
    return client


def test_it_lists_appeals_signatures_and_deliveries(admin_client, appeal):
    page = admin_client.get("/admin/appeals/appeal/")
    assert page.status_code == 200 and appeal.title in page.text
    page = admin_client.get(f"/admin/appeals/appeal/{appeal.pk}/change/")
    assert page.status_code == 200 and "Manager 1" in page.text and "Manager 2" in page.text
    page = admin_client.get("/admin/appeals/signature/")
    assert page.status_code == 200
    assert "Ada Picket" in page.text and "Bo Striker" in page.text
    page = admin_client.get("/admin/appeals/appealdelivery/")
    assert page.status_code == 200
    assert page.context["cl"].result_count == AppealDelivery.objects.count() == 4


def test_no_list_and_no_page_shows_an_address_to_an_admin(admin_client, appeal):
    signature = Signature.objects.get(email=SUPPORTER_EMAIL)
    delivery = AppealDelivery.objects.filter(signature=signature).first()
    for url in (
        "/admin/appeals/appeal/",
        f"/admin/appeals/appeal/{appeal.pk}/change/",
        "/admin/appeals/signature/",
        f"/admin/appeals/signature/{signature.pk}/change/",
        "/admin/appeals/appealdelivery/",
        f"/admin/appeals/appealdelivery/{delivery.pk}/change/",
    ):
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert SUPPORTER_EMAIL not in page.text, url
        assert "@employer.example" not in page.text, url


def test_a_superuser_sees_the_addresses_on_the_pages_but_not_in_the_lists(superuser_client, appeal):
    signature = Signature.objects.get(email=SUPPORTER_EMAIL)
    assert "target1@employer.example" in (
        superuser_client.get(f"/admin/appeals/appeal/{appeal.pk}/change/").text
    )
    assert SUPPORTER_EMAIL in (
        superuser_client.get(f"/admin/appeals/signature/{signature.pk}/change/").text
    )
    assert SUPPORTER_EMAIL not in superuser_client.get("/admin/appeals/signature/").text


def test_it_searches_signatures_by_name_and_never_by_address(admin_client, appeal):
    found = admin_client.get("/admin/appeals/signature/", {"q": "Ada"})
    assert found.context["cl"].result_count == 1
    by_address = admin_client.get("/admin/appeals/signature/", {"q": "sentinel-supporter"})
    assert by_address.context["cl"].result_count == 0


def test_signatures_and_deliveries_are_read_not_written(admin_client, appeal):
    signature = Signature.objects.get(email=SUPPORTER_EMAIL)
    delivery = AppealDelivery.objects.filter(signature=signature).first()
    changed = admin_client.post(
        f"/admin/appeals/signature/{signature.pk}/change/",
        {"name": "Someone else", "status": "pending", "country": "DE"},
    )
    assert changed.status_code == 403
    assert admin_client.get("/admin/appeals/signature/add/").status_code == 403
    assert admin_client.get("/admin/appeals/appealdelivery/add/").status_code == 403
    deleted = admin_client.post(
        f"/admin/appeals/appealdelivery/{delivery.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 403
    signature.refresh_from_db()
    assert signature.name == "Ada Picket" and signature.status == "confirmed"
    assert AppealDelivery.objects.filter(pk=delivery.pk).exists()


def test_an_admin_who_is_not_a_superuser_cannot_add_a_target_here(admin_client, appeal):
    page = admin_client.get(f"/admin/appeals/appeal/{appeal.pk}/change/")
    formset = page.context["inline_admin_formsets"][0]
    assert not formset.has_add_permission
    assert "email" not in formset.formset.forms[0].fields


def test_the_admin_asks_for_the_second_factor(client, appeal):
    client.force_login(factories.make_admin())
    response = client.get("/admin/appeals/signature/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
