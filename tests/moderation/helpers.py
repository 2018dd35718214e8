"""Submissions and queue helpers shared by the moderation tests."""

from picketline.disputes.submissions.forms import SubmissionEditForm
from tests.factories import LEEDS, make_submission  # noqa: F401 (shared with these tests)


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
