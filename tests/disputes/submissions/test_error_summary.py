"""The list of errors at the top of "Add a strike" names each field once, with one mark of
punctuation between its label and what is wrong."""

import pytest
from django.core.cache import cache

from tests.disputes.submissions.helpers import ADD_URL, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _summary(client, **changes) -> str:
    html = client.post(ADD_URL, valid_data(**changes)).text
    start = html.index('class="error-summary"')
    return html[start : html.index("</div>", start)]


def test_a_label_that_is_a_question_is_not_followed_by_a_colon(client):
    summary = _summary(client, description="")
    assert "What is it about? This field is required." in summary
    assert "?:" not in summary


def test_a_label_that_is_not_a_question_takes_a_colon(client):
    summary = _summary(client, employer="")
    assert "Employer: This field is required." in summary
