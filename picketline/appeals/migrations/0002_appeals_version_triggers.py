from django.db import migrations

from picketline.core.versions import version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("appeals", "0001_initial"),
    ]

    # Campaigns' and disputes' pages keep their appeals, with the confirmed signatures' count,
    # under this version: appeals, and signatures as they come and are confirmed.
    operations = [
        version_triggers("appeals", {"appeals_appeal": None, "appeals_signature": ("status",)})
    ]
