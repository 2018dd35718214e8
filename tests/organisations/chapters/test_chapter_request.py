""" "No chapter near you — start one": a request from anyone, answered by the organisation's
organisers on a two-factor page. Approval creates the chapter and emails the requester an
invitation; accepting it makes them the chapter's first organiser. Declining tells them kindly."""

import re

import pytest
from django.core import mail

from picketline.core.models import AuditEntry
from picketline.core.templatetags.display_tags import isolate
from picketline.organisations.models import Chapter, ChapterRequest, Organisation
from tests import factories

pytestmark = pytest.mark.django_db

REQUESTER_EMAIL = "dana@example.org"


@pytest.fixture
def network():
    return factories.make_organisation(name="Care Workers Network", kind=Organisation.Kind.NETWORK)


@pytest.fixture
def organiser(network):
    person = factories.make_user(email="organiser@example.org")
    network.coordinators.add(person)
    factories.make_totp_device(person)
    return person


def _ask(client, network, **fields):
    data = {
        "name": "Dana",
        "email": REQUESTER_EMAIL,
        "place": "54.9783,-1.6178",
        "message": "Six of us at the care home want to meet.",
        **fields,
    }
    return client.post(f"/organisations/{network.slug}/chapters/start/", data)


def test_a_request_is_stored_and_the_organisers_are_told(client, network, organiser, send_now):
    with send_now():
        response = _ask(client, network)
    assert response.status_code == 303
    assert response["Location"] == f"/organisations/{network.slug}/chapters/started/"
    request = ChapterRequest.objects.get()
    assert (request.name, request.email, request.status) == ("Dana", REQUESTER_EMAIL, "pending")
    assert (request.latitude, request.longitude) == (54.9783, -1.6178)
    assert [message.to for message in mail.outbox] == [["organiser@example.org"]]
    assert f"/organisations/{network.slug}/manage/chapter-requests/" in mail.outbox[0].body
    # The requester's address is for the organisers only: not in the audit log either.
    assert not any(REQUESTER_EMAIL in str(entry.data) for entry in AuditEntry.objects.all())


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"place": "Nowhereville"}, "place"), ({"email": "not-an-address"}, "email")],
)
def test_a_bad_request_says_which_field_and_stores_nothing(client, network, fields, field):
    response = _ask(client, network, **fields)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not ChapterRequest.objects.exists()


def test_the_honeypot_refuses_quietly(client, network):
    response = _ask(client, network, website="http://spam.example")
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert not ChapterRequest.objects.exists()


def test_requests_are_rate_limited(client, network, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chapter-request": "2/hour"}
    assert _ask(client, network).status_code == 303
    assert _ask(client, network).status_code == 303
    response = _ask(client, network)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert ChapterRequest.objects.count() == 2


def test_approval_creates_the_chapter_and_invites_the_requester_to_organise_it(
    client, network, organiser, send_now
):
    _ask(client, network)
    request = ChapterRequest.objects.get()
    factories.login(client, organiser)
    page = client.get(f"/organisations/{network.slug}/manage/chapter-requests/{request.pk}/")
    assert page.status_code == 200 and REQUESTER_EMAIL in page.content.decode()
    with send_now():
        response = client.post(
            f"/organisations/{network.slug}/manage/chapter-requests/{request.pk}/approve/",
            {"name": "Newcastle", "area_km": 30},
        )
    assert response.status_code == 302
    chapter = Chapter.objects.get(organisation=network)
    assert (chapter.name, chapter.slug, chapter.area_km) == ("Newcastle", "newcastle", 30)
    assert (chapter.latitude, chapter.longitude) == (54.9783, -1.6178)
    request.refresh_from_db()
    assert (request.status, request.chapter, request.decided_by) == (
        "approved",
        chapter,
        organiser,
    )
    assert not chapter.organisers.exists()
    invitation_email = next(m for m in mail.outbox if m.to == [REQUESTER_EMAIL])
    assert f"organise {isolate('Newcastle')}" in invitation_email.body
    link = re.search(r"http://\S+/invitations/(\S+)/", invitation_email.body)

    # The requester signs up through the link and becomes the chapter's first organiser.
    client.logout()
    token_url = f"/invitations/{link.group(1)}/"
    assert client.get(token_url).status_code == 200
    response = client.post(
        token_url,
        {
            "username": "dana",
            "email": REQUESTER_EMAIL,
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=")
    assert [user.username for user in chapter.organisers.all()] == ["dana"]
    # Two factors before the chapter's pages open.
    manage = client.get(chapter.get_manage_url())
    assert manage.status_code == 302 and "/accounts/two-factor/setup/" in manage["Location"]


def test_a_request_is_answered_once(client, network, organiser):
    _ask(client, network)
    request = ChapterRequest.objects.get()
    factories.login(client, organiser)
    url = f"/organisations/{network.slug}/manage/chapter-requests/{request.pk}/"
    client.post(url + "approve/", {"name": "Newcastle", "area_km": 25})
    again = client.post(url + "decline/", {"note": ""})
    assert again.status_code == 400
    assert "already been answered" in again.content.decode()
    assert Chapter.objects.count() == 1
    request.refresh_from_db()
    assert request.status == "approved"


def test_declining_sends_a_kind_email_in_the_requesters_language(
    client, network, organiser, send_now
):
    client.cookies["picketline_language"] = "es"
    _ask(client, network)
    client.cookies.clear()
    request = ChapterRequest.objects.get()
    assert request.language == "es"
    factories.login(client, organiser)
    with send_now():
        response = client.post(
            f"/organisations/{network.slug}/manage/chapter-requests/{request.pk}/decline/",
            {"note": "Join the Sunderland chapter for now."},
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined" and request.decided_at is not None
    assert not Chapter.objects.exists()
    (email,) = [m for m in mail.outbox if m.to == [REQUESTER_EMAIL]]
    assert "Dana" in email.body and "Join the Sunderland chapter for now." in email.body


def test_only_the_organisations_organisers_answer(client, network, organiser):
    _ask(client, network)
    request = ChapterRequest.objects.get()
    other = factories.make_user()
    factories.make_organisation(name="Other", kind="network").coordinators.add(other)
    factories.make_totp_device(other)
    factories.login(client, other)
    url = f"/organisations/{network.slug}/manage/chapter-requests/{request.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url + "approve/", {"name": "X", "area_km": 5}).status_code == 403
    assert not Chapter.objects.exists()
