"""A message is signed once, in one place (`message_signature`), for its page, the
coordinators' inbox and print-out, and the digest email: an organisation that signs as
itself is named once."""

import pytest
from django.core import mail
from django.utils.html import escape

from picketline.core.templatetags.display_tags import isolate
from picketline.solidarity.messages.delivery import deliver_digest
from picketline.solidarity.messages.selectors import message_signature
from picketline.solidarity.messages.services import message_publish
from picketline.solidarity.models import Message, MessageRecipient
from tests.factories import make_dispute

NAME = "Dockers' branch (demo)"


def _message(**fields) -> Message:
    return Message(body="Solidarity", **fields)


def test_a_name_equal_to_its_organisation_is_given_once():
    signature = message_signature(_message(sender_name=NAME, organisation_name=NAME), "France")
    assert (signature.name, signature.organisation, signature.country) == (NAME, "", "France")


def test_the_same_name_written_differently_is_still_the_same():
    message = _message(
        sender_name="Dockers\u2019 Branch (demo) ", organisation_name="dockers branch demo"
    )
    assert message_signature(message).organisation == ""


def test_a_person_and_their_organisation_are_both_named():
    signature = message_signature(
        _message(sender_name="Ana", organisation_name="Dockers of Santos")
    )
    assert (signature.name, signature.organisation) == ("Ana", "Dockers of Santos")


def test_an_anonymous_sender_keeps_their_organisation():
    signature = message_signature(_message(sender_name="", organisation_name=NAME))
    assert (signature.name, signature.organisation) == ("", NAME)


@pytest.fixture
def published(db, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }
    dispute = make_dispute(solidarity_email="committee@example.org")
    message = Message.objects.create(
        dispute=dispute, body="Solidarity", sender_name=NAME, organisation_name=NAME, country="FR"
    )
    message_publish(message=message)
    return message


def test_the_dispute_page_names_the_sender_once(client, published):
    html = client.get(published.dispute.get_absolute_url()).text
    signature = html[html.index('class="solidarity-message__from"') :]
    signature = signature[: signature.index("</p>")]
    assert signature.count(escape(NAME)) == 1


def test_the_digest_email_names_the_sender_once(published):
    mail.outbox.clear()
    deliver_digest.call(recipient_id=MessageRecipient.objects.get().pk)
    body = mail.outbox[0].body
    assert body.count(NAME) == 1
    assert f"-- {isolate(NAME)} (" in body
