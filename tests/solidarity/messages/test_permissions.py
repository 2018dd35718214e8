import pytest
from django.urls import reverse

from picketline.solidarity.models import MessageRecipient
from tests.factories import login, make_coordinator, make_dispute, make_user

PAGES = [
    ("get", "message_inbox"),
    ("get", "message_export"),
    ("get", "message_print"),
    ("post", "message_frequency"),
]


def _call(client, method, name, dispute):
    url = reverse(f"solidarity:{name}", kwargs={"slug": dispute.slug})
    data = {"recipient": "contact", "frequency": "hourly"} if method == "post" else {}
    return getattr(client, method)(url, data)


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_sends_anonymous_visitors_to_log_in(client, db, method, name):
    response = _call(client, method, name, make_dispute())
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_refuses_a_supporter(client, db, method, name):
    login(client, make_user())
    assert _call(client, method, name, make_dispute()).status_code == 403


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_refuses_another_disputes_coordinator(client, db, method, name):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, make_coordinator(make_dispute()))
    assert _call(client, method, name, dispute).status_code == 403
    assert not MessageRecipient.objects.filter(frequency="hourly").exists()


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_lets_the_coordinator_in(client, db, method, name):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, make_coordinator(dispute))
    assert _call(client, method, name, dispute).status_code in {200, 302}


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_lets_a_moderator_in(client, db, moderator, method, name):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, moderator)
    assert _call(client, method, name, dispute).status_code in {200, 302}


# A message's photo: anyone's once the message is published; until then a 404 to everyone but
# the dispute's coordinators and moderators (`tests/test_permissions.py` lists the route as
# public and points here).
PHOTO_ROLES = {
    "anonymous": (404, 200),
    "supporter": (404, 200),
    "coordinator": (200, 200),
    "other_coordinator": (404, 200),
    "moderator": (200, 200),
    "admin": (200, 200),
}


@pytest.mark.parametrize("role", sorted(PHOTO_ROLES))
def test_a_photo_is_public_once_published_and_before_only_for_its_reviewers(
    client, db, settings, tmp_path, role
):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from picketline.solidarity.models import Message
    from tests.factories import make_admin, make_moderator

    settings.MEDIA_ROOT = tmp_path
    dispute = make_dispute()
    people = {
        "anonymous": None,
        "supporter": make_user(),
        "coordinator": make_coordinator(dispute),
        "other_coordinator": make_coordinator(make_dispute()),
        "moderator": make_moderator(),
        "admin": make_admin(),
    }
    message = Message.objects.create(dispute=dispute, body="Solidarity")
    message.photo.save("photo.jpg", ContentFile(b"\xff\xd8\xff\xe0 not decoded here"))
    if people[role] is not None:
        login(client, people[role])
    pending, published = PHOTO_ROLES[role]
    assert client.get(message.photo_url).status_code == pending
    Message.objects.filter(pk=message.pk).update(published_at=timezone.now())
    assert client.get(message.photo_url).status_code == published
