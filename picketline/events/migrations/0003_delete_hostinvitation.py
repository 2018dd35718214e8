from django.db import migrations


class Migration(migrations.Migration):
    """Hosts' invitations are copied to `organisations.Invitation` (its 0002); the old table
    goes."""

    dependencies = [
        ("events", "0002_organisation_moved"),
        ("organisations", "0002_invitation"),
    ]

    operations = [migrations.DeleteModel(name="HostInvitation")]
