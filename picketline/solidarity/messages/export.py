"""The coordinators' spreadsheet of messages: one CSV row per message, streamed."""

import csv
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.text import csv_cell
from picketline.solidarity.messages.selectors import MessageRow


class _Echo:
    def write(self, value):
        return value


def csv_header() -> list[str]:
    return [
        _("Sent"),
        _("Status"),
        _("Name"),
        _("Organisation"),
        _("Country"),
        _("Language"),
        _("Message"),
        _("Email (given with consent)"),
    ]


def csv_lines(rows: Iterable[MessageRow]) -> Iterator[str]:
    """The header, then each row; cells a spreadsheet would run as a formula are defused."""
    writer = csv.writer(_Echo())
    yield writer.writerow(csv_header())
    for row in rows:
        m = row.message
        yield writer.writerow(
            [
                timezone.localtime(m.created_at).isoformat(timespec="minutes"),
                row.status,
                csv_cell(m.sender_name or _("Anonymous")),
                csv_cell(m.organisation_name),
                row.country_name,
                m.language,
                csv_cell(m.body),
                csv_cell(row.email),
            ]
        )
