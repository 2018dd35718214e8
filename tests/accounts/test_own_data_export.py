"""/account/data/: a person downloads everything Picketline holds about them, as one JSON
document or a zip of one CSV per kind; things done without an account count only with the
account's confirmed address."""

import csv
import io
import json
import zipfile

import pytest

from picketline.accounts.personal_data import personal_data_kinds
from picketline.core.models import AuditEntry
from tests import factories
from tests.accounts.own_data_seed import EMAIL, MARK, seed_person

pytestmark = pytest.mark.django_db

# Kinds whose rows hold no value the person typed (the audit log's actions and times).
# Kinds that hold no text of the person's own: what they did, the campaigns they coordinate,
# the steps of a plan given to them (the committee's words) and the versions they saved, the
# resources they added to a library (the campaign's).
WITHOUT_SENTINEL = {"activity", "campaigns", "plans", "resource_uploads"}


def _document(client) -> dict:
    response = client.get("/account/data/picketline-data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    return json.loads(response.content)


def test_the_json_holds_every_registered_kind_with_the_persons_values(client):
    seeded = seed_person()
    factories.login(client, seeded["user"])
    kinds = _document(client)["kinds"]

    assert set(kinds) == {kind.kind for kind in personal_data_kinds()}
    for kind, part in kinds.items():
        assert part["items"], f"nothing exported for {kind}"
        if kind not in WITHOUT_SENTINEL:
            text = json.dumps(part["items"]).lower()
            assert MARK in text or EMAIL in text, kind
    # Both memberships: through the account, and by the address typed in capitals.
    assert len(kinds["memberships"]["items"]) == 2
    assert {row["name"] for row in kinds["rsvps"]["items"]} == {f"{MARK} Rsvp", f"{MARK} Guest"}


def test_it_never_exports_a_hash_or_a_secret(client):
    seeded = seed_person()
    factories.login(client, seeded["user"])
    text = json.dumps(_document(client))
    assert "h" * 64 not in text  # the API token's hash
    assert "cred-1" not in text and "handle-1" not in text  # the passkey's id and handle
    assert seeded["secret"] not in text  # the authenticator's secret
    assert seeded["user"].password not in text
    assert seeded["member"].token_hash not in text


def test_the_zip_has_one_csv_per_kind(client):
    seeded = seed_person()
    factories.login(client, seeded["user"])
    response = client.get("/account/data/picketline-data.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {f"{kind.kind}.csv" for kind in personal_data_kinds()}
    rows = list(csv.DictReader(io.StringIO(archive.read("pledges.csv").decode())))
    assert rows[0]["name"] == f"{MARK} Pledger" and rows[0]["email"] == EMAIL
    reports = list(csv.DictReader(io.StringIO(archive.read("submissions.csv").decode())))
    assert reports[0]["answers_to_moderators"] == f"{MARK} the depot by my house"
    memberships = list(csv.DictReader(io.StringIO(archive.read("memberships.csv").decode())))
    assert {row["organisation"] for row in memberships} == {"Couriers Network", "Riders Union"}


def test_each_download_is_in_the_audit_log(client):
    seeded = seed_person()
    factories.login(client, seeded["user"])
    client.get("/account/data/picketline-data.json")
    client.get("/account/data/picketline-data.zip")
    entries = AuditEntry.objects.filter(action="user.data_exported", user=seeded["user"])
    assert sorted(e.data["format"] for e in entries) == ["csv", "json"]


def test_without_a_confirmed_address_only_what_was_done_signed_in_counts(client):
    seeded = seed_person(confirmed=False)
    factories.login(client, seeded["user"])
    kinds = _document(client)["kinds"]
    # Signed in: the membership through the account, the RSVP, the unpublished message.
    assert [row["organisation"] for row in kinds["memberships"]["items"]] == ["Couriers Network"]
    assert [row["name"] for row in kinds["rsvps"]["items"]] == [f"{MARK} Rsvp"]
    assert [row["message"] for row in kinds["messages"]["items"]] == [f"{MARK} private words"]
    # By address only: nothing, until the address is confirmed.
    for kind in ("pledges", "picket_signups", "submissions", "chapter_requests", "invitations"):
        assert kinds[kind]["items"] == [], kind


def test_someone_else_with_an_unconfirmed_copy_of_the_address_gets_none_of_it(client):
    seed_person()
    impostor = factories.make_user(email=EMAIL.upper())
    factories.login(client, impostor)
    kinds = _document(client)["kinds"]
    text = json.dumps({k: v for k, v in kinds.items() if k != "account"}).lower()
    assert MARK not in text


def test_the_page_lists_the_kinds_and_offers_both_downloads(client):
    seeded = seed_person()
    factories.login(client, seeded["user"])
    body = client.get("/account/data/").content.decode()
    assert 'href="/account/data/picketline-data.json"' in body
    assert 'href="/account/data/picketline-data.zip"' in body
    assert "Picket sign-ups" in body and "Dues paid" in body
    assert 'href="/account/data/"' in client.get("/accounts/").content.decode()
