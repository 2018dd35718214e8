"""Picket shifts entered on the local clock of their zone, kept there across clock changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from picketline.core.audit import audit_entries_for
from picketline.disputes.models import PicketShift
from picketline.disputes.shifts import shift_occurrences
from tests import factories

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def dispute():
    return factories.make_dispute(timezone_name="Europe/London")


@pytest.fixture
def client_in(client, dispute):
    coordinator = factories.make_coordinator(dispute)
    factories.login(client, coordinator)
    client.coordinator = coordinator
    return client


def _data(dispute, **changes):
    data = {
        "site": dispute.sites.get().pk,
        "starts_at": "2026-03-24T06:00",
        "ends_at": "2026-03-24T09:00",
        "timezone": "Europe/London",
        "notes": "Bring a flask",
        "recurrence": "weekly",
        "repeat_until": "2026-04-14",
    }
    data.update(changes)
    return data


def test_it_keeps_a_weekly_06_00_shift_at_06_00_across_the_clock_change(client_in, dispute):
    response = client_in.post(f"/disputes/{dispute.slug}/manage/shifts/add/", _data(dispute))
    assert response.status_code == 302
    shift = PicketShift.objects.get()
    assert shift.starts_at == dt.datetime(2026, 3, 24, 6, 0, tzinfo=dt.UTC)  # GMT then
    assert shift.timezone == "Europe/London"
    occurrences = shift_occurrences(shift)
    assert [o.starts_at.astimezone(LONDON).hour for o in occurrences] == [6, 6, 6, 6]
    # After the clocks went forward on 29 March, 06:00 in London is 05:00 UTC.
    assert occurrences[1].starts_at.astimezone(dt.UTC).hour == 5
    entry = audit_entries_for(dispute).get(action="dispute.shift_added")
    assert entry.user == client_in.coordinator
    page = client_in.get(f"/disputes/{dispute.slug}/manage/").text
    assert "06:00–09:00 (Europe/London, GMT)" in page  # noqa: RUF001 (the en dash of a range)
    assert "Every week, until 14 Apr 2026 (4 shifts)" in page


def test_it_reads_the_times_on_the_clock_of_the_chosen_zone(client_in, dispute):
    client_in.post(
        f"/disputes/{dispute.slug}/manage/shifts/add/",
        _data(dispute, timezone="America/New_York", recurrence="none", repeat_until=""),
    )
    shift = PicketShift.objects.get()
    assert shift.starts_at == dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)
    assert shift.repeat_until is None


def test_it_uses_the_sites_zone_when_none_is_chosen(client_in, dispute):
    client_in.post(f"/disputes/{dispute.slug}/manage/shifts/add/", _data(dispute, timezone=""))
    assert PicketShift.objects.get().timezone == "Europe/London"


def test_it_refuses_a_time_the_clocks_skip_and_other_mistakes(client_in, dispute):
    url = f"/disputes/{dispute.slug}/manage/shifts/add/"
    skipped = client_in.post(
        url, _data(dispute, starts_at="2026-03-29T01:30", ends_at="2026-03-29T04:00")
    )
    assert skipped.status_code == 400
    assert "does not exist in Europe/London" in skipped.text
    backwards = client_in.post(url, _data(dispute, ends_at="2026-03-24T05:00"))
    assert "The end must be after the start." in backwards.text
    no_end = client_in.post(url, _data(dispute, repeat_until=""))
    assert "Say until when the shift repeats." in no_end.text
    too_long = client_in.post(url, _data(dispute, ends_at="2026-04-24T05:00"))
    assert "at most seven days" in too_long.text
    assert not PicketShift.objects.exists()


def test_it_edits_a_shift_showing_it_on_its_own_clock(client_in, dispute):
    client_in.post(f"/disputes/{dispute.slug}/manage/shifts/add/", _data(dispute))
    shift = PicketShift.objects.get()
    url = f"/disputes/{dispute.slug}/manage/shifts/{shift.pk}/"
    assert 'value="2026-03-24T06:00"' in client_in.get(url).text
    response = client_in.post(
        url, _data(dispute, starts_at="2026-03-31T07:00", ends_at="2026-03-31T10:00")
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.starts_at == dt.datetime(2026, 3, 31, 6, 0, tzinfo=dt.UTC)  # BST then
    entry = audit_entries_for(dispute).get(action="dispute.shift_updated")
    assert entry.user == client_in.coordinator
    assert "starts_at" in entry.data["fields"]


def test_it_asks_before_removing_a_shift(client_in, dispute):
    client_in.post(f"/disputes/{dispute.slug}/manage/shifts/add/", _data(dispute))
    shift = PicketShift.objects.get()
    url = f"/disputes/{dispute.slug}/manage/shifts/{shift.pk}/delete/"
    page = client_in.get(url)
    assert page.status_code == 200 and "Every repeat of it goes too." in page.text
    assert client_in.post(url).status_code == 302
    assert not PicketShift.objects.exists()
    assert audit_entries_for(dispute).filter(action="dispute.shift_removed").exists()


def test_it_sends_a_dispute_without_sites_to_add_one_first(client, db):
    dispute = factories.make_dispute()
    dispute.sites.all().delete()
    factories.login(client, factories.make_coordinator(dispute))
    response = client.get(f"/disputes/{dispute.slug}/manage/shifts/add/")
    assert response["Location"] == f"/disputes/{dispute.slug}/manage/sites/add/"
