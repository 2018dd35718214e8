"""Membership is special-category data: no public page, feed, export, API response, log line
or task payload names a member. Sentinel members (names, addresses, places, notes) are seeded
in every state, then every public output is fetched and scanned for them; the outputs meant
for organisers are checked to be what carries them (so the scan can fail)."""

import json
import logging

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from picketline.core.models import AuditEntry, OutboxEmail
from picketline.membership.members.selectors import membership_token
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db

NAME = "Sentinel Memberperson"
EMAIL = "sentinel-member@example.invalid"
PLACE = "Sentinelton Upon Secret"
NOTE = "sentinel-note-xyzzy"
SENTINELS = [NAME, EMAIL, PLACE, NOTE, "sentinel-member", "Sentinelton"]


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    organisation = helpers.make_network(name="Privacy Network")
    chapter = helpers.make_chapter(organisation, name="Leeds")
    plan = helpers.make_plan(organisation)
    members = []
    for status, n in (("active", 1), ("pending", 2), ("left", 3)):
        member = helpers.make_member(
            organisation,
            chapter=chapter,
            plan=plan,
            name=f"{NAME} {n}",
            email=f"sentinel-member-{n}@example.invalid",
            status=status,
        )
        member.place_name = PLACE
        member.save(update_fields=["place_name"])
        members.append(member)
    entry = helpers.pay(members[0], 500)
    entry.note = NOTE
    entry.save(update_fields=["note"])
    factories.make_dispute(union=organisation)
    return organisation, members


def _public_urls(organisation):
    return [
        f"/organisations/{organisation.slug}/join/",
        f"/organisations/{organisation.slug}/join/sent/",
        f"/organisations/{organisation.slug}/drive/",
        "/",
        "/disputes/",
        "/data/",
        "/disputes.geojson",
        "/disputes.ics",
        "/disputes.csv",
        "/disputes.atom",
        "/api/v1/organisations",
        f"/api/v1/organisations/{organisation.slug}",
        f"/api/v1/organisations/{organisation.pk}",
        "/api/v1/disputes",
        "/api/v1/openapi.json",
        "/events/",
    ]


def _scan(body: str, where: str) -> None:
    for sentinel in SENTINELS:
        assert sentinel not in body, f"{sentinel} leaked on {where}"


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_output_names_a_member(client, seeded, language):
    organisation, _members = seeded
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in _public_urls(organisation):
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            body = b"".join(response.streaming_content).decode()
        else:
            body = response.content.decode()
        _scan(body, f"{url} ({language})")


def test_the_drive_page_shows_counts(client, seeded):
    organisation, _members = seeded
    body = client.get(f"/organisations/{organisation.slug}/drive/").content.decode()
    assert "1 member" in body


def test_the_join_api_answers_nothing_about_members(client, seeded):
    organisation, _members = seeded
    response = client.post(
        f"/api/v1/organisations/{organisation.slug}/members",
        data=json.dumps(
            {
                "name": "x",
                "email": "sentinel-member-1@example.invalid",
                "place": "53.8,-1.5",
                "agree": True,
                "consent": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 202
    _scan(response.content.decode(), "the join API")


def test_the_organisers_roster_is_where_members_are(client, seeded):
    organisation, _members = seeded
    factories.login(client, helpers.make_admin(organisation))
    body = client.get(f"/organisations/{organisation.slug}/members/").content.decode()
    assert f"{NAME} 1" in body and "sentinel-member-1@example.invalid" in body


def test_audit_entries_logs_and_task_payloads_never_name_a_member(
    client, seeded, caplog, django_capture_on_commit_callbacks
):
    organisation, members = seeded
    admin = helpers.make_admin(organisation)
    factories.login(client, admin)
    caplog.set_level(logging.DEBUG)
    slug = organisation.slug
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/organisations/{slug}/members/?q=Sentinel")
        client.get(f"/organisations/{slug}/members.csv")
        client.post(f"/organisations/{slug}/members/message/", {"subject": "Hi", "body": "Meet"})
        client.post(
            f"/organisations/{slug}/members/{members[0].pk}/payments/",
            {"amount": "5", "method": "cash", "note": "cash"},
        )
        client.post(f"/organisations/{slug}/members/{members[0].pk}/left/", {"reason": ""})
        client.post(f"/members/me/{membership_token(members[1])}/", {"action": "leave"})
    audit = json.dumps(list(AuditEntry.objects.values("action", "data", "reason")))
    _scan(audit, "the audit log")
    _scan(caplog.text, "the logs")
    tasks = DBTaskResult.objects.all()
    assert tasks  # the emails' drain was queued
    for task in tasks:
        _scan(json.dumps(task.args_kwargs), f"task {task.task_path}")
    # The emails themselves, to the members' addresses, say nothing else about them.
    assert OutboxEmail.objects.exists()
    for email in OutboxEmail.objects.all():
        _scan(email.subject + email.body, f"the email to {email.address}")
