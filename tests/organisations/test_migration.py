"""The move of organisations and invitations into this app keeps every row: a database at the
earlier schema, with organisations, coordinators' and unions' invitations, a host's invitation
and audit entries about them, is migrated forward, and everything is still there and works."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from picketline.core.tokens import token_hash

BEFORE = [
    ("disputes", "0004_shift_capacity"),
    ("events", "0001_initial"),
    ("organisations", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = [
        node for node in executor.loader.applied_migrations if node in executor.loader.graph.nodes
    ]
    return executor.loader.project_state(applied).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _seed(apps):
    """Rows as the earlier code wrote them."""
    User = apps.get_model("auth", "User")
    Organisation = apps.get_model("disputes", "Organisation")
    Dispute = apps.get_model("disputes", "Dispute")
    Invitation = apps.get_model("disputes", "Invitation")
    Event = apps.get_model("events", "Event")
    HostInvitation = apps.get_model("events", "HostInvitation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    now = timezone.now()
    inviter = User.objects.create(username="inviter", email="inviter@example.org")
    holder = User.objects.create(username="holder", email="holder@example.org")
    union = Organisation.objects.create(name="Bakers Union", slug="bakers", kind="union")
    union.coordinators.add(holder)
    employer = Organisation.objects.create(name="Big Bakery", slug="big-bakery", kind="employer")
    dispute = Dispute.objects.create(title="Bakery strike", slug="bakery-strike")
    dispute.employers.add(employer)
    dispute.unions.add(union)
    later = now + dt.timedelta(days=7)
    coordinator = Invitation.objects.create(
        dispute=dispute,
        email="c@example.org",
        token_hash=token_hash("coord"),
        expires_at=later,
        invited_by=inviter,
    )
    Invitation.objects.create(
        organisation=union,
        email="h@example.org",
        token_hash=token_hash("holder"),
        expires_at=later,
        invited_by=holder,
        revoked_at=now,
    )
    event = Event.objects.create(
        title="Rally",
        slug="rally",
        starts_at=later,
        ends_at=later + dt.timedelta(hours=2),
        timezone="UTC",
        organisation=union,
        host_email="host@example.org",
    )
    event.sponsors.add(employer)
    host = HostInvitation.objects.create(
        event=event, email="host@example.org", token_hash=token_hash("host"), expires_at=later
    )
    organisation_type, _ = ContentType.objects.get_or_create(
        app_label="disputes", model="organisation"
    )
    event_type, _ = ContentType.objects.get_or_create(app_label="events", model="event")
    dispute_type, _ = ContentType.objects.get_or_create(app_label="disputes", model="dispute")
    AuditEntry.objects.create(
        content_type=organisation_type, object_id=str(union.pk), action="organisation.verified"
    )
    AuditEntry.objects.create(
        content_type=event_type,
        object_id=str(event.pk),
        action="event.host_invited",
        data={"invitation": host.pk},
    )
    AuditEntry.objects.create(
        content_type=dispute_type,
        object_id=str(dispute.pk),
        action="dispute.coordinator_invited",
        data={"invitation": coordinator.pk},
    )
    return {"union": union.pk, "dispute": dispute.pk, "event": event.pk}


@pytest.mark.django_db(transaction=True)
def test_organisations_and_invitations_move_with_every_row():
    latest = _latest()
    try:
        ids = _seed(_migrate(BEFORE))
        apps = _migrate(latest)
    finally:
        _migrate(latest)
    Organisation = apps.get_model("organisations", "Organisation")
    Invitation = apps.get_model("organisations", "Invitation")
    Dispute = apps.get_model("disputes", "Dispute")
    Event = apps.get_model("events", "Event")
    AuditEntry = apps.get_model("core", "AuditEntry")

    assert Organisation._meta.db_table == "organisations_organisation"
    union = Organisation.objects.get(pk=ids["union"])
    assert list(union.coordinators.values_list("username", flat=True)) == ["holder"]
    dispute = Dispute.objects.get(pk=ids["dispute"])
    assert [o.slug for o in dispute.employers.all()] == ["big-bakery"]
    assert [o.slug for o in dispute.unions.all()] == ["bakers"]
    event = Event.objects.get(pk=ids["event"])
    assert event.organisation_id == union.pk
    assert [o.slug for o in event.sponsors.all()] == ["big-bakery"]

    rows = {
        row.token_hash: row
        for row in Invitation.objects.select_related("content_type", "invited_by")
    }
    assert set(rows) == {token_hash("coord"), token_hash("holder"), token_hash("host")}
    coordinator = rows[token_hash("coord")]
    assert (coordinator.role, coordinator.content_type.model, coordinator.object_id) == (
        "coordinator",
        "dispute",
        dispute.pk,
    )
    assert coordinator.invited_by.username == "inviter"
    held = rows[token_hash("holder")]
    assert (held.role, held.content_type.app_label, held.object_id) == (
        "account-holder",
        "organisations",
        union.pk,
    )
    assert held.revoked_at is not None
    host = rows[token_hash("host")]
    assert (host.role, host.content_type.model, host.object_id) == (
        "event-organiser",
        "event",
        event.pk,
    )
    # The audit log still speaks of the same organisation and of the new invitations' ids.
    verified = AuditEntry.objects.get(action="organisation.verified")
    assert (verified.content_type.app_label, verified.object_id) == ("organisations", str(union.pk))
    assert AuditEntry.objects.get(action="event.host_invited").data == {"invitation": host.pk}
    assert AuditEntry.objects.get(action="dispute.coordinator_invited").data == {
        "invitation": coordinator.pk
    }
