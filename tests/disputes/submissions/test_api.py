import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from picketline.accounts.services import api_token_create
from picketline.disputes.models import Dispute, Submission
from picketline.moderation.models import ModerationItem
from tests import factories
from tests.api.helpers import problem
from tests.disputes.submissions.helpers import IMMEDIATE_TASKS

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions"
PRIVATE = ("sam@example.org", "committee@example.org", "Sam Reporter")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _body(**changes) -> dict:
    body = {
        "employer": "Harbour Lane Warehouse",
        "place": "Leeds",
        "latitude": 53.7997,
        "longitude": -1.5492,
        "kind": "strike",
        "description": "Warehouse workers walked out over the heat inside.",
        "unions": ["Transport Workers' Union"],
        "demands": ["safety", "pay"],
        "sources": ["https://example.org/news/walkout"],
        "workers_involved": 120,
        "solidarity_email": "committee@example.org",
        "submitter_name": "Sam Reporter",
        "submitter_email": "sam@example.org",
        "contact_consent": True,
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def _post(client, body, **extra):
    return client.post(URL, json.dumps(body), content_type="application/json", **extra)


def test_it_stores_a_report_and_answers_where_to_follow_it(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, _body())
    assert response.status_code == 201, response.content
    document = json.loads(response.content)
    submission = Submission.objects.get()
    assert set(document) == {"id", "status", "status_url", "dispute_url"}
    assert document["id"] == submission.pk
    assert document["status"] == "pending"
    assert document["dispute_url"] is None
    assert document["status_url"].startswith("http://testserver/submissions/")
    assert submission.via_api is True
    assert submission.unions == "Transport Workers' Union"
    assert submission.demands == ["pay", "safety"]
    assert submission.start_date == timezone.localdate()
    assert submission.precision == "exact"
    assert ModerationItem.objects.count() == 1
    assert client.get(document["status_url"]).status_code == 200
    (receipt,) = mail.outbox
    assert receipt.to == ["sam@example.org"]


def test_it_never_answers_with_contact_details(client):
    response = _post(client, _body())
    for private in PRIVATE:
        assert private not in response.content.decode()
    response = _post(client, _body(employer=""))
    for private in PRIVATE:
        assert private not in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employer": ""}, "employer"),
        ({"employer": "x" * 201}, "employer"),
        ({"place": "", "latitude": None, "longitude": None}, "place"),
        ({"place": "Nowhere In Particular", "latitude": None, "longitude": None}, "place"),
        ({"latitude": 95.0}, "latitude"),
        ({"longitude": None}, "longitude"),
        ({"kind": "riot"}, "kind"),
        ({"description": "x" * 5001}, "description"),
        ({"end_date": "2001-01-01"}, "end_date"),
        ({"workers_involved": 0}, "workers_involved"),
        ({"dispute_status": "won"}, "dispute_status"),
        ({"sector": "space"}, "sector"),
        ({"demands": ["pay", "free lunch"]}, "demands"),
        ({"sources": ["javascript:alert(1)"]}, "sources"),
        ({"sources": [f"https://example.org/{n}" for n in range(11)]}, "sources"),
        ({"picket_starts_at": "2030-01-01T06:00"}, "picket_ends_at"),
        ({"solidarity_email": "nope"}, "solidarity_email"),
        ({"submitter_email": "nope"}, "submitter_email"),
        ({"contact_consent": False}, "contact_consent"),
        ({"language": "xx"}, "language"),
    ],
)
def test_it_answers_a_bad_field_with_a_problem_document(client, changes, field):
    document = problem(_post(client, _body(**changes)), 400)
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert list(document["errors"]) == [field], document["errors"]
    assert all(document["errors"][field])
    assert Submission.objects.count() == 0


def test_it_names_a_missing_or_mistyped_field(client):
    body = _body(start_date="31/02/2025", workers_involved="many")
    del body["kind"]
    document = problem(_post(client, body), 400)
    assert {"kind", "start_date", "workers_involved"} <= set(document["errors"])
    assert Submission.objects.count() == 0


def test_it_refuses_a_body_that_is_not_json(client):
    response = client.post(URL, "employer=Acme", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_it_limits_anonymous_reports_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "2/hour"}
    for _ in range(2):
        assert _post(client, _body(), REMOTE_ADDR="198.51.100.7").status_code == 201
    response = _post(client, _body(employer="The third"), REMOTE_ADDR="198.51.100.7")
    document = problem(response, 429)
    assert document["type"] == "urn:picketline:problem:too-many-submissions"
    assert int(response["Retry-After"]) > 0
    assert not Submission.objects.filter(employer="The third").exists()
    assert _post(client, _body(), REMOTE_ADDR="203.0.113.9").status_code == 201


def test_it_shares_the_limit_with_the_page(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "1/hour"}
    from tests.disputes.submissions.helpers import valid_data

    assert client.post("/add/", valid_data(), REMOTE_ADDR="198.51.100.7").status_code == 303
    problem(_post(client, _body(), REMOTE_ADDR="198.51.100.7"), 429)


def test_it_publishes_a_verified_union_s_report_sent_with_its_token(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "1/hour"}
    user = factories.make_user()
    union = factories.make_organisation(name="Transport Workers' Union")
    union.verified_at = timezone.now()
    union.save(update_fields=["verified_at"])
    union.coordinators.add(user)
    _token, raw = api_token_create(user=user, name="Strike bot")
    for employer in ("First Employer", "Second Employer"):  # token holders are not rate-limited
        response = _post(client, _body(employer=employer), HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 201, response.content
    document = json.loads(response.content)
    dispute = Dispute.objects.get(submissions__employer="Second Employer")
    assert document["status"] == "approved"
    assert document["dispute_url"] == f"http://testserver{dispute.get_absolute_url()}"
    assert dispute.verification == "union"
    assert ModerationItem.objects.count() == 0
    assert Submission.objects.filter(submitted_by=user).count() == 2


def test_it_ignores_a_signed_in_browser_session(client, settings):
    user = factories.make_user()
    union = factories.make_organisation(name="Transport Workers' Union")
    union.verified_at = timezone.now()
    union.save(update_fields=["verified_at"])
    union.coordinators.add(user)
    client.force_login(user)
    assert _post(client, _body()).status_code == 201
    assert Dispute.objects.count() == 0
    assert Submission.objects.get().submitted_by is None


def test_it_refuses_a_token_that_is_not_valid(client):
    response = _post(client, _body(), HTTP_AUTHORIZATION="Bearer plt_nope_nope")
    problem(response, 401)
    assert Submission.objects.count() == 0


def test_it_is_in_the_openapi_document(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    operation = document["paths"]["/api/v1/submissions"]["post"]
    assert operation["summary"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    schema = document["components"]["schemas"][body["$ref"].split("/")[-1]]
    assert {"employer", "place", "latitude", "longitude", "kind", "sources", "demands"} <= set(
        schema["properties"]
    )
    assert {"employer", "kind", "description"} <= set(schema["required"])
    created = operation["responses"]["201"]["content"]["application/json"]["schema"]
    created = document["components"]["schemas"][created["$ref"].split("/")[-1]]
    assert set(created["properties"]) == {"id", "status", "status_url", "dispute_url"}
    for status in ("400", "429"):
        assert "application/problem+json" in operation["responses"][status]["content"]


def test_it_is_listed_in_the_api_index(client):
    index = json.loads(client.get("/api/v1/").content)
    assert index["submissions"] == "http://testserver/api/v1/submissions"
