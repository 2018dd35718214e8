from django.db import migrations


class Migration(migrations.Migration):
    """The organisations' tables take this app's name: `organisations_organisation` and its
    account holders' `organisations_organisation_coordinators`."""

    dependencies = [
        ("organisations", "0002_invitation"),
        ("disputes", "0006_delete_invitation"),
        ("events", "0003_delete_hostinvitation"),
    ]

    operations = [migrations.AlterModelTable(name="organisation", table=None)]
