from django.db import migrations

from picketline.core.versions import version_triggers

# Every table of a campaign that its public page, the dispute's level of solidarity and the
# API read: a write to any of them moves the "campaigns" data version.
CAMPAIGN_TABLES = [
    "campaigns_employergroup",
    "campaigns_employergroup_subsidiaries",
    "campaigns_campaign",
    "campaigns_campaign_targets",
    "campaigns_campaign_organisations",
    "campaigns_campaign_days_of_action",
    "campaigns_campaign_events",
    "campaigns_campaignsector",
    "campaigns_campaigndispute",
    "campaigns_commondemand",
    "campaigns_commondemandtranslation",
    "campaigns_demandadoption",
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("campaigns", "0001_initial"),
    ]

    operations = [version_triggers("campaigns", CAMPAIGN_TABLES)]
