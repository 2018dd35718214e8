"""Organisations now live in their own app (`organisations`); disputes point there. The tables
stay as they are: only Django's picture of the models changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0004_shift_capacity"),
        ("organisations", "0001_initial"),
        ("events", "0002_organisation_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dispute",
                    name="employers",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"kind": "employer"},
                        related_name="employer_disputes",
                        to="organisations.organisation",
                        verbose_name="employers",
                    ),
                ),
                migrations.AlterField(
                    model_name="dispute",
                    name="unions",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"kind": "union"},
                        related_name="union_disputes",
                        to="organisations.organisation",
                        verbose_name="unions",
                    ),
                ),
                migrations.AlterField(
                    model_name="invitation",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="organisations.organisation",
                    ),
                ),
                migrations.DeleteModel(name="Organisation"),
            ],
            database_operations=[],
        ),
    ]
