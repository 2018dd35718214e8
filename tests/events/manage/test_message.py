"""Messaging everyone coming: one email each, the waiting list only when asked, and an audit
entry saying how many."""

import pytest
from django.core import mail

from picketline.core.audit import audit_entries_for
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.events.manage.helpers import login, make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return make_organiser()


@pytest.fixture
def event(organiser):
    event = factories.make_event(organiser=organiser, capacity=2, title="Rally")
    for _ in range(3):
        rsvps.rsvp_create(event=event, user=factories.make_user())
    return event


def _url(event):
    return f"/events/{event.slug}/message/"


def test_it_sends_one_email_to_each_person_coming(client, organiser, event, send_now):
    login(client, organiser)
    with send_now():
        response = client.post(
            _url(event), {"subject": "Bring flags", "body": "See you <b>there</b>."}
        )
    assert response.status_code == 302
    coming = sorted(event.rsvps.filter(status="confirmed").values_list("email", flat=True))
    assert sorted(m.to[0] for m in mail.outbox) == coming
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert mail.outbox[0].subject == "Bring flags"
    assert "See you there." in mail.outbox[0].body
    entry = next(e for e in audit_entries_for(event) if e.action == "event.messaged")
    assert entry.data == {"emails": 2}
    assert "sent to 2 people" in client.get(response["Location"]).text


def test_it_includes_the_waiting_list_when_asked(client, organiser, event, send_now):
    login(client, organiser)
    with send_now():
        client.post(_url(event), {"subject": "Hi", "body": "News.", "waiting": "on"})
    assert len(mail.outbox) == 3


def test_it_refuses_an_empty_message_and_sends_nothing(client, organiser, event, send_now):
    login(client, organiser)
    with send_now():
        response = client.post(_url(event), {"subject": "Hi", "body": "<p></p>"})
    assert response.status_code == 400
    assert response.context["form"].errors["body"]
    assert mail.outbox == []


def test_it_is_for_organisers_only(client, event):
    assert "login" in client.get(_url(event))["Location"]
    login(client, factories.make_user())
    assert client.post(_url(event), {"subject": "Hi", "body": "Spam"}).status_code == 403
