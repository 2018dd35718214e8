from django.db import migrations

from picketline.core.versions import version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("solidarity", "0004_shift_places"),
    ]

    # Dispute pages keep the disputes connected by delegations under this version.
    operations = [version_triggers("delegations", ["solidarity_delegation"])]
