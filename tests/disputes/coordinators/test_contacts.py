"""Coordinators see what the people who reported their dispute agreed to share; nobody else."""

import pytest
from django.utils import timezone

from picketline.disputes.submissions.services import submission_create, submission_publish
from tests import factories

pytestmark = pytest.mark.django_db

SENTINELS = ("sam.reporter@example.org", "Sam Reporter", "committee-secret@example.org")


def _report(**changes):
    fields = {
        "employer": "Harbour Lane Warehouse",
        "kind": "strike",
        "description": "Warehouse workers walked out over the heat inside.",
        "start_date": timezone.localdate(),
        "place_name": "Leeds",
        "city": "Leeds",
        "country": "GB",
        "latitude": 53.7997,
        "longitude": -1.5492,
        "timezone": "Europe/London",
        "submitter_name": "Sam Reporter",
        "submitter_email": "sam.reporter@example.org",
        "contact_consent": True,
        "solidarity_email": "committee-secret@example.org",
    }
    fields.update(changes)
    submission, _raw = submission_create(**fields)
    return submission


@pytest.fixture
def dispute():
    submission = _report()
    return submission_publish(submission=submission, user=factories.make_moderator())


def test_a_coordinator_sees_the_contact_details_marked_private(client, dispute):
    factories.login(client, factories.make_coordinator(dispute))
    page = client.get(f"/disputes/{dispute.slug}/manage/").text
    for sentinel in SENTINELS:
        assert sentinel in page
    assert "Private: only this dispute's coordinators and moderators see this." in page
    assert "agreed to be contacted" in page


def test_a_name_without_consent_stays_hidden(client, dispute):
    other = _report(
        submitter_name="Quiet Person",
        submitter_email="",
        contact_consent=False,
        solidarity_email="",
    )
    other.dispute = dispute
    other.save(update_fields=["dispute"])
    factories.login(client, factories.make_coordinator(dispute))
    assert "Quiet Person" not in client.get(f"/disputes/{dispute.slug}/manage/").text


def test_a_coordinator_of_another_dispute_never_sees_them(client, dispute):
    stranger = factories.make_coordinator(factories.make_dispute())
    factories.login(client, stranger)
    base = f"/disputes/{dispute.slug}/manage/"
    site = dispute.sites.get()
    for url in (base, f"{base}sites/{site.pk}/", f"{base}invite/", "/my/disputes/"):
        response = client.get(url)
        assert response.status_code in (200, 403), url
        for sentinel in SENTINELS:
            assert sentinel not in response.text, url
    assert client.get(base).status_code == 403


def test_the_public_page_never_shows_them(client, dispute):
    page = client.get(dispute.get_absolute_url()).text
    for sentinel in SENTINELS:
        assert sentinel not in page
