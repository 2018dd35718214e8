"""What a report's private status page shows: everything the reporter sent, in the order the
form asks for it, with labels and values in the reader's language, and where the report stands.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from picketline.core.formats import span_label
from picketline.disputes.choices import Demand
from picketline.disputes.models import Submission


@dataclass(frozen=True)
class Row:
    label: str
    value: str | list[str]
    links: bool = False  # the values are web addresses

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


def _label(name: str) -> str:
    return str(Submission._meta.get_field(name).verbose_name).capitalize()


def submission_rows(submission: Submission) -> list[Row]:
    """Everything the reporter sent, in the order the form asks for it."""
    yes, no = _("Yes"), _("No")
    rows = [
        Row(_label("employer"), submission.employer),
        Row(_label("place_name"), submission.place_name),
        Row(
            _("Placed at"),
            ", ".join(
                part for part in (submission.city, submission.region, submission.country) if part
            )
            or f"{submission.latitude:.4f}, {submission.longitude:.4f}",
        ),
        Row(_label("kind"), submission.get_kind_display()),
        Row(_label("start_date"), formats.date_format(submission.start_date)),
        Row(_label("description"), submission.description),
        Row(_label("unions"), submission.union_names),
        Row(_label("dispute_status"), submission.get_dispute_status_display()),
        Row(
            _label("end_date"),
            formats.date_format(submission.end_date) if submission.end_date else "",
        ),
        Row(
            _label("workers_involved"),
            formats.number_format(submission.workers_involved, use_l10n=True, force_grouping=True)
            if submission.workers_involved
            else "",
        ),
        Row(_label("sector"), submission.get_sector_display() if submission.sector else ""),
        Row(
            _label("demands"),
            [str(dict(Demand.choices).get(code, code)) for code in submission.demands],
        ),
        Row(_label("demands_other"), submission.demands_other),
        Row(_label("picket_address"), submission.picket_address),
    ]
    if submission.picket_starts_at and submission.picket_ends_at:
        when = span_label(
            submission.picket_starts_at, submission.picket_ends_at, submission.timezone
        )
        if submission.picket_weekly:
            when = _("%(when)s, every week") % {"when": when}
        rows.append(Row(_("Picket times"), when))
    rows += [
        Row(_label("sources"), submission.sources, links=True),
        Row(_label("solidarity_email"), submission.solidarity_email),
        Row(_label("sensitive"), yes if submission.sensitive else no),
        Row(_label("language"), dict(settings.LANGUAGES).get(submission.language, "")),
        Row(_label("submitter_name"), submission.submitter_name),
        Row(_label("submitter_email"), submission.submitter_email),
    ]
    return [row for row in rows if row.value not in ("", None, [])]


def status_label(submission: Submission, item) -> str:
    if item is None:
        return _("Published") if submission.dispute_id else _("Received")
    return item.get_status_display()
