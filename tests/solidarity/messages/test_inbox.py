import csv
import io

from django.urls import reverse
from django.utils import timezone

from picketline.solidarity.models import DigestFrequency, Message, MessageRecipient
from tests.factories import login, make_coordinator, make_dispute


def _url(name, dispute):
    return reverse(f"solidarity:{name}", kwargs={"slug": dispute.slug})


def _messages(dispute):
    Message.objects.create(
        dispute=dispute,
        body="Published with consent",
        sender_name="Jo",
        sender_email="jo@example.org",
        contact_consent=True,
        published_at=timezone.now(),
    )
    Message.objects.create(dispute=dispute, body="Waiting without email", country="IT")
    # A stored address without consent cannot exist (the database refuses it), so the only
    # emails coordinators can see are consented ones; the other dispute's must never show.
    other = make_dispute()
    Message.objects.create(
        dispute=other, body="Someone else's", sender_email="x@example.org", contact_consent=True
    )


def test_it_lists_pending_and_published_messages_with_consented_emails(client, db):
    dispute = make_dispute()
    _messages(dispute)
    login(client, make_coordinator(dispute))
    page = client.get(_url("message_inbox", dispute)).content.decode()
    assert "Published with consent" in page
    assert "Waiting without email" in page
    assert "jo@example.org" in page
    assert "Someone else" not in page
    assert "x@example.org" not in page
    assert "Waiting for moderators" in page


def test_it_filters_by_status(client, db):
    dispute = make_dispute()
    _messages(dispute)
    login(client, make_coordinator(dispute))
    page = client.get(_url("message_inbox", dispute), {"status": "pending"}).content.decode()
    assert "Waiting without email" in page
    assert "Published with consent" not in page


def test_it_exports_csv_with_consented_emails_only(client, db):
    dispute = make_dispute()
    _messages(dispute)
    login(client, make_coordinator(dispute))
    response = client.get(_url("message_export", dispute))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
    emails = {row[-1] for row in rows[1:]}
    assert emails == {"jo@example.org", ""}
    assert not any("x@example.org" in cell for row in rows for cell in row)


def test_it_prints_the_messages(client, db):
    dispute = make_dispute()
    _messages(dispute)
    login(client, make_coordinator(dispute))
    page = client.get(_url("message_print", dispute)).content.decode()
    assert "page-print-messages" in page
    assert "Published with consent" in page
    assert "jo@example.org" in page
    assert "x@example.org" not in page


def test_it_links_the_pages_from_the_dashboard(client, db):
    dispute = make_dispute()
    login(client, make_coordinator(dispute))
    page = client.get(reverse("manage:dispute", kwargs={"slug": dispute.slug})).content.decode()
    assert _url("message_inbox", dispute) in page
    assert _url("message_export", dispute) in page


def test_it_changes_how_often_messages_arrive(client, db):
    dispute = make_dispute(solidarity_email="committee@example.org")
    coordinator = make_coordinator(dispute)
    login(client, coordinator)
    page = client.get(_url("message_inbox", dispute)).content.decode()
    assert "committee@example.org" in page
    url = _url("message_frequency", dispute)
    assert client.post(url, {"recipient": "me", "frequency": "daily"}).status_code == 302
    assert client.post(url, {"recipient": "contact", "frequency": "hourly"}).status_code == 302
    frequencies = dict(MessageRecipient.objects.values_list("email", "frequency"))
    assert frequencies == {
        coordinator.email: DigestFrequency.DAILY,
        "committee@example.org": DigestFrequency.HOURLY,
    }
