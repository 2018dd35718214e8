from django.core import mail

from picketline.core.templatetags.display_tags import isolate
from picketline.solidarity.messages.delivery import deliver_digest
from picketline.solidarity.messages.services import message_publish
from picketline.solidarity.models import DeliveryStatus, Message, MessageDelivery, MessageRecipient
from tests.factories import make_dispute


def test_it_lists_several_messages_in_one_email(db, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }
    dispute = make_dispute(title="Nurses of Lyon", solidarity_email="committee@example.org")
    consented = Message.objects.create(
        dispute=dispute,
        body="Solidarity from Berlin",
        sender_name="Jo",
        organisation_name="ver.di",
        country="DE",
        sender_email="jo@example.org",
        contact_consent=True,
    )
    anonymous = Message.objects.create(dispute=dispute, body="Hold the line", country="ES")
    for message in (consented, anonymous):
        message_publish(message=message)
    mail.outbox.clear()

    recipient = MessageRecipient.objects.get()
    assert deliver_digest.call(recipient_id=recipient.pk) == 2

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["committee@example.org"]
    assert "2 messages of solidarity for Nurses of Lyon" in email.subject
    assert "Solidarity from Berlin" in email.body
    assert "Hold the line" in email.body
    # Each name sits between directional isolates, so it keeps its order in any language.
    assert f"{isolate('Jo')}, {isolate('ver.di')}" in email.body
    assert "jo@example.org" in email.body
    assert "Anonymous" in email.body
    assert MessageDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 2


def test_it_leaves_out_an_email_given_without_consent(db, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }
    dispute = make_dispute(solidarity_email="committee@example.org")
    message = Message.objects.create(dispute=dispute, body="Hello", sender_email="")
    message_publish(message=message)
    mail.outbox.clear()
    deliver_digest.call(recipient_id=MessageRecipient.objects.get().pk)
    assert "Agreed to be contacted" not in mail.outbox[0].body


def test_it_writes_a_title_with_an_apostrophe_as_it_is(db, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }
    dispute = make_dispute(
        title="Drivers' pay & <conditions>", solidarity_email="committee@example.org"
    )
    message_publish(message=Message.objects.create(dispute=dispute, body="Solidarity"))
    mail.outbox.clear()

    deliver_digest.call(recipient_id=MessageRecipient.objects.get().pk)

    # Plain-text mail: nothing is HTML-escaped, in the subject or the body.
    assert "1 message of solidarity for Drivers' pay & <conditions>" in mail.outbox[0].subject
    assert "Drivers' pay & <conditions>" in mail.outbox[0].body
