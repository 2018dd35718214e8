from django.db import migrations


class Migration(migrations.Migration):
    """Invitations are copied to `organisations.Invitation` (its 0002); the old table goes."""

    dependencies = [
        ("disputes", "0005_organisation_moved"),
        ("organisations", "0002_invitation"),
    ]

    operations = [migrations.DeleteModel(name="Invitation")]
