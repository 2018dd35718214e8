from django.db import migrations

from picketline.core.versions import version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("solidarity", "0006_signup_token_nonce_language"),
    ]

    # A dispute's page keeps its messages' counts and its pages of messages under this version.
    operations = [version_triggers("messages", ["solidarity_message"])]
