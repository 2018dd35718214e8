from django.db import migrations

from picketline.core.versions import version_triggers


class Migration(migrations.Migration):
    """A dispute's page keeps its actions, sources and demands in the cache under the
    registry's version, so writes to them move it too."""

    dependencies = [("disputes", "0008_registry_version_triggers")]

    operations = [
        version_triggers(
            "registry",
            ["disputes_strikeaction", "disputes_source", "disputes_disputedemand"],
        )
    ]
