"""The queue lists what waits for review, with tabs, filters, ordering and pages."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from picketline.moderation.models import ItemStatus, ModerationItem
from picketline.moderation.services import item_ask, item_reject
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


def summaries(response) -> list[str]:
    return re.findall(
        r'class="queue-table__summary">\s*<a href="/moderation/\d+/" dir="auto">([^<]+)<',
        response.text,
    )


def age(item, **delta):
    ModerationItem.objects.filter(pk=item.pk).update(
        submitted_at=timezone.now() - dt.timedelta(**delta)
    )


def test_it_lists_pending_items_newest_first(moderator_client):
    _, older = make_submission(employer="Older Ltd", city="York")
    make_submission(employer="Newer Ltd", city="Hull")
    age(older, hours=3)

    response = moderator_client.get("/moderation/")

    assert response.status_code == 200
    assert summaries(response) == ["Newer Ltd — Hull", "Older Ltd — York"]
    assert "3 hours ago" in response.text.replace("\xa0", " ")
    assert f'name="version-{older.pk}" value="{older.version}"' in response.text
    assert f'<input type="checkbox" name="items" value="{older.pk}"' in response.text


def test_it_lists_oldest_first_when_asked(moderator_client):
    _, older = make_submission(employer="Older Ltd", city="York")
    make_submission(employer="Newer Ltd", city="Hull")
    age(older, days=2)

    response = moderator_client.get("/moderation/?order=oldest")

    assert summaries(response) == ["Older Ltd — York", "Newer Ltd — Hull"]


def test_it_shows_each_rows_facets(moderator_client):
    make_submission(employer="Acme", kind="lockout", sources=["https://news.example.org/a"])

    response = moderator_client.get("/moderation/")

    row = response.text.split('class="queue-table__summary"')[1].split("</tr>")[0]
    assert "GB" in row
    assert "Lockout" in row
    assert "Yes" in row
    assert "Waiting for review" in row
    assert "Disputes reported" in row


def test_it_keeps_questions_and_decisions_on_their_own_tabs(moderator_client, moderator):
    make_submission(employer="Pending Co")
    _, asked = make_submission(employer="Asked Co")
    _, decided = make_submission(employer="Decided Co")
    item_ask(item=asked, version=asked.version, user=moderator, question="Which site?")
    item_reject(item=decided, version=decided.version, user=moderator, reason="Spam")

    pending = moderator_client.get("/moderation/")
    waiting = moderator_client.get("/moderation/?tab=question")
    history = moderator_client.get("/moderation/?tab=decided")

    assert [s.split(" —")[0] for s in summaries(pending)] == ["Pending Co"]
    assert [s.split(" —")[0] for s in summaries(waiting)] == ["Asked Co"]
    assert [s.split(" —")[0] for s in summaries(history)] == ["Decided Co"]
    assert "Rejected" in history.text
    # Decided items cannot be decided again from the list.
    assert 'name="items"' not in history.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=FR", ["Paris Co"]),
        ("category=lockout", ["Lockout Co"]),
        ("sources=yes", ["Sourced Co"]),
        ("sources=no", ["Paris Co", "Lockout Co", "Old Co"]),
        ("age=today", ["Sourced Co", "Paris Co", "Lockout Co"]),
        ("age=week", ["Sourced Co", "Paris Co", "Lockout Co"]),
        ("age=older", ["Old Co"]),
        ("kind=submission", ["Sourced Co", "Paris Co", "Lockout Co", "Old Co"]),
        ("country=GB&category=lockout", ["Lockout Co"]),
    ],
)
def test_it_filters(moderator_client, query, expected):
    _, old = make_submission(employer="Old Co")
    make_submission(employer="Lockout Co", kind="lockout")
    make_submission(employer="Paris Co", country="FR", city="Paris", point=(48.85, 2.35))
    make_submission(employer="Sourced Co", sources=["https://union.example.org/strike"])
    age(old, days=10)

    response = moderator_client.get(f"/moderation/?{query}")

    assert response.status_code == 200
    assert [s.split(" —")[0] for s in summaries(response)] == expected


def test_it_offers_the_dispute_kinds_as_categories(moderator_client):
    make_submission()

    response = moderator_client.get("/moderation/")

    assert '<option value="work_to_rule">Work-to-rule</option>' in response.text
    assert '<option value="submission">Disputes reported</option>' in response.text
    assert '<option value="GB">' in response.text


def test_it_refuses_an_unknown_filter_value_with_400(moderator_client):
    make_submission()

    response = moderator_client.get("/moderation/?age=yesterday")

    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert summaries(response) == []


def test_it_keeps_a_bookmarked_country_filter_with_nothing_from_there(moderator_client):
    make_submission()

    response = moderator_client.get("/moderation/?country=NO")

    assert response.status_code == 200
    assert "No items match these filters." in response.text


def test_it_pages_fifty_at_a_time(moderator_client):
    for _ in range(51):
        make_submission()

    first = moderator_client.get("/moderation/")
    second = moderator_client.get("/moderation/?page=2")

    assert len(summaries(first)) == 50
    assert len(summaries(second)) == 1
    assert "Page 1 of 2" in first.text
    assert "51 items" in first.text


def test_it_says_when_nothing_waits(moderator_client):
    response = moderator_client.get("/moderation/")

    assert "Nothing waits for review here." in response.text
    assert ModerationItem.objects.filter(status=ItemStatus.PENDING).count() == 0
