"""A coordinator edits the dispute's details; a stale form is refused and saves nothing."""

import datetime as dt

import pytest

from picketline.core.audit import audit_entries_for
from picketline.disputes import services
from picketline.disputes.models import Dispute
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute():
    return factories.make_dispute(
        title="Depot strike", demands=["pay"], start_date=dt.date(2026, 3, 2)
    )


@pytest.fixture
def coordinator(dispute):
    return factories.make_coordinator(dispute)


def _url(dispute):
    return f"/disputes/{dispute.slug}/manage/"


def _form(dispute, **changes) -> dict:
    data = {
        "version": dispute.version,
        "title": dispute.title,
        "kind": dispute.kind,
        "status": dispute.status,
        "outcome": dispute.outcome,
        "sector": dispute.sector,
        "workers_involved": "",
        "demands": ["pay"],
        "demands_other": "",
        "description": dispute.description,
        "language": "en",
        "start_date": "2026-03-02",
        "end_date": "",
        "authorised": "unknown",
        "solidarity_email": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_it_shows_the_form_with_a_hidden_version(client, dispute, coordinator):
    factories.login(client, coordinator)
    response = client.get(_url(dispute))
    assert response.status_code == 200
    assert f'type="hidden" name="version" value="{dispute.version}"' in response.text
    assert 'name="verification"' not in response.text
    assert f'href="{dispute.get_absolute_url()}"' in response.text


def test_it_saves_status_outcome_and_demands_and_logs_who_changed_what(
    client, dispute, coordinator
):
    factories.login(client, coordinator)
    response = client.post(
        _url(dispute),
        _form(
            dispute,
            status="ended",
            outcome="won",
            end_date="2026-04-01",
            demands=["pay", "safety"],
            workers_involved="250",
            authorised="true",
        ),
    )
    assert response.status_code == 302
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert (dispute.status, dispute.outcome) == ("ended", "won")
    assert dispute.end_date == dt.date(2026, 4, 1)
    assert dispute.workers_involved == 250 and dispute.authorised is True
    assert sorted(dispute.demands.values_list("demand", flat=True)) == ["pay", "safety"]
    assert dispute.version == 2
    entry = audit_entries_for(dispute).get(action="dispute.updated")
    assert entry.user == coordinator
    assert entry.data["changes"]["status"] == ["active", "ended"]
    assert entry.data["changes"]["outcome"] == ["unknown", "won"]
    assert entry.data["changes"]["demands"] == [["pay"], ["pay", "safety"]]
    page = client.get(dispute.get_absolute_url()).text
    assert "Won" in page and "Outcome: <bdi>Unknown</bdi> → <bdi>Won</bdi>" in page


def test_it_refuses_a_stale_version_with_409_and_saves_nothing(client, dispute, coordinator):
    factories.login(client, coordinator)
    opened = _form(dispute, title="My title")
    # Someone else saves first.
    services.dispute_update(dispute=dispute, status="suspended", version=dispute.version)
    response = client.post(_url(dispute), opened)
    assert response.status_code == 409
    assert "Someone else changed this dispute after you opened it" in response.text
    assert "Reload the page" in response.text
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.title == "Depot strike" and dispute.status == "suspended"
    assert dispute.version == 2
    assert audit_entries_for(dispute).filter(action="dispute.updated").count() == 1


def test_it_says_which_field_is_wrong(client, dispute, coordinator):
    factories.login(client, coordinator)
    response = client.post(
        _url(dispute), _form(dispute, end_date="2026-01-01", status="on holiday", title="")
    )
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.text
    assert "Select a valid choice" in response.text
    assert "This field is required." in response.text
    assert Dispute.objects.get(pk=dispute.pk).version == 1


def test_it_lets_only_moderators_change_verification(client, dispute, coordinator):
    factories.login(client, coordinator)
    client.post(_url(dispute), _form(dispute, verification="union"))
    assert Dispute.objects.get(pk=dispute.pk).verification == "crowd"
    moderator = factories.make_moderator()
    factories.login(client, moderator)
    dispute.refresh_from_db()
    page = client.get(_url(dispute))
    assert 'name="verification"' in page.text
    response = client.post(_url(dispute), _form(dispute, verification="union"))
    assert response.status_code == 302
    assert Dispute.objects.get(pk=dispute.pk).verification == "union"


def test_marking_it_sensitive_coarsens_its_sites(client, dispute, coordinator):
    factories.login(client, coordinator)
    site = dispute.sites.get()
    client.post(_url(dispute), _form(dispute, sensitive="on"))
    site.refresh_from_db()
    assert (site.public_latitude, site.public_longitude) != (site.latitude, site.longitude)


def test_the_public_history_shows_no_coordinator_or_private_detail(client, dispute, coordinator):
    factories.login(client, coordinator)
    client.post(
        _url(dispute), _form(dispute, status="ended", solidarity_email="secret@example.org")
    )
    client.post(f"{_url(dispute)}invite/", {"email": "invitee@example.org"})
    client.logout()
    page = client.get(dispute.get_absolute_url()).text
    assert "Status: <bdi>Active</bdi> → <bdi>Ended</bdi>" in page
    assert "secret@example.org" not in page and "invitee@example.org" not in page
    assert coordinator.username not in page


def test_many_edits_to_parts_do_not_push_changes_out_of_the_public_history(
    client, dispute, coordinator
):
    factories.login(client, coordinator)
    client.post(_url(dispute), _form(dispute, status="suspended"))
    for n in range(60):
        services.source_create(dispute=dispute, url=f"https://example.org/news/{n}")
    page = client.get(dispute.get_absolute_url()).text
    assert "Status: <bdi>Active</bdi> → <bdi>Suspended</bdi>" in page
