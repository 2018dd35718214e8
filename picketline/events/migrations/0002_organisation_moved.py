"""Events point at organisations in their new app; the columns and tables stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="events",
                        to="organisations.organisation",
                        verbose_name="organising organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="event",
                    name="sponsors",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="sponsoring organisations",
                    ),
                ),
                migrations.AlterField(
                    model_name="dayofaction",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="days_of_action",
                        to="organisations.organisation",
                        verbose_name="organising organisation",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
