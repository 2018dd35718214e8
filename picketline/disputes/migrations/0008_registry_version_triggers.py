from django.db import migrations

from picketline.core.versions import version_triggers

# Every table whose rows end up in the registry's public pages, feeds and map: a write to any
# of them moves the "registry" version (see picketline.core.versions).
REGISTRY_TABLES = (
    "disputes_dispute",
    "disputes_site",
    "disputes_dispute_employers",
    "disputes_dispute_unions",
    "organisations_organisation",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("disputes", "0007_list_order_and_country_indexes"),
        ("organisations", "0005_organisation_kinds_demands_chapter_requests"),
    ]

    operations = [version_triggers("registry", REGISTRY_TABLES)]
