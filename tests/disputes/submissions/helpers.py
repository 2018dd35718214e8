"""What the "Add a strike" tests share: a valid report and mail that is sent at once."""

import datetime as dt

from django.utils import timezone

ADD_URL = "/add/"
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}


def valid_data(**changes) -> dict:
    """A complete report from the page, pinned on the map (so no gazetteer is needed)."""
    today = timezone.localdate()
    data = {
        "employer": "Harbour Lane Warehouse",
        "place_name": "Leeds",
        "latitude": "53.7997",
        "longitude": "-1.5492",
        "pin_moved": "1",
        "kind": "strike",
        "start_date": today.isoformat(),
        "description": "Warehouse workers walked out over the heat inside.",
        "unions": "Transport Workers' Union, Warehouse Workers",
        "dispute_status": "active",
        "end_date": (today + dt.timedelta(days=7)).isoformat(),
        "workers_involved": "120",
        "sector": "transport",
        "demands": ["safety", "hours"],
        "demands_other": "Water breaks every hour",
        "picket_address": "Main gate, Harbour Lane",
        "picket_starts_at": f"{today + dt.timedelta(days=1)}T06:00",
        "picket_ends_at": f"{today + dt.timedelta(days=1)}T09:00",
        "picket_weekly": "on",
        "sources": "https://example.org/news/walkout\nhttp://example.net/union/statement",
        "solidarity_email": "committee@example.org",
        "language": "en",
        "submitter_name": "Sam Reporter",
        "submitter_email": "sam@example.org",
        "contact_consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_submission(*, user=None, **changes):
    """A stored report, through the service; returns it with the raw token of its page."""
    from picketline.disputes.submissions.services import submission_create

    today = timezone.localdate()
    fields = {
        "employer": "Harbour Lane Warehouse",
        "unions": "Transport Workers' Union",
        "kind": "strike",
        "description": "Warehouse workers walked out over the heat inside.",
        "language": "en",
        "start_date": today,
        "place_name": "Leeds",
        "city": "Leeds",
        "country": "GB",
        "latitude": 53.7997,
        "longitude": -1.5492,
        "timezone": "Europe/London",
        "sources": ["https://example.org/news/walkout"],
        "demands": ["safety"],
        "submitter_name": "Sam Reporter",
        "submitter_email": "sam@example.org",
        "contact_consent": True,
    }
    fields.update(changes)
    return submission_create(user=user, **fields)
