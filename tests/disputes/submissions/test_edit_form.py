"""The moderators' "approve with edits" form: same rules, and only what changed is passed on."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from picketline.disputes.models import Submission
from picketline.disputes.submissions.forms import SubmissionEditForm
from picketline.moderation.services import item_approve, item_for_object
from tests.disputes.submissions.helpers import make_submission

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
STARTS = dt.datetime(2030, 3, 4, 6, 0, tzinfo=LONDON)


@pytest.fixture
def submission(db):
    submission, _token = make_submission(
        picket_starts_at=STARTS, picket_ends_at=STARTS + dt.timedelta(hours=3)
    )
    return submission


def _as_posted(form) -> dict:
    """What a browser sends back for the form as it was shown."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, dt.datetime):
            value = value.strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        data[field.name] = value
    return data


def _edits(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data}


def test_it_shows_the_title_and_picket_times_on_the_place_s_clock(submission):
    form = SubmissionEditForm(instance=submission)
    assert form["title"].value() == "Harbour Lane Warehouse: Strike"
    assert form["verification"].value() == "crowd"
    assert form["picket_starts_at"].value() == dt.datetime(2030, 3, 4, 6, 0)
    assert "submitter_email" not in form.fields


def test_it_changes_nothing_when_nothing_is_edited(submission):
    form = SubmissionEditForm(
        data=_as_posted(SubmissionEditForm(instance=submission)), instance=submission
    )
    assert form.is_valid(), form.errors
    assert form.changed_data == []


def test_its_changes_publish_through_the_service(submission, moderator):
    data = _as_posted(SubmissionEditForm(instance=submission))
    data.update(
        employer="Harbour Lane Logistics",
        title="Harbour Lane heat strike",
        verification="press",
        picket_starts_at="2030-03-04T07:00",
        demands=["safety", "pay"],
        sources="https://example.org/news/walkout\nhttps://example.org/more",
    )
    form = SubmissionEditForm(data=data, instance=Submission.objects.get(pk=submission.pk))
    assert form.is_valid(), form.errors
    edits = _edits(form)
    assert set(edits) == {
        "employer",
        "title",
        "verification",
        "picket_starts_at",
        "demands",
        "sources",
    }
    item = item_for_object(submission)
    dispute = item_approve(item=item, version=item.version, user=moderator, edits=edits)
    assert dispute.title == "Harbour Lane heat strike"
    assert dispute.verification == "press"
    assert {d.demand for d in dispute.demands.all()} == {"pay", "safety"}
    assert dispute.sources.count() == 2
    shift = dispute.sites.get().shifts.get()
    assert shift.starts_at == dt.datetime(2030, 3, 4, 7, 0, tzinfo=LONDON)
    submission.refresh_from_db()
    assert submission.employer == "Harbour Lane Logistics"


def test_a_corrected_time_zone_keeps_the_picket_s_clock_times(submission):
    data = _as_posted(SubmissionEditForm(instance=submission))
    data["timezone"] = "America/New_York"
    form = SubmissionEditForm(data=data, instance=submission)
    assert form.is_valid(), form.errors
    edits = _edits(form)
    new_york = ZoneInfo("America/New_York")
    assert edits["picket_starts_at"] == dt.datetime(2030, 3, 4, 6, 0, tzinfo=new_york)
    assert edits["picket_ends_at"] == dt.datetime(2030, 3, 4, 9, 0, tzinfo=new_york)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employer": ""}, "employer"),
        ({"title": ""}, "title"),
        ({"verification": "rumour"}, "verification"),
        ({"workers_involved": "0"}, "workers_involved"),
        ({"sources": "ftp://example.org/x"}, "sources"),
        ({"end_date": "2000-01-01"}, "end_date"),
        ({"picket_ends_at": "2030-03-04T05:00"}, "picket_ends_at"),
        ({"picket_ends_at": ""}, "picket_ends_at"),
        ({"latitude": "123"}, "latitude"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"demands": ["pay", "free lunch"]}, "demands"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_it_checks_the_same_rules_as_the_public_form(submission, changes, field):
    data = _as_posted(SubmissionEditForm(instance=submission))
    data.update(changes)
    form = SubmissionEditForm(data=data, instance=submission)
    assert not form.is_valid()
    assert field in form.errors, form.errors
