from django.core import mail
from django.urls import reverse
from django.utils import timezone

from picketline.moderation.models import ModerationItem
from picketline.moderation.services import item_for_object, item_reject
from picketline.solidarity.models import DeliveryStatus, Message, MessageDelivery
from tests.factories import login, make_coordinator, make_dispute
from tests.solidarity.messages.helpers import approve, fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]


def test_it_puts_the_message_in_the_queue_with_a_summary(client, db, fresh_limits):
    dispute = make_dispute(title="Bin workers of Leeds")
    client.post(send_url(dispute), valid_data(body=" ".join(f"w{n}" for n in range(30))))
    item = ModerationItem.objects.get()
    assert item.kind == "message"
    assert item.summary.startswith("w0 w1 w2")
    assert item.summary.endswith("— Bin workers of Leeds")
    assert item.country == "BR"
    assert not item.has_sources


def test_it_shows_the_message_on_the_moderators_page(client, db, fresh_limits, moderator):
    dispute = make_dispute()
    client.post(send_url(dispute), valid_data(body="Check me please"))
    item = ModerationItem.objects.get()
    login(client, moderator)
    response = client.get(reverse("moderation:item", kwargs={"pk": item.pk}))
    assert response.status_code == 200
    assert b"Check me please" in response.content


def test_it_publishes_on_approval_without_the_email(client, db, fresh_limits, moderator, send_now):
    dispute = make_dispute(solidarity_email="committee@example.org")
    coordinator = make_coordinator(dispute)
    client.post(send_url(dispute), valid_data(body="Stay strong, comrades"))
    message = Message.objects.get()
    with send_now():
        approve(message, moderator)
    message.refresh_from_db()
    assert message.published_at is not None
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "Stay strong, comrades" in page
    assert "Dockers of Santos" in page
    assert "ana@example.org" not in page
    deliveries = MessageDelivery.objects.filter(message=message)
    assert {d.recipient.email for d in deliveries} == {"committee@example.org", coordinator.email}
    # Nobody had a digest yet, so even the daily one goes out now.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["committee@example.org", coordinator.email]
    )
    assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
    assert "ana@example.org" in mail.outbox[0].body


def test_it_publishes_nothing_on_rejection(client, db, fresh_limits, moderator, send_now):
    dispute = make_dispute(solidarity_email="committee@example.org")
    client.post(send_url(dispute), valid_data(body="Rejected words"))
    message = Message.objects.get()
    item = item_for_object(message)
    with send_now():
        item_reject(item=item, version=item.version, user=moderator, reason="Off topic")
    message.refresh_from_db()
    assert message.published_at is None
    assert not MessageDelivery.objects.exists()
    assert b"Rejected words" not in client.get(dispute.get_absolute_url()).content


def test_it_shows_anonymous_for_a_message_without_a_name(client, db, fresh_limits, moderator):
    dispute = make_dispute()
    client.post(send_url(dispute), valid_data(sender_name=""))
    approve(Message.objects.get(), moderator)
    assert b"Anonymous" in client.get(dispute.get_absolute_url()).content


def test_it_pages_the_messages_20_at_a_time(client, db, moderator):
    dispute = make_dispute()
    now = timezone.now()
    Message.objects.bulk_create(
        [
            Message(dispute=dispute, body=f"Message number {n:02d}.", published_at=now)
            for n in range(25)
        ]
    )
    first = client.get(dispute.get_absolute_url()).content.decode()
    second = client.get(dispute.get_absolute_url() + "?messages_page=2").content.decode()
    assert first.count("solidarity-message__body") == 20
    assert second.count("solidarity-message__body") == 5
