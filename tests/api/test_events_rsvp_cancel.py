import pytest
from django.core import mail

from picketline.events.choices import RsvpStatus
from picketline.events.models import Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db


def _delete(client, key, token):
    return client.delete(f"/api/v1/events/{key}/rsvps/{token}")


def _seated(event, email: str):
    user = factories.make_user(email=email)
    result = rsvps.rsvp_create(event=event, user=user)
    return result.rsvp, rsvp_selectors.rsvp_token(result.rsvp)


def test_it_cancels_and_promotes_the_first_person_waiting(client, send_now):
    event = factories.make_event(capacity=1)
    coming, token = _seated(event, "first@example.org")
    next_in_line, _token = _seated(event, "second@example.org")
    later, _token = _seated(event, "third@example.org")
    with send_now():
        response = _delete(client, event.pk, token)
    assert body(response) == {"status": "cancelled"}
    assert response["Cache-Control"] == "private, no-store"
    statuses = {r.pk: r.status for r in Rsvp.objects.all()}
    assert statuses == {
        coming.pk: RsvpStatus.CANCELLED,
        next_in_line.pk: RsvpStatus.CONFIRMED,
        later.pk: RsvpStatus.WAITLISTED,
    }
    event.refresh_from_db()
    assert event.confirmed_count == 1
    assert [email.to for email in mail.outbox] == [["second@example.org"]]


def test_it_takes_the_event_by_its_slug(client):
    event = factories.make_event()
    rsvp, token = _seated(event, "a@example.org")
    assert body(_delete(client, event.slug, token)) == {"status": "cancelled"}
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CANCELLED


def test_it_cancels_once_however_often_asked(client):
    event = factories.make_event(capacity=1)
    _coming, token = _seated(event, "a@example.org")
    waiting, _token = _seated(event, "b@example.org")
    _seated(event, "c@example.org")
    for _ in range(2):
        assert body(_delete(client, event.pk, token)) == {"status": "cancelled"}
    assert Rsvp.objects.filter(status=RsvpStatus.CONFIRMED).get() == waiting
    assert Rsvp.objects.filter(status=RsvpStatus.WAITLISTED).count() == 1


def test_it_is_a_404_with_another_events_id(client):
    event = factories.make_event()
    other = factories.make_event()
    rsvp, token = _seated(event, "a@example.org")
    for key in (other.pk, other.slug):
        problem(_delete(client, key, token), 404)
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED


@pytest.mark.parametrize("token", ["nope", "x" * 43, "plt_" + "a" * 40])
def test_it_is_a_404_for_an_unknown_token(client, token):
    event = factories.make_event()
    rsvp, _token = _seated(event, "a@example.org")
    document = problem(_delete(client, event.pk, token), 404)
    assert document["type"] == "urn:picketline:problem:not-found"
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED


def test_it_cancels_an_rsvp_still_waiting_for_its_email_link(client):
    event = factories.make_event()
    result = rsvps.rsvp_create(event=event, name="Ana", email="ana@example.org")
    token = rsvp_selectors.rsvp_token(result.rsvp)
    assert body(_delete(client, event.pk, token)) == {"status": "cancelled"}
    assert Rsvp.objects.get().status == RsvpStatus.CANCELLED
