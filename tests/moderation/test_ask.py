"""A moderator can ask the submitter a question; the item waits until they answer."""

import pytest
from django.core import mail

from picketline.moderation.models import ItemStatus
from picketline.moderation.services import item_answer
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


def test_it_emails_the_question_and_waits_for_the_answer(moderator_client, moderator, send_now):
    _, item = make_submission()

    with send_now():
        response = moderator_client.post(
            f"/moderation/{item.pk}/ask/",
            {"version": item.version, "question": "Which gate is the picket at?"},
        )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.QUESTION
    [message] = item.messages.all()
    assert (message.author, message.from_submitter) == (moderator, False)
    [email] = mail.outbox
    assert email.to == ["reporter@example.org"]
    assert "Which gate is the picket at?" in email.body
    assert "/submissions/" in email.body
    waiting = moderator_client.get("/moderation/?tab=question")
    assert item.summary in waiting.text


def test_the_answer_puts_it_back_in_the_queue(moderator, moderator_client):
    _, item = make_submission()
    moderator_client.post(
        f"/moderation/{item.pk}/ask/", {"version": item.version, "question": "Which gate?"}
    )
    item.refresh_from_db()

    item = item_answer(item=item, body="The north gate.")

    assert item.status == ItemStatus.PENDING
    assert [m.body for m in item.messages.all()] == ["Which gate?", "The north gate."]
    assert item.summary in moderator_client.get("/moderation/").text


def test_it_cannot_ask_a_submitter_who_left_no_email(moderator_client, send_now):
    _, item = make_submission(email="")

    with send_now():
        response = moderator_client.post(
            f"/moderation/{item.pk}/ask/", {"version": item.version, "question": "Which gate?"}
        )

    assert response.status_code == 400
    assert "The submitter left no email address, so they cannot be asked." in response.text
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING
    assert mail.outbox == []


def test_it_refuses_an_empty_question_with_400(moderator_client):
    _, item = make_submission()

    response = moderator_client.post(
        f"/moderation/{item.pk}/ask/", {"version": item.version, "question": ""}
    )

    assert response.status_code == 400
    assert "Write the question to send." in response.text
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING
