"""Rosters: an organiser of chapter A never sees chapter B's members; every look and every
export is in the audit log; messages go one task per member carrying the address and text."""

import csv
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from picketline.core.models import AuditEntry, OutboxEmail
from picketline.membership.members.models import Membership
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation = helpers.make_network(name="Roster Network")
    leeds = helpers.make_chapter(organisation, name="Leeds")
    manchester = helpers.make_chapter(organisation, name="Manchester", point=helpers.MANCHESTER)
    plan = helpers.make_plan(organisation)
    ada = helpers.make_member(
        organisation, chapter=leeds, plan=plan, name="Ada Leeds", email="ada@example.org"
    )
    bo = helpers.make_member(
        organisation, chapter=manchester, plan=plan, name="Bo Manchester", email="bo@example.org"
    )
    helpers.pay(ada, 500)
    return {
        "organisation": organisation,
        "leeds": leeds,
        "manchester": manchester,
        "plan": plan,
        "ada": ada,
        "bo": bo,
        "organiser": helpers.make_organiser(leeds),
        "admin": helpers.make_admin(organisation),
    }


def _roster(client, world, **query):
    return client.get(f"/organisations/{world['organisation'].slug}/members/", query)


def test_an_organiser_sees_only_their_own_chapters_members(client, world):
    factories.login(client, world["organiser"])
    page = _roster(client, world).content.decode()
    assert "Ada Leeds" in page and "ada@example.org" in page
    assert "Bo Manchester" not in page and "bo@example.org" not in page
    # Not by filtering for the other chapter, searching, or going to the member's page.
    assert (
        "Bo Manchester"
        not in _roster(client, world, chapter=world["manchester"].pk).content.decode()
    )
    assert "Bo Manchester" not in _roster(client, world, q="Bo").content.decode()
    url = f"/organisations/{world['organisation'].slug}/members/{world['bo'].pk}/"
    assert client.get(url).status_code == 404
    export = client.get(f"/organisations/{world['organisation'].slug}/members.csv")
    assert b"bo@example.org" not in export.content


def test_the_admin_sees_everyone(client, world):
    factories.login(client, world["admin"])
    page = _roster(client, world).content.decode()
    assert "Ada Leeds" in page and "Bo Manchester" in page


def test_it_filters_by_standing_and_search(client, world):
    factories.login(client, world["admin"])
    behind = _roster(client, world, standing="arrears").content.decode()
    assert "Bo Manchester" in behind and "Ada Leeds" not in behind
    good = _roster(client, world, standing="good").content.decode()
    assert "Ada Leeds" in good and "Bo Manchester" not in good
    found = _roster(client, world, q=f"M{world['bo'].pk}").content.decode()
    assert "Bo Manchester" in found and "Ada Leeds" not in found


def test_every_look_at_a_roster_is_audited_without_names(client, world):
    factories.login(client, world["organiser"])
    _roster(client, world, q="Ada")
    entry = AuditEntry.objects.get(action="membership.roster_viewed")
    assert entry.user == world["organiser"]
    assert entry.data["shown"] == 1 and entry.data["searched"] is True
    assert "Ada" not in str(entry.data)


def test_the_csv_export_is_audited(client, world):
    factories.login(client, world["admin"])
    response = client.get(f"/organisations/{world['organisation'].slug}/members.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["email"] for row in rows} == {"ada@example.org", "bo@example.org"}
    assert {row["standing"] for row in rows} == {"In good standing", "In arrears"}
    entry = AuditEntry.objects.get(action="membership.roster_exported")
    assert entry.user == world["admin"] and entry.data["rows"] == 2
    assert response["Cache-Control"] == "private, no-store"


def test_a_message_goes_to_the_segment_one_email_each_and_a_task_naming_nobody(
    client, world, django_capture_on_commit_callbacks
):
    factories.login(client, world["admin"])
    url = f"/organisations/{world['organisation'].slug}/members/message/?standing=arrears"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"subject": "Dues", "body": "Please pay."})
    assert response.status_code == 303
    (email,) = OutboxEmail.objects.all()
    assert email.address == "bo@example.org"
    assert "Please pay." in email.body
    assert "Bo Manchester" not in email.body
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "picketline.core.outbox.outbox_drain"
    assert task.args_kwargs == {"args": [], "kwargs": {}}
    assert AuditEntry.objects.get(action="membership.messaged").data["recipients"] == 1


def test_a_message_to_the_whole_roster_is_one_insert(client, world, send_now):
    for n in range(30):
        helpers.make_member(world["organisation"], name=f"Member {n}", email=f"m{n}@example.org")
    factories.login(client, world["admin"])
    url = f"/organisations/{world['organisation'].slug}/members/message/"
    with CaptureQueriesContext(connection) as queries, send_now():
        response = client.post(url, {"subject": "Meeting", "body": "Thursday at 7."})
    assert response.status_code == 303
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "core_outboxemail"')]
    assert len(inserts) == 1
    everyone = ["ada@example.org", "bo@example.org"] + [f"m{n}@example.org" for n in range(30)]
    assert sorted(m.to for m in mail.outbox) == sorted([address] for address in everyone)
    assert all("Thursday at 7." in m.body for m in mail.outbox)
    assert not OutboxEmail.objects.exists()  # sent, then deleted


def test_an_organiser_adds_someone_met_at_a_stall(client, world, send_now):
    factories.login(client, world["organiser"])
    with send_now():
        response = client.post(
            f"/organisations/{world['organisation'].slug}/members/add/",
            {
                "name": "Cy Stall",
                "email": "cy@example.org",
                "chapter": world["leeds"].pk,
                "plan": world["plan"].pk,
                "vouch": "on",
            },
        )
    assert response.status_code == 303
    member = Membership.objects.get(email="cy@example.org")
    assert (member.status, member.source, member.chapter) == ("active", "stall", world["leeds"])
    assert "/members/me/" in mail.outbox[0].body


def test_an_organiser_cannot_add_to_another_chapter(client, world):
    factories.login(client, world["organiser"])
    response = client.post(
        f"/organisations/{world['organisation'].slug}/members/add/",
        {
            "name": "Cy",
            "email": "cy@example.org",
            "chapter": world["manchester"].pk,
            "plan": world["plan"].pk,
            "vouch": "on",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(email="cy@example.org").exists()


def test_an_organiser_records_that_someone_left(client, world):
    factories.login(client, world["organiser"])
    url = f"/organisations/{world['organisation'].slug}/members/{world['ada'].pk}/left/"
    assert client.post(url, {"reason": "Moved"}).status_code == 303
    world["ada"].refresh_from_db()
    assert world["ada"].status == "left"
    entry = AuditEntry.objects.get(action="membership.recorded_left")
    assert entry.user == world["organiser"] and entry.reason == "Moved"


def test_the_roster_takes_the_same_queries_for_3_or_60_members(client, world):
    factories.login(client, world["admin"])
    _roster(client, world)
    with CaptureQueriesContext(connection) as few:
        _roster(client, world)
    for _n in range(57):
        helpers.make_member(world["organisation"], chapter=world["leeds"], plan=world["plan"])
    with CaptureQueriesContext(connection) as many:
        _roster(client, world)
    assert len(many) == len(few)


def test_the_last_page_of_a_roster_lists_its_members_in_order_with_their_standing(client, world):
    for n in range(60):
        helpers.make_member(
            world["organisation"], chapter=world["leeds"], plan=world["plan"], name=f"Zed {n:02d}"
        )
    factories.login(client, world["admin"])
    _roster(client, world, page=2)
    with CaptureQueriesContext(connection) as first:
        _roster(client, world)
    with CaptureQueriesContext(connection) as last:
        response = _roster(client, world, page=2)
    assert len(last) == len(first)
    members = response.context["page"].object_list
    # Ada, Bo and Zed 00 to 47 fill the first page.
    assert [m.name for m in members] == [f"Zed {n:02d}" for n in range(48, 60)]
    assert {m.standing for m in members} == {"arrears"}
    # With a standing filter, pages hold only that standing.
    behind = _roster(client, world, standing="arrears", page=2).context["page"]
    assert behind.paginator.count == 61
    assert [m.name for m in behind.object_list] == [f"Zed {n:02d}" for n in range(49, 60)]
