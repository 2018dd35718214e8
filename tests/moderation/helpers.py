"""Submissions and queue helpers shared by the moderation tests."""

import datetime as dt
import itertools

from django.utils import timezone

from picketline.disputes.submission_forms import SubmissionEditForm
from picketline.disputes.submissions import submission_create
from picketline.moderation.services import item_for_object

_counter = itertools.count(1)

LEEDS = (53.7965, -1.5478)


def make_submission(
    *,
    employer=None,
    unions="GMB",
    point=LEEDS,
    country="GB",
    city="Leeds",
    email="reporter@example.org",
    **fields,
):
    """A submission as "Add a strike" stores it, waiting in the queue; returns (submission,
    item)."""
    n = next(_counter)
    fields.setdefault("kind", "strike")
    fields.setdefault("start_date", timezone.now().date() - dt.timedelta(days=1))
    fields.setdefault("description", "Cleaners walked out over unpaid wages.")
    fields.setdefault("place_name", city)
    if email:
        fields.setdefault("submitter_name", "Sam Reporter")
        fields.setdefault("contact_consent", True)
    submission, _token = submission_create(
        employer=employer or f"Employer {n}",
        unions=unions,
        city=city,
        country=country,
        latitude=point[0],
        longitude=point[1],
        submitter_email=email or "",
        **fields,
    )
    return submission, item_for_object(submission)


def versions_of(*items) -> dict:
    return {f"version-{item.pk}": str(item.version) for item in items}


def edit_form_data(item) -> dict:
    """The edit form as the page fills it in, ready to post back."""
    form = SubmissionEditForm(instance=item.content_object)
    data = {"version": item.version}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if name == "sources":
            value = "\n".join(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[name] = value
    return data
