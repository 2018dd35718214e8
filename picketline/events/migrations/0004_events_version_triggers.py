from django.db import migrations

from picketline.core.versions import version_triggers

# Every column of an event but the counters an RSVP moves: answering an event must not change
# the version the lists' filter choices and a day's counts are kept under (nor take its lock).
EVENT_COLUMNS = (
    "title",
    "slug",
    "description",
    "language",
    "organisation_id",
    "organiser_name",
    "starts_at",
    "ends_at",
    "timezone",
    "mode",
    "venue",
    "address",
    "locality",
    "country",
    "latitude",
    "longitude",
    "join_url",
    "capacity",
    "visibility",
    "status",
    "status_note",
    "day_of_action_id",
    "published_at",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_version"),
        ("events", "0003_delete_hostinvitation"),
    ]

    operations = [
        version_triggers(
            "events",
            {
                "events_event": EVENT_COLUMNS,
                "events_event_disputes": None,
                "events_dayofaction": None,
                "events_dayofaction_disputes": None,
            },
        )
    ]
