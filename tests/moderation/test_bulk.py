"""Deciding many items at once; a row someone else changed meanwhile is skipped and said."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from picketline.moderation.models import ItemStatus, ModerationItem
from picketline.moderation.services import item_reject
from tests.factories import make_moderator
from tests.moderation.helpers import make_submission, versions_of

pytestmark = pytest.mark.django_db


def notices(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def statuses(*items) -> list[str]:
    return [ModerationItem.objects.get(pk=item.pk).status for item in items]


def test_it_approves_the_selected_rows(moderator_client):
    _, first = make_submission()
    _, second = make_submission()
    _, left_alone = make_submission()

    response = moderator_client.post(
        "/moderation/bulk/?tab=pending&order=oldest",
        {
            "action": "approve",
            "items": [first.pk, second.pk],
            **versions_of(first, second, left_alone),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/moderation/?tab=pending&order=oldest"
    assert statuses(first, second, left_alone) == ["approved", "approved", "pending"]
    assert notices(response) == ["2 approved."]


def test_it_skips_a_row_someone_else_decided_and_says_why(moderator_client):
    _, first = make_submission(employer="First Co")
    _, second = make_submission(employer="Second Co")
    _, taken = make_submission(employer="Taken Co")
    seen = versions_of(first, second, taken)
    other = make_moderator(username="other_moderator")
    item_reject(item=taken, version=taken.version, user=other, reason="Spam")

    response = moderator_client.post(
        "/moderation/bulk/",
        {"action": "approve", "items": [first.pk, second.pk, taken.pk], **seen},
    )

    assert response.status_code == 302
    assert statuses(first, second, taken) == ["approved", "approved", "rejected"]
    [notice] = notices(response)
    assert notice.startswith("2 approved; 1 skipped: “Taken Co — Leeds”: ")
    assert "other_moderator" in notice
    assert ModerationItem.objects.get(pk=taken.pk).reason == "Spam"


def test_it_rejects_the_selected_rows_with_one_reason(moderator_client, send_now):
    _, first = make_submission(email="a@example.org")
    _, second = make_submission(email="b@example.org")

    with send_now():
        response = moderator_client.post(
            "/moderation/bulk/",
            {
                "action": "reject",
                "items": [first.pk, second.pk],
                "reason": "Not a labour dispute.",
                **versions_of(first, second),
            },
        )

    assert response.status_code == 302
    assert statuses(first, second) == ["rejected", "rejected"]
    assert {item.reason for item in ModerationItem.objects.all()} == {"Not a labour dispute."}
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert notices(response) == ["2 rejected."]


def test_a_stale_row_is_skipped_when_rejecting_too(moderator_client, moderator):
    _, fresh = make_submission()
    _, stale = make_submission()
    seen = versions_of(fresh, stale)
    ModerationItem.objects.filter(pk=stale.pk).update(version=stale.version + 1)

    response = moderator_client.post(
        "/moderation/bulk/",
        {"action": "reject", "items": [fresh.pk, stale.pk], "reason": "Duplicate", **seen},
    )

    assert statuses(fresh, stale) == ["rejected", "pending"]
    assert notices(response)[0].startswith("1 rejected; 1 skipped: ")


def test_it_needs_a_reason_to_reject(moderator_client):
    _, item = make_submission()

    response = moderator_client.post(
        "/moderation/bulk/",
        {"action": "reject", "items": [item.pk], "reason": " ", **versions_of(item)},
    )

    assert response.status_code == 400
    assert "Give a reason for rejecting." in response.text
    assert statuses(item) == [ItemStatus.PENDING]
    # The selection survives, so the moderator only has to add the reason.
    assert f'value="{item.pk}" id="select-{item.pk}" checked' in response.text


def test_it_needs_a_selection(moderator_client):
    make_submission()

    response = moderator_client.post("/moderation/bulk/", {"action": "approve"})

    assert response.status_code == 400
    assert "Select at least one item." in response.text


def test_it_needs_each_rows_version(moderator_client):
    _, item = make_submission()

    response = moderator_client.post("/moderation/bulk/", {"action": "approve", "items": [item.pk]})

    assert response.status_code == 400
    assert statuses(item) == [ItemStatus.PENDING]


def test_it_reports_an_item_that_no_longer_exists(moderator_client):
    _, item = make_submission()
    seen = versions_of(item)
    pk = item.pk
    ModerationItem.objects.filter(pk=pk).delete()

    response = moderator_client.post(
        "/moderation/bulk/", {"action": "approve", "items": [pk], **seen}
    )

    assert notices(response) == [f"0 approved; 1 skipped: “#{pk}”: It no longer exists."]
