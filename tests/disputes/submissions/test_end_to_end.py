import re

import pytest
from django.core import mail
from django.core.cache import cache

from picketline.disputes.models import Submission
from picketline.moderation.models import ItemStatus, ModerationItem
from tests.disputes.submissions.helpers import ADD_URL, IMMEDIATE_TASKS, valid_data

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
FORM_FIELDS = (
    "employer",
    "place_name",
    "latitude",
    "longitude",
    "kind",
    "start_date",
    "description",
    "unions",
    "dispute_status",
    "end_date",
    "workers_involved",
    "sector",
    "demands",
    "demands_other",
    "picket_address",
    "picket_starts_at",
    "picket_ends_at",
    "picket_weekly",
    "sources",
    "solidarity_email",
    "sensitive",
    "language",
    "submitter_name",
    "submitter_email",
    "contact_consent",
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_shows_the_form_with_every_field(client):
    response = client.get(ADD_URL)
    assert response.status_code == 200
    html = response.text
    for name in FORM_FIELDS:
        assert f'name="{name}"' in html, name
    assert 'type="datetime-local"' in html
    assert "never published" in html
    assert "You may stay anonymous" in html


def test_it_hides_a_honeypot_from_people(client):
    html = client.get(ADD_URL).text
    honeypot = re.search(r'<div class="hp-field" aria-hidden="true">(.*?)</div>', html, re.S)
    assert honeypot
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", honeypot[1])[0]
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field


def test_it_is_safe_under_the_content_security_policy(client):
    html = client.get(ADD_URL).text
    for attributes in SCRIPT.findall(html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not re.search(r"\son[a-z]+=", html)
    assert not re.search(r"\sstyle=", html, re.IGNORECASE)
    assert "<style" not in html
    assert "/static/js/submission-form.js" in html


def test_it_is_linked_from_the_header(client):
    assert 'href="/add/"' in client.get("/").text


def test_it_stores_a_report_queues_it_and_thanks_the_reporter(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, valid_data())
    assert response.status_code == 303, response.text
    status_url = response["Location"]
    assert status_url.startswith("/submissions/") and status_url.endswith("?new=1")

    submission = Submission.objects.get()
    assert submission.employer == "Harbour Lane Warehouse"
    assert submission.union_names == ["Transport Workers' Union", "Warehouse Workers"]
    assert submission.demands == ["hours", "safety"]
    assert submission.sources == [
        "https://example.org/news/walkout",
        "http://example.net/union/statement",
    ]
    assert (submission.latitude, submission.longitude) == (53.7997, -1.5492)
    assert submission.precision == "exact"
    assert submission.picket_weekly is True
    assert submission.picket_ends_at > submission.picket_starts_at
    assert submission.contact_consent is True
    assert submission.dispute is None
    item = ModerationItem.objects.get()
    assert item.status == ItemStatus.PENDING
    assert item.content_object == submission

    page = client.get(status_url)
    assert page.status_code == 200
    assert "Thank you for your report" in page.text
    assert "usually within a day" in page.text
    assert "We will email you" in page.text
    assert "Waiting for review" in page.text

    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["sam@example.org"]
    assert "Received" in receipt.subject
    assert status_url.split("?")[0] in receipt.body


def test_its_receipt_holds_nobody_else_s_details(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    other = valid_data(
        employer="Other Employer",
        submitter_name="Other Person",
        submitter_email="other-person@example.org",
        solidarity_email="other-committee@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD_URL, other)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD_URL, valid_data())
    (receipt,) = mail.outbox
    assert receipt.to == ["sam@example.org"]
    text = receipt.subject + receipt.body
    for private in ("Other Person", "other-person@example.org", "other-committee@example.org"):
        assert private not in text


def test_it_sends_no_receipt_to_an_anonymous_reporter(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    data = valid_data(submitter_name="", submitter_email="", contact_consent=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, data)
    assert response.status_code == 303
    assert mail.outbox == []
    page = client.get(response["Location"]).text
    assert "You left no email address" in page
    submission = Submission.objects.get()
    assert submission.submitter_email == "" and submission.contact_consent is False


def test_it_links_a_signed_in_reporter(client, supporter):
    client.force_login(supporter)
    assert client.post(ADD_URL, valid_data()).status_code == 303
    assert Submission.objects.get().submitted_by == supporter


def test_it_needs_only_the_essentials(client):
    data = {
        key: valid_data()[key]
        for key in ("employer", "place_name", "latitude", "longitude", "kind", "start_date")
    }
    data.update(description="Cleaners on strike.", dispute_status="active", language="en")
    response = client.post(ADD_URL, data)
    assert response.status_code == 303, response.text
    submission = Submission.objects.get()
    assert submission.precision == "city"  # the pin came from a suggestion, not by hand
    assert submission.picket_starts_at is None
    assert submission.sources == [] and submission.demands == []
