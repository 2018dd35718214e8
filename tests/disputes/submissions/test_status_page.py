import datetime as dt

import pytest
from django.core.cache import cache

from picketline.disputes.models import Dispute
from picketline.moderation.models import ItemStatus
from picketline.moderation.services import (
    item_approve,
    item_ask,
    item_for_object,
    item_reject,
)
from tests.disputes.submissions.helpers import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _url(token: str) -> str:
    return f"/submissions/{token}/"


def test_it_is_not_found_for_an_unknown_token(client):
    make_submission()
    assert client.get(_url("0" * 40)).status_code == 404
    assert client.get(_url("x" * 200)).status_code == 404


def test_it_shows_everything_the_reporter_sent(client):
    starts = dt.datetime(2030, 3, 4, 6, 0, tzinfo=dt.UTC)
    _submission, token = make_submission(
        picket_address="Main gate",
        picket_starts_at=starts,
        picket_ends_at=starts + dt.timedelta(hours=3),
        picket_weekly=True,
        solidarity_email="committee@example.org",
        workers_involved=1200,
    )
    response = client.get(_url(token))
    assert response.status_code == 200
    html = response.text
    for text in (
        "Harbour Lane Warehouse",
        "Leeds",
        "Warehouse workers walked out over the heat inside.",
        "Transport Workers&#x27; Union",
        "Health and safety",
        "Main gate",
        "06:00\u201309:00 (Europe/London, GMT)",
        "every week",
        "https://example.org/news/walkout",
        "committee@example.org",
        "sam@example.org",
        "Sam Reporter",
        "1,200",
    ):
        assert text in html, text
    assert "Waiting for review" in html
    assert "Thank you for your report" not in html  # only right after sending


def test_it_keeps_the_page_out_of_caches_referrers_and_search(client):
    _submission, token = make_submission()
    response = client.get(_url(token))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex">' in response.text


def test_it_shows_the_reason_for_a_rejection(client, moderator):
    submission, token = make_submission()
    item = item_for_object(submission)
    item_reject(item=item, version=item.version, user=moderator, reason="No source confirms it.")
    html = client.get(_url(token)).text
    assert "Rejected" in html
    assert "No source confirms it." in html
    assert moderator.username not in html


def test_it_links_to_the_published_dispute(client, moderator):
    submission, token = make_submission()
    item = item_for_object(submission)
    dispute = item_approve(item=item, version=item.version, user=moderator)
    html = client.get(_url(token)).text
    assert "Approved" in html
    assert f'href="{dispute.get_absolute_url()}"' in html


def test_it_takes_an_answer_to_a_moderator_s_question(client, moderator):
    submission, token = make_submission()
    item = item_for_object(submission)
    item_ask(item=item, version=item.version, user=moderator, question="Which gate is it?")

    page = client.get(_url(token))
    assert "Waiting for the submitter" in page.text
    assert "Which gate is it?" in page.text
    assert f'action="/submissions/{token}/answer/"' in page.text

    response = client.post(f"/submissions/{token}/answer/", {"body": "The <b>north</b> gate."})
    assert response.status_code == 303
    assert response["Location"] == f"{_url(token)}?answered=1"
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING
    answer = item.messages.get(from_submitter=True)
    assert answer.body == "The north gate."

    page = client.get(response["Location"]).text
    assert "your answer was sent" in page
    assert "The north gate." in page
    assert f'action="/submissions/{token}/answer/"' not in page  # no question is waiting now


def test_it_refuses_an_empty_answer(client, moderator):
    submission, token = make_submission()
    item = item_for_object(submission)
    item_ask(item=item, version=item.version, user=moderator, question="Which gate?")
    response = client.post(f"/submissions/{token}/answer/", {"body": "<script></script> "})
    assert response.status_code == 400
    assert "body" in response.context["answer_form"].errors
    assert item.messages.filter(from_submitter=True).count() == 0


def test_it_takes_no_answer_once_decided(client, moderator):
    submission, token = make_submission()
    item = item_for_object(submission)
    item_reject(item=item, version=item.version, user=moderator, reason="Duplicate")
    response = client.post(f"/submissions/{token}/answer/", {"body": "But wait"})
    assert response.status_code == 409
    assert "already decided" in response.text
    assert item.messages.filter(from_submitter=True).count() == 0


def test_its_answers_need_the_right_token(client, moderator):
    submission, _token = make_submission()
    item = item_for_object(submission)
    item_ask(item=item, version=item.version, user=moderator, question="Which gate?")
    response = client.post(f"/submissions/{'0' * 40}/answer/", {"body": "Hello"})
    assert response.status_code == 404
    assert Dispute.objects.count() == 0
    assert item.messages.filter(from_submitter=True).count() == 0
