from django.core import mail
from django.urls import reverse

from picketline.moderation.models import ItemStatus
from picketline.moderation.services import item_for_object
from picketline.solidarity.models import Message
from tests.factories import make_dispute
from tests.solidarity.messages.helpers import fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]


def test_it_shows_the_form_on_the_dispute_page(client, db, fresh_limits):
    dispute = make_dispute()
    response = client.get(dispute.get_absolute_url())
    assert response.status_code == 200
    assert send_url(dispute).encode() in response.content
    assert b'name="website"' in response.content


def test_it_stores_the_message_and_queues_it_for_moderators(client, db, fresh_limits):
    dispute = make_dispute()
    response = client.post(send_url(dispute), valid_data())
    assert response.status_code == 303
    thanks = reverse("solidarity:message_thanks", kwargs={"slug": dispute.slug})
    assert response["Location"] == thanks
    message = Message.objects.get()
    assert message.dispute == dispute
    assert message.country == "BR"
    assert message.sender_email == "ana@example.org"
    assert message.contact_consent
    assert message.published_at is None
    assert item_for_object(message).status == ItemStatus.PENDING
    page = client.get(thanks)
    assert b"Moderators will check your message" in page.content


def test_it_does_not_show_a_pending_message(client, db, fresh_limits):
    dispute = make_dispute()
    client.post(send_url(dispute), valid_data(body="Not yet checked"))
    assert b"Not yet checked" not in client.get(dispute.get_absolute_url()).content


def test_it_sends_no_email_before_moderation(client, db, fresh_limits, send_now):
    dispute = make_dispute(solidarity_email="committee@example.org")
    with send_now():
        client.post(send_url(dispute), valid_data())
    assert mail.outbox == []


def test_it_strips_markup_from_the_text(client, db, fresh_limits):
    dispute = make_dispute()
    client.post(send_url(dispute), valid_data(body="<b>Solidarity</b><script>x()</script>"))
    assert Message.objects.get().body == "Solidarity"
