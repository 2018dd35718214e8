import json

import pytest
from django.utils import timezone

from picketline.accounts.services import api_token_create
from picketline.moderation.models import ModerationItem
from picketline.solidarity.models import Message
from tests.factories import make_dispute, make_organisation, make_user
from tests.solidarity.messages.helpers import fresh_limits

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]
__all__ = ["fresh_limits"]

BODY = {
    "body": "Solidarity from the dockers of Santos",
    "sender_name": "Ana",
    "organisation_name": "Dockers",
    "country": "br",
    "language": "es",
    "sender_email": "ana@example.org",
    "contact_consent": True,
}


def _post(client, dispute_key, body, **headers):
    return client.post(
        f"/api/v1/disputes/{dispute_key}/messages",
        data=json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_it_queues_a_message_for_moderators(client):
    dispute = make_dispute()
    response = _post(client, dispute.slug, BODY)
    assert response.status_code == 201
    message = Message.objects.get()
    assert response.json() == {"id": message.pk, "status": "pending"}
    assert message.via_api
    assert message.country == "BR"
    assert message.sender_email == "ana@example.org"
    assert ModerationItem.objects.get().kind == "message"
    assert b"ana@example.org" not in response.content


def test_it_takes_the_dispute_by_its_id(client):
    dispute = make_dispute()
    assert _post(client, dispute.pk, BODY).status_code == 201


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 2001}, "body"),
        ({"country": "Brazil"}, "country"),
        ({"language": "xx"}, "language"),
        ({"contact_consent": False}, "contact_consent"),
        ({"sender_email": "nope"}, "sender_email"),
    ],
)
def test_it_refuses_an_invalid_field_and_stores_nothing(client, changes, field):
    dispute = make_dispute()
    response = _post(client, dispute.slug, {**BODY, **changes})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    assert b"ana@example.org" not in response.content
    assert not Message.objects.exists()


def test_it_is_a_404_for_an_unknown_dispute(client):
    response = _post(client, "no-such-dispute", BODY)
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_it_limits_messages_from_one_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "message": "1/hour"}
    dispute = make_dispute()
    assert _post(client, dispute.slug, BODY).status_code == 201
    response = _post(client, dispute.slug, BODY)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["type"].endswith("too-many-messages")
    assert Message.objects.count() == 1


def test_it_publishes_at_once_with_a_verified_unions_token(client):
    union = make_organisation(name="Verified Union")
    union.verified_at = timezone.now()
    union.save(update_fields=["verified_at"])
    user = make_user()
    union.coordinators.add(user)
    _token, raw = api_token_create(user=user, name="Bot")
    dispute = make_dispute()
    response = _post(client, dispute.slug, BODY, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert Message.objects.get().published_at is not None
    assert b"ana@example.org" not in response.content


def test_it_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operation = paths["/api/v1/disputes/{id_or_slug}/messages"]["post"]
    assert {"201", "400", "429"} <= set(operation["responses"])
