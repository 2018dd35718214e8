"""Organisations move here from the disputes app. Nothing changes in the database yet: the model
is declared on its old table (`disputes_organisation`, renamed in 0003), and the content type is
handed over so the audit log and the moderation queue keep pointing at the same rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_move(apps, schema_editor):
    """The (disputes, organisation) content type becomes (organisations, organisation)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="disputes", model="organisation").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="organisations", model="organisation").first()
    if new is None:
        old.app_label = "organisations"
        old.save(update_fields=["app_label"])
        return
    # Both exist (a database migrated halfway before): rows follow the new one.
    for model in (("core", "AuditEntry"), ("moderation", "ModerationItem")):
        apps.get_model(*model).objects.filter(content_type=old).update(content_type=new)
    old.delete()


def content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="organisations", model="organisation").update(
        app_label="disputes"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_rate_limit_count"),
        ("moderation", "0001_initial"),
        ("disputes", "0004_shift_capacity"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "slug",
                            models.SlugField(
                                allow_unicode=True, max_length=220, unique=True, verbose_name="slug"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("employer", "Employer"), ("union", "Union"), ("other", "Other")],
                                max_length=16,
                                verbose_name="kind",
                            ),
                        ),
                        ("country", models.CharField(blank=True, max_length=2, verbose_name="country")),
                        ("website", models.URLField(blank=True, verbose_name="website")),
                        (
                            "name_key",
                            models.CharField(db_index=True, default="", editable=False, max_length=200),
                        ),
                        ("verified_at", models.DateTimeField(blank=True, null=True, verbose_name="verified")),
                        ("is_demo", models.BooleanField(default=False, verbose_name="demo data")),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="children",
                                to="organisations.organisation",
                                verbose_name="part of",
                            ),
                        ),
                        (
                            "verified_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="verified by",
                            ),
                        ),
                        (
                            "coordinators",
                            models.ManyToManyField(
                                blank=True,
                                related_name="coordinated_organisations",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="account holders",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "organisation",
                        "verbose_name_plural": "organisations",
                        "ordering": ["name"],
                        "db_table": "disputes_organisation",
                        "indexes": [models.Index(fields=["updated_at"], name="organisation_updated")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "name", "country"), name="organisation_unique_name"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("parent", models.F("id")), _negated=True),
                                name="organisation_not_own_parent",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_back),
    ]
