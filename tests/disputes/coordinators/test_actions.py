"""A coordinator adds, edits and removes strike days and other actions."""

import datetime as dt

import pytest

from picketline.core.audit import audit_entries_for
from picketline.disputes.models import StrikeAction
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute():
    return factories.make_dispute(timezone_name="Europe/Madrid", city="Madrid", country="ES")


@pytest.fixture
def client_in(client, dispute):
    coordinator = factories.make_coordinator(dispute)
    factories.login(client, coordinator)
    client.coordinator = coordinator
    return client


def _data(**changes):
    data = {
        "kind": "strike_day",
        "starts_at": "2026-05-01T00:00",
        "ends_at": "2026-05-02T00:00",
        "timezone": "Europe/Madrid",
        "note": "General strike",
    }
    data.update(changes)
    return data


def test_it_suggests_the_zone_of_the_disputes_site(client_in, dispute):
    page = client_in.get(f"/disputes/{dispute.slug}/manage/actions/add/").text
    assert '<option value="Europe/Madrid" selected>' in page
    assert 'type="datetime-local"' in page


def test_it_adds_a_strike_day_in_the_local_zone(client_in, dispute):
    response = client_in.post(f"/disputes/{dispute.slug}/manage/actions/add/", _data())
    assert response.status_code == 302
    action = StrikeAction.objects.get()
    assert action.starts_at == dt.datetime(2026, 4, 30, 22, 0, tzinfo=dt.UTC)
    assert (action.kind, action.note, action.timezone) == (
        "strike_day",
        "General strike",
        "Europe/Madrid",
    )
    entry = audit_entries_for(dispute).get(action="dispute.action_added")
    assert entry.user == client_in.coordinator
    assert "General strike" in client_in.get(dispute.get_absolute_url()).text


def test_it_edits_and_removes_an_action(client_in, dispute):
    client_in.post(f"/disputes/{dispute.slug}/manage/actions/add/", _data())
    action = StrikeAction.objects.get()
    url = f"/disputes/{dispute.slug}/manage/actions/{action.pk}/"
    assert 'value="2026-05-01T00:00"' in client_in.get(url).text
    response = client_in.post(url, _data(kind="rally", ends_at="2026-05-01T14:00"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.kind == "rally"
    updated = audit_entries_for(dispute).get(action="dispute.action_updated")
    assert updated.user == client_in.coordinator
    assert updated.data["fields"]["kind"] == ["strike_day", "rally"]
    # The action's kind is not the dispute's: the public history does not list it.
    assert "Rally" not in client_in.get(dispute.get_absolute_url()).text.split("history")[-1]
    delete = f"{url}delete/"
    assert client_in.get(delete).status_code == 200
    assert client_in.post(delete).status_code == 302
    assert not StrikeAction.objects.exists()
    assert audit_entries_for(dispute).filter(action="dispute.action_removed").exists()


def test_it_refuses_an_end_before_the_start(client_in, dispute):
    response = client_in.post(
        f"/disputes/{dispute.slug}/manage/actions/add/", _data(ends_at="2026-04-30T00:00")
    )
    assert response.status_code == 400
    assert "The end must be after the start." in response.text
    assert not StrikeAction.objects.exists()
