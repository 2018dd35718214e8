"""A coordinator adds sources with their tier, changes the tier, removes them."""

import pytest

from picketline.core.audit import audit_entries_for
from picketline.disputes.models import Source
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute():
    return factories.make_dispute()


@pytest.fixture
def client_in(client, dispute):
    coordinator = factories.make_coordinator(dispute)
    factories.login(client, coordinator)
    client.coordinator = coordinator
    return client


def test_it_labels_the_kind_as_a_tier(client_in, dispute):
    page = client_in.get(f"/disputes/{dispute.slug}/manage/sources/add/").text
    assert ">Tier:</label>" in page
    for label in ("Union", "Press", "Social media", "Other"):
        assert f">{label}</option>" in page


def test_it_adds_changes_the_tier_of_and_removes_a_source(client_in, dispute):
    base = f"/disputes/{dispute.slug}/manage/sources/"
    response = client_in.post(
        f"{base}add/", {"url": "https://union.example.org/news", "kind": "social", "title": "News"}
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.kind == "social"
    dashboard = client_in.get(f"/disputes/{dispute.slug}/manage/").text
    assert "Tier: Social media" in dashboard
    response = client_in.post(
        f"{base}{source.pk}/",
        {"url": "https://union.example.org/news", "kind": "union", "title": "News"},
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.kind == "union"
    entry = audit_entries_for(dispute).get(action="dispute.source_updated")
    assert entry.user == client_in.coordinator
    assert entry.data["fields"] == {"kind": ["social", "union"]}
    assert client_in.post(f"{base}{source.pk}/delete/").status_code == 302
    assert not Source.objects.exists()
    assert audit_entries_for(dispute).filter(action="dispute.source_removed").exists()


def test_it_refuses_an_address_that_is_not_a_web_address(client_in, dispute):
    response = client_in.post(
        f"/disputes/{dispute.slug}/manage/sources/add/", {"url": "not a url", "kind": "press"}
    )
    assert response.status_code == 400
    assert "Enter a valid URL." in response.text
    assert not Source.objects.exists()
