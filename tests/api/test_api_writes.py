"""Writes through the API with a personal token: the pages' rules, problem documents, no
private field in any answer."""

import datetime as dt
import json

import pytest

from picketline.accounts.services import api_token_create, api_token_revoke
from picketline.core.audit import audit_entries_for
from picketline.disputes import services
from picketline.disputes.models import Dispute, PicketShift, Site, StrikeAction
from tests import factories
from tests.api.helpers import problem

pytestmark = pytest.mark.django_db

SENTINEL = "sentinel-private@example.org"


@pytest.fixture
def dispute():
    dispute = factories.make_dispute(
        title="Depot strike", with_shift=True, solidarity_email=SENTINEL
    )
    return dispute


@pytest.fixture
def coordinator(dispute):
    return factories.make_coordinator(dispute)


def _token(user) -> str:
    _row, raw = api_token_create(user=user, name="script")
    return raw


def _send(client, method, url, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = getattr(client, method)(
        url,
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        headers=headers,
    )
    assert SENTINEL not in response.content.decode()
    return response


def _ok(response, status=200) -> dict:
    assert response.status_code == status, response.content
    return json.loads(response.content) if response.content else {}


def test_a_coordinator_changes_a_shift_with_a_token(client, dispute, coordinator):
    shift = PicketShift.objects.get(site__dispute=dispute)
    body = _ok(
        _send(
            client,
            "patch",
            f"/api/v1/shifts/{shift.pk}",
            _token(coordinator),
            {"starts_at": "2026-03-31T07:00", "ends_at": "2026-03-31T10:00", "notes": "Gate B"},
        )
    )
    shift.refresh_from_db()
    assert shift.starts_at == dt.datetime(2026, 3, 31, 6, 0, tzinfo=dt.UTC)  # 07:00 BST
    assert shift.notes == "Gate B"
    assert body["starts_at"] == "2026-03-31T07:00:00+01:00"
    assert body["timezone"] == "Europe/London"
    entry = audit_entries_for(dispute).get(action="dispute.shift_updated")
    assert entry.user == coordinator


def test_a_coordinator_of_another_dispute_gets_403(client, dispute):
    stranger = factories.make_coordinator(factories.make_dispute())
    shift = PicketShift.objects.get(site__dispute=dispute)
    response = _send(
        client, "patch", f"/api/v1/shifts/{shift.pk}", _token(stranger), {"notes": "x"}
    )
    problem(response, 403)
    response = _send(
        client, "patch", f"/api/v1/disputes/{dispute.pk}", _token(stranger), {"version": 1}
    )
    problem(response, 403)
    assert PicketShift.objects.get(pk=shift.pk).notes == "Bring a flask"


def test_it_answers_401_without_a_token_or_with_a_revoked_one(client, dispute, coordinator):
    shift = PicketShift.objects.get(site__dispute=dispute)
    url = f"/api/v1/shifts/{shift.pk}"
    document = problem(_send(client, "patch", url, None, {"notes": "x"}), 401)
    assert document["type"] == "urn:picketline:problem:unauthorized"
    row, raw = api_token_create(user=coordinator, name="old")
    api_token_revoke(token=row, user=coordinator)
    response = _send(client, "patch", url, raw, {"notes": "x"})
    problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    problem(_send(client, "patch", url, "plt_nope_nope", {"notes": "x"}), 401)
    assert PicketShift.objects.get(pk=shift.pk).notes == "Bring a flask"


def test_a_stale_version_gets_409_and_saves_nothing(client, dispute, coordinator):
    token = _token(coordinator)
    version = _ok(_send(client, "get", f"/api/v1/disputes/{dispute.pk}/version", token))
    assert version["version"] == 1
    services.dispute_update(dispute=dispute, status="suspended", version=1)
    response = _send(
        client, "patch", f"/api/v1/disputes/{dispute.pk}", token, {"version": 1, "title": "Mine"}
    )
    document = problem(response, 409)
    assert document["type"] == "urn:picketline:problem:edit-conflict"
    assert "Someone else changed this dispute" in document["detail"]
    assert Dispute.objects.get(pk=dispute.pk).title == "Depot strike"


def test_a_coordinator_changes_status_and_outcome(client, dispute, coordinator):
    end = dispute.start_date + dt.timedelta(days=10)
    body = _ok(
        _send(
            client,
            "patch",
            f"/api/v1/disputes/{dispute.slug}",
            _token(coordinator),
            {"version": 1, "status": "ended", "outcome": "won", "end_date": end.isoformat()},
        )
    )
    assert (body["status"], body["outcome"], body["version"]) == ("ended", "won", 2)
    assert "solidarity_email" not in body
    dispute.refresh_from_db()
    assert dispute.end_date == end
    entry = audit_entries_for(dispute).get(action="dispute.updated")
    assert entry.user == coordinator and set(entry.data["changes"]) == {
        "status",
        "outcome",
        "end_date",
    }


def test_bad_values_get_400_with_each_fields_messages(client, dispute, coordinator):
    token = _token(coordinator)
    shift = PicketShift.objects.get(site__dispute=dispute)
    document = problem(
        _send(
            client,
            "patch",
            f"/api/v1/shifts/{shift.pk}",
            token,
            {"timezone": "Mars/Olympus", "recurrence": "weekly", "site": 999999},
        ),
        400,
    )
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert "is not a time zone name" in document["errors"]["timezone"][0]
    assert document["errors"]["site"]
    assert document["errors"]["repeat_until"] == ["Say until when the shift repeats."]
    document = problem(
        _send(
            client,
            "patch",
            f"/api/v1/disputes/{dispute.pk}",
            token,
            {"version": 1, "status": "on holiday", "end_date": "2000-01-01"},
        ),
        400,
    )
    assert set(document["errors"]) == {"status", "end_date"}
    assert Dispute.objects.get(pk=dispute.pk).version == 1


def test_unknown_fields_and_verification_by_a_coordinator_get_400(client, dispute, coordinator):
    token = _token(coordinator)
    url = f"/api/v1/disputes/{dispute.pk}"
    document = problem(_send(client, "patch", url, token, {"version": 1, "colour": "red"}), 400)
    assert "colour" in document["errors"]
    document = problem(
        _send(client, "patch", url, token, {"version": 1, "verification": "union"}), 400
    )
    assert "verification" in document["errors"]
    assert Dispute.objects.get(pk=dispute.pk).verification == "crowd"


def test_a_coordinator_adds_and_removes_sites_shifts_and_actions(client, dispute, coordinator):
    token = _token(coordinator)
    site = _ok(
        _send(
            client,
            "post",
            f"/api/v1/disputes/{dispute.pk}/sites",
            token,
            {
                "name": "North gate",
                "city": "Leeds",
                "country": "gb",
                "latitude": 53.8,
                "longitude": -1.55,
                "timezone": "Europe/London",
            },
        ),
        201,
    )
    assert site["country"] == "GB" and site["dispute_id"] == dispute.pk
    site = _ok(_send(client, "patch", f"/api/v1/sites/{site['id']}", token, {"name": "South"}))
    assert site["name"] == "South" and site["city"] == "Leeds"
    shift = _ok(
        _send(
            client,
            "post",
            f"/api/v1/disputes/{dispute.pk}/shifts",
            token,
            {
                "site": site["id"],
                "starts_at": "2026-03-24T06:00",
                "ends_at": "2026-03-24T09:00",
                "recurrence": "weekly",
                "repeat_until": "2026-04-14",
            },
        ),
        201,
    )
    assert shift["timezone"] == "Europe/London"
    assert shift["starts_at"] == "2026-03-24T06:00:00Z" or shift["starts_at"].startswith(
        "2026-03-24T06:00:00"
    )
    action = _ok(
        _send(
            client,
            "post",
            f"/api/v1/disputes/{dispute.pk}/actions",
            token,
            {"starts_at": "2026-05-01T00:00", "ends_at": "2026-05-02T00:00", "note": "All out"},
        ),
        201,
    )
    assert action["kind"] == "strike_day" and action["timezone"] == "Europe/London"
    assert StrikeAction.objects.filter(dispute=dispute).count() == 1
    assert _send(client, "delete", f"/api/v1/shifts/{shift['id']}", token).status_code == 204
    assert _send(client, "delete", f"/api/v1/sites/{site['id']}", token).status_code == 204
    assert not Site.objects.filter(pk=site["id"]).exists()
    problem(_send(client, "delete", f"/api/v1/sites/{site['id']}", token), 404)


def test_a_moderator_publishes_a_dispute(client):
    moderator = factories.make_moderator()
    body = _ok(
        _send(
            client,
            "post",
            "/api/v1/disputes",
            _token(moderator),
            {
                "title": "Bin workers strike",
                "employers": ["City Council"],
                "unions": ["Refuse Workers"],
                "country": "GB",
                "demands": ["pay"],
                "start_date": "2026-02-01",
                "solidarity_email": SENTINEL,
                "verification": "press",
                "sites": [
                    {
                        "city": "Leeds",
                        "latitude": 53.8,
                        "longitude": -1.55,
                        "timezone": "Europe/London",
                    }
                ],
                "sources": [{"url": "https://news.example.org/bins", "kind": "press"}],
            },
        ),
        201,
    )
    dispute = Dispute.objects.get(pk=body["id"])
    assert dispute.verification == "press" and dispute.solidarity_email == SENTINEL
    assert [o.name for o in dispute.employers.all()] == ["City Council"]
    assert body["unions"][0]["name"] == "Refuse Workers"
    assert body["sites"][0]["city"] == "Leeds" and body["sources"][0]["kind"] == "press"
    assert not dispute.coordinators.exists()
    assert audit_entries_for(dispute).filter(action="dispute.published", user=moderator).exists()


def test_a_verified_unions_account_holder_publishes_as_union_verified(client):
    union = factories.make_organisation(name="Refuse Workers")
    holder = factories.make_user()
    union.coordinators.add(holder)
    from picketline.organisations.services import organisation_verify

    organisation_verify(organisation=union, by=factories.make_moderator())
    body = _ok(
        _send(
            client,
            "post",
            "/api/v1/disputes",
            _token(holder),
            {"title": "Bin strike", "unions": ["refuse workers"], "start_date": "2026-02-01"},
        ),
        201,
    )
    dispute = Dispute.objects.get(pk=body["id"])
    assert body["verification"] == "union" and list(dispute.unions.all()) == [union]
    assert dispute.coordinators.filter(pk=holder.pk).exists()


def test_anyone_else_is_sent_to_submissions(client):
    supporter = factories.make_user()
    unverified = factories.make_organisation(name="New Union")
    unverified.coordinators.add(supporter)
    document = problem(
        _send(
            client,
            "post",
            "/api/v1/disputes",
            _token(supporter),
            {"title": "My strike", "unions": ["New Union"]},
        ),
        403,
    )
    assert document["type"] == "urn:picketline:problem:use-submissions"
    assert "/api/v1/submissions" in document["detail"]
    assert not Dispute.objects.exists()


def test_reads_stay_public_and_writes_are_documented_with_a_bearer_scheme(client, dispute):
    assert client.get(f"/api/v1/disputes/{dispute.pk}").status_code == 200
    document = json.loads(client.get("/api/v1/openapi.json").content)
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    paths = document["paths"]
    assert "security" not in paths["/api/v1/disputes/{id_or_slug}"]["get"]
    for path, method in [
        ("/api/v1/disputes", "post"),
        ("/api/v1/disputes/{id_or_slug}", "patch"),
        ("/api/v1/disputes/{id_or_slug}/sites", "post"),
        ("/api/v1/sites/{site_id}", "patch"),
        ("/api/v1/sites/{site_id}", "delete"),
        ("/api/v1/disputes/{id_or_slug}/shifts", "post"),
        ("/api/v1/shifts/{shift_id}", "patch"),
        ("/api/v1/shifts/{shift_id}", "delete"),
        ("/api/v1/disputes/{id_or_slug}/actions", "post"),
    ]:
        assert paths[path][method]["security"], (path, method)


def test_a_new_dispute_with_mistakes_gets_every_one_named(client):
    moderator = factories.make_moderator()
    document = problem(
        _send(
            client,
            "post",
            "/api/v1/disputes",
            _token(moderator),
            {
                "title": "",
                "sites": [{"latitude": 95, "longitude": 0, "timezone": "Nowhere/Land"}],
                "sources": [{"url": "not a url"}],
            },
        ),
        400,
    )
    assert {"title", "sites.0.latitude", "sites.0.timezone", "sources.0.url"} <= set(
        document["errors"]
    )
    assert not Dispute.objects.exists()
