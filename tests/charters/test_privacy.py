"""No public page, feed or API response of a charter shows an endorser's email, a person's
name they chose to hide, or anyone not yet counted (a person who has not confirmed, an
organisation the moderators have not verified or refused). Sentinels are seeded in every state,
every public output is scanned for them, and the outputs meant to carry some of them (the
public name someone chose to show, the moderators' item) are checked to carry them, so the
scan can fail. The audit log and task payloads never hold them either."""

import json

import pytest
from django_tasks_db.models import DBTaskResult

from picketline.core.models import AuditEntry
from picketline.moderation.models import ModerationItem
from picketline.moderation.services import item_reject
from tests import factories
from tests.charters import helpers

pytestmark = pytest.mark.django_db

HIDDEN = "Sentinel Hiddenname"
PENDING = "Sentinel Unconfirmed"
WAITING_ORG = "Sentinel Unverified Union"
REFUSED_ORG = "Sentinel Refused Union"
SHOWN = "Shown Endorser"
SENTINELS = [HIDDEN, PENDING, WAITING_ORG, REFUSED_ORG, "sentinel-endorser", "Sentinel"]


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        charter = helpers.make_charter(slug="workers")
        helpers.endorse_person(
            charter, email="sentinel-endorser-1@example.invalid", name=HIDDEN, public=False
        )
        helpers.endorse_person(
            charter,
            email="sentinel-endorser-2@example.invalid",
            name=PENDING,
            public=True,
            confirm=False,
        )
        helpers.endorse_person(charter, email="sentinel-endorser-3@example.invalid", name=SHOWN)
        helpers.endorse_organisation(
            charter,
            email="sentinel-endorser-4@example.invalid",
            name=WAITING_ORG,
            verify=False,
        )
        refused = helpers.endorse_organisation(
            charter, email="sentinel-endorser-5@example.invalid", name=REFUSED_ORG, verify=False
        )
        item = ModerationItem.objects.get(object_id=refused.pk, kind="endorsement")
        item_reject(item=item, version=item.version, user=factories.make_moderator(), reason="No")
        helpers.endorse_organisation(
            charter, email="sentinel-endorser-6@example.invalid", name="Verified Union"
        )
    return charter


def _scan(text: str, where: str) -> None:
    for sentinel in SENTINELS:
        assert sentinel.lower() not in text.lower(), f"{sentinel!r} in {where}"


def _public_urls():
    languages = ("en", "es", "so", "fa", "it", "id", "ko", "hi", "fr", "zh-hans", "ar")
    return [
        "/charters/",
        "/charters/workers/",
        *(f"/charters/workers/{code}/" for code in languages),
        "/charters/workers/endorse/",
        "/charters/workers/endorse/sent/",
        "/charters/workers/endorse/sent/?as=organisation",
        "/api/v1/charters/workers",
        "/api/v1/openapi.json",
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_public_output_shows_an_email_a_hidden_name_or_anyone_not_counted(
    client, seeded, language
):
    client.cookies["picketline_language"] = language
    for url in _public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        _scan(response.content.decode(), url)
    page = client.get("/charters/workers/").content.decode()
    # What is public is there: the name shown by choice, the verified organisation, the counts.
    assert SHOWN in page
    assert "Verified Union" in page
    counts = client.get("/api/v1/charters/workers").json()["counts"]
    assert (counts["people"], counts["organisations"]) == (2, 1)


def test_the_moderators_item_is_where_an_organisations_address_is(client, seeded):
    item = ModerationItem.objects.get(kind="endorsement", status="pending")
    factories.login(client, factories.make_moderator())
    page = client.get(f"/moderation/{item.pk}/").content.decode()
    assert WAITING_ORG in page
    assert "sentinel-endorser-4@example.invalid" in page


def test_the_api_answers_nothing_about_endorsers(client, seeded):
    for body in (
        {"name": "Again", "email": "sentinel-endorser-1@example.invalid", "country": "FR"},
        {"organisation": "Again", "email": "sentinel-endorser-4@example.invalid", "country": "FR"},
    ):
        response = client.post(
            "/api/v1/charters/workers/endorsements",
            data=json.dumps(body),
            content_type="application/json",
        )
        assert response.status_code == 202
        _scan(response.content.decode(), "the API's answer")


def test_audit_entries_and_task_payloads_never_hold_an_endorser(seeded):
    _scan(json.dumps(list(AuditEntry.objects.values("action", "data", "reason"))), "audit")
    tasks = DBTaskResult.objects.all()
    assert tasks  # the emails' drain was queued
    for task in tasks:
        _scan(json.dumps(task.args_kwargs), f"task {task.task_path}")
