"""Moderators get one digest of what arrived since the last one."""

import pytest
from django.core import mail

from picketline.moderation.digest import moderators_digest_send
from picketline.moderation.services import item_approve
from tests.factories import make_admin, make_moderator, make_user
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderators():
    make_user(email="supporter@example.org")
    return [
        make_moderator(email="mod@example.org"),
        make_admin(email="admin@example.org"),
    ]


def test_it_sends_each_moderator_one_digest_listing_every_new_item(moderators, send_now):
    make_submission(employer="Leeds Bus Ltd")
    make_submission(employer="Acme Foods", city="York")

    with send_now():
        announced = moderators_digest_send.call()

    assert announced == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.org", "mod@example.org"]
    for message in mail.outbox:
        assert message.subject == "2 new items to review"
        assert "Leeds Bus Ltd — Leeds (GB)" in message.body
        assert "Acme Foods — York (GB)" in message.body
        assert "/moderation/" in message.body


def test_running_it_again_sends_nothing(moderators, send_now):
    make_submission()
    with send_now():
        moderators_digest_send.call()
    mail.outbox.clear()

    with send_now():
        announced = moderators_digest_send.call()

    assert announced == 0
    assert mail.outbox == []


def test_it_leaves_out_items_decided_before_it_ran(moderators, moderator, send_now):
    _, decided = make_submission(employer="Already Done Ltd")
    make_submission(employer="Still Waiting Ltd")
    item_approve(item=decided, version=decided.version, user=moderator)

    with send_now():
        announced = moderators_digest_send.call()

    assert announced == 1
    assert mail.outbox
    for message in mail.outbox:
        assert "Still Waiting Ltd" in message.body
        assert "Already Done Ltd" not in message.body


def test_a_new_submission_schedules_a_digest(moderators, send_now, settings):
    settings.MODERATION_DIGEST_MINUTES = 0

    with send_now():
        make_submission(employer="Leeds Bus Ltd", email="")

    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.org", "mod@example.org"]
    assert "Leeds Bus Ltd" in mail.outbox[0].body
