"""`GET /api/v1/charters/{slug}` and `POST /api/v1/charters/{slug}/endorsements`."""

import json

import pytest

from picketline.charters.models import Endorsement
from picketline.moderation.models import ModerationItem
from tests.charters import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    return helpers.make_charter(slug="workers")


def _post(client, body, slug="workers"):
    return client.post(
        f"/api/v1/charters/{slug}/endorsements",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_it_gives_versions_translations_and_counts(client, charter):
    helpers.endorse_person(charter, email="a@example.org", country="FR")
    helpers.endorse_person(charter, email="b@example.org", country="FR", public=False)
    helpers.endorse_organisation(charter, email="union@example.org", country="DE")
    helpers.endorse_person(charter, email="c@example.org", country="ES", confirm=False)
    response = client.get("/api/v1/charters/workers")
    assert response.status_code == 200
    data = response.json()
    assert data["slug"] == "workers"
    assert data["language"] == "en"
    assert data["url"].endswith("/charters/workers/")
    [version] = data["versions"]
    assert version["number"] == 1
    assert version["published_on"] == "2026-05-01"
    assert version["text"] == helpers.ORIGINAL
    translations = {t["language"]: t for t in version["translations"]}
    assert set(translations) == {"es", "fa", "fr"}
    assert translations["es"]["status"] == "approved"
    assert translations["es"]["reviewer"] == "Reviewer es"
    assert translations["fr"]["status"] == "draft"
    assert translations["fr"]["reviewer"] == ""
    assert translations["fa"]["text"].startswith("مادهٔ ۱.")
    assert data["counts"] == {
        "people": 2,
        "organisations": 1,
        "countries": [
            {"country": "FR", "people": 2, "organisations": 0},
            {"country": "DE", "people": 0, "organisations": 1},
        ],
    }


def test_an_unknown_charter_is_a_problem_document(client):
    response = client.get("/api/v1/charters/nothing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:picketline:problem:not-found"


def test_a_person_endorses_and_confirms_by_email(client, charter):
    body = {"name": "Ji-woo Kim", "email": "jiwoo@example.org", "country": "kr", "public": True}
    response = _post(client, body)
    assert response.status_code == 202
    assert response.json() == {"status": "pending"}
    endorsement = Endorsement.objects.get()
    assert (endorsement.kind, endorsement.country, endorsement.show_name) == ("person", "KR", True)
    assert endorsement.status == "pending"
    assert helpers.confirm_link("jiwoo@example.org")
    # Again: the same answer, nothing new.
    assert _post(client, body).json() == {"status": "pending"}
    assert Endorsement.objects.count() == 1


def test_an_organisation_endorses_and_waits_for_moderators(client, charter):
    body = {"organisation": "Korean Metal Workers", "email": "kmwu@example.org", "country": "KR"}
    response = _post(client, body)
    assert response.status_code == 202
    endorsement = Endorsement.objects.get()
    assert (endorsement.kind, endorsement.name, endorsement.show_name) == (
        "organisation",
        "Korean Metal Workers",
        True,
    )
    assert ModerationItem.objects.filter(kind="endorsement", object_id=endorsement.pk).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "A", "email": "a@example.org"}, "country"),
        ({"name": "A", "email": "a@example.org", "country": "ZZ"}, "country"),
        ({"name": "A", "email": "nope", "country": "FR"}, "email"),
        ({"email": "a@example.org", "country": "FR"}, "name"),
        ({"name": "", "email": "a@example.org", "country": "FR"}, "name"),
        (
            {"name": "A", "organisation": "B", "email": "a@example.org", "country": "FR"},
            "organisation",
        ),
        ({"organisation": "", "email": "a@example.org", "country": "FR"}, "organisation"),
        ({"name": "A", "country": "FR"}, "email"),
        ({"name": "A", "email": "a@example.org", "country": "FR", "public": "maybe"}, "public"),
    ],
)
def test_bad_input_is_a_problem_and_stores_nothing(client, charter, body, field):
    response = _post(client, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert field in problem["errors"], problem
    assert not Endorsement.objects.exists()
    assert not ModerationItem.objects.exists()


def test_it_is_rate_limited(client, charter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "endorse": "1/hour"}
    assert (
        _post(client, {"name": "A", "email": "a@example.org", "country": "FR"}).status_code == 202
    )
    response = _post(client, {"name": "B", "email": "b@example.org", "country": "FR"})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert Endorsement.objects.count() == 1


def test_an_unknown_charter_stores_nothing(client):
    response = _post(client, {"name": "A", "email": "a@example.org", "country": "FR"}, "nothing")
    assert response.status_code == 404
    assert not Endorsement.objects.exists()
