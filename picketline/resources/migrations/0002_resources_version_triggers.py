from django.db import migrations

from picketline.core.versions import version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("resources", "0001_initial"),
    ]

    # Organisations' and campaigns' pages keep their newest public resources under this
    # version: every write of the table moves it.
    operations = [version_triggers("resources", ["resources_resource"])]
