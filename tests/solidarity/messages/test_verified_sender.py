from django.urls import reverse
from django.utils import timezone

from picketline.moderation.models import ModerationItem
from picketline.solidarity.models import Message, MessageDelivery
from tests.factories import login, make_dispute, make_organisation, make_user
from tests.solidarity.messages.helpers import fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]


def _verified_union_member():
    union = make_organisation(name="Verified Union")
    union.verified_at = timezone.now()
    union.save(update_fields=["verified_at"])
    user = make_user()
    union.coordinators.add(user)
    return user


def test_it_publishes_at_once_for_a_verified_unions_account(client, db, fresh_limits):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, _verified_union_member())
    response = client.post(send_url(dispute), valid_data(body="From a verified union"))
    assert response.status_code == 303
    thanks = reverse("solidarity:message_thanks", kwargs={"slug": dispute.slug})
    assert response["Location"] == thanks + "?published=1"
    message = Message.objects.get()
    assert message.published_at is not None
    assert not ModerationItem.objects.exists()
    assert MessageDelivery.objects.filter(message=message).count() == 1
    assert b"From a verified union" in client.get(dispute.get_absolute_url()).content


def test_it_queues_a_message_from_an_unverified_unions_account(client, db, fresh_limits):
    union = make_organisation(name="Unverified Union")
    user = make_user()
    union.coordinators.add(user)
    dispute = make_dispute()
    login(client, user)
    client.post(send_url(dispute), valid_data())
    assert Message.objects.get().published_at is None
    assert ModerationItem.objects.count() == 1
