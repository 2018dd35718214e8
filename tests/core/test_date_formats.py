"""One date and time style per language, from picketline/locale/<language>/formats.py."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import formats, translation

from picketline.core.formats import day_label, span_label
from tests import factories

EVENING = dt.datetime(2026, 12, 7, 22, 13, tzinfo=ZoneInfo("Europe/London"))
# Django's own English style, which these pages no longer mix with "Mon 7 Dec".
US_STYLE = re.compile(
    r"\b(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
)


def test_english_reads_day_month_year_everywhere():
    with translation.override("en"):
        assert formats.date_format(EVENING.date()) == "7 Dec 2026"
        assert formats.date_format(EVENING.date(), "SHORT_DATE_FORMAT") == "7 Dec 2026"
        assert formats.date_format(EVENING, "DATETIME_FORMAT") == "7 Dec 2026, 22:13"
        assert span_label(EVENING, EVENING + dt.timedelta(hours=1), "Europe/London") == (
            "Mon 7 Dec, 22:13\u201323:13 (Europe/London, GMT)"
        )


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_no_date_or_time_ends_with_a_full_stop_a_sentence_would_double(language):
    with translation.override(language):
        for name in ("DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"):
            assert not formats.date_format(EVENING, name).endswith("."), name


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_day_of_a_shift_names_its_month_as_the_dates_do(language):
    """The same month word in "Mon 7 Dec" as in "7 Dec 2026", whatever the language."""
    with translation.override(language):
        day = day_label(EVENING)
        date = formats.date_format(EVENING.date())
    month = date.split()[1]
    assert month in day.split()


@pytest.mark.django_db
def test_a_dispute_page_has_one_date_style(client):
    dispute = factories.make_dispute(with_shift=True, start_date=dt.date(2026, 11, 27))
    html = client.get(dispute.get_absolute_url()).text
    assert ">27 Nov 2026</time>" in html
    assert not US_STYLE.search(html)
    assert "a.m." not in html and "p.m." not in html


@pytest.mark.django_db
def test_the_dates_of_a_day_of_action_sit_in_brackets_without_a_space(client):
    dispute = factories.make_dispute()
    day = factories.make_day_of_action(disputes=[dispute])
    html = client.get(dispute.get_absolute_url()).text
    date = formats.date_format(day.starts_on)
    assert f'(<time datetime="{day.starts_on.isoformat()}">{date}</time>)' in html
