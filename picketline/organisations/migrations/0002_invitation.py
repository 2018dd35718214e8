"""One invitation for every role: the coordinators' and unions' invitations (disputes) and the
event hosts' (events) are copied here, tokens and all, so links already emailed keep working.
Ids in the audit log's entries about them are rewritten to the new rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The audit actions whose data names an invitation, by where that invitation was.
HOST_ACTIONS = {"event.host_invited", "event.organiser_joined"}


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def invitations_copy(apps, schema_editor):
    Invitation = apps.get_model("organisations", "Invitation")
    OldInvitation = apps.get_model("disputes", "Invitation")
    HostInvitation = apps.get_model("events", "HostInvitation")
    common = ["email", "token_hash", "expires_at", "accepted_at", "accepted_by_id"]
    moved = {"disputes": {}, "events": {}}
    for old in OldInvitation.objects.order_by("pk").iterator():
        if old.dispute_id:
            role, target = "coordinator", ("disputes", "dispute", old.dispute_id)
        else:
            role, target = "account-holder", ("organisations", "organisation", old.organisation_id)
        new = Invitation.objects.create(
            role=role,
            content_type=_content_type(apps, target[0], target[1]),
            object_id=target[2],
            invited_by_id=old.invited_by_id,
            revoked_at=old.revoked_at,
            **{name: getattr(old, name) for name in common},
        )
        Invitation.objects.filter(pk=new.pk).update(created_at=old.created_at, updated_at=old.updated_at)
        moved["disputes"][old.pk] = new.pk
    for old in HostInvitation.objects.order_by("pk").iterator():
        new = Invitation.objects.create(
            role="event-organiser",
            content_type=_content_type(apps, "events", "event"),
            object_id=old.event_id,
            **{name: getattr(old, name) for name in common},
        )
        Invitation.objects.filter(pk=new.pk).update(created_at=old.created_at, updated_at=old.updated_at)
        moved["events"][old.pk] = new.pk
    _audit_rewrite(apps, moved)


def _audit_rewrite(apps, moved):
    AuditEntry = apps.get_model("core", "AuditEntry")
    for entry in AuditEntry.objects.filter(data__has_key="invitation").iterator():
        source = "events" if entry.action in HOST_ACTIONS else "disputes"
        data = dict(entry.data)
        data["invitation"] = moved[source].get(data["invitation"], data["invitation"])
        if "replaces" in data:
            data["replaces"] = [moved[source].get(pk, pk) for pk in data["replaces"]]
        entry.data = data
        entry.save(update_fields=["data"])
    for entry in AuditEntry.objects.filter(data__has_key="host_invitation").iterator():
        data = dict(entry.data)
        old = data.pop("host_invitation")
        data["invitation"] = moved["events"].get(old, old)
        entry.data = data
        entry.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("disputes", "0005_organisation_moved"),
        ("events", "0002_organisation_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_rate_limit_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Invitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("role", models.CharField(max_length=32, verbose_name="role")),
                ("object_id", models.PositiveBigIntegerField()),
                ("email", models.EmailField(max_length=254, verbose_name="email")),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("expires_at", models.DateTimeField(verbose_name="expires")),
                ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="accepted")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                (
                    "accepted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "invited_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "invitation",
                "verbose_name_plural": "invitations",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(fields=["content_type", "object_id"], name="invitation_target")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("role", ""), _negated=True), name="invitation_has_role"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("accepted_at__isnull", True), ("revoked_at__isnull", True), _connector="OR"
                        ),
                        name="invitation_accepted_or_revoked",
                    ),
                ],
            },
        ),
        migrations.RunPython(invitations_copy, migrations.RunPython.noop),
    ]
