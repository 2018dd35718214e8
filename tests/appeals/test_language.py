"""An appeal is shown in the language it is written in: its title, summary, subject and
message carry that language and its direction, so a Farsi appeal runs right to left inside
an English page."""

import pytest

from tests.appeals.helpers import make_appeal

pytestmark = pytest.mark.django_db


def test_a_farsi_appeal_runs_right_to_left(client):
    appeal = make_appeal(
        title="کارخانه‌ها را باز نگه دارید",
        summary="به هیئت‌مدیره نامه بنویسید.",
        subject="کارخانه‌ها را باز نگه دارید",
        body="با اتحادیه‌ها مذاکره کنید.",
        language="fa",
    )
    page = client.get(appeal.get_absolute_url()).content.decode()
    marked = 'lang="fa" dir="rtl"'
    assert f"<h1 {marked}>کارخانه‌ها را باز نگه دارید</h1>" in page
    assert f'<div {marked} class="appeal__summary">' in page
    assert f'<div {marked} class="appeal__body">' in page
    assert f"<p {marked}><strong>" in page
    assert '<html lang="en" dir="ltr">' in page


def test_an_english_appeal_runs_left_to_right(client):
    page = client.get(make_appeal(language="en").get_absolute_url()).content.decode()
    assert '<div lang="en" dir="ltr" class="appeal__body">' in page
    assert 'dir="rtl"' not in page
