"""Local events and days of action in the moderation queue: what moderators see and decide."""

import pytest
from django.core import mail
from django.urls import reverse

from picketline.events.days.services import day_of_action_create
from picketline.events.moderation import EventHandler
from picketline.moderation.models import ItemStatus
from picketline.moderation.registry import handler_for
from picketline.moderation.services import item_approve, item_for_object, item_reject
from tests.events.days.helpers import hosted_event as _hosted_event
from tests.factories import login, make_moderator, make_user

pytestmark = pytest.mark.django_db


def test_both_kinds_are_registered():
    assert handler_for("event").label
    assert handler_for("day_of_action").label


def test_a_local_event_is_summarised_with_its_day_country_and_mode():
    event = _hosted_event()
    item = item_for_object(event)
    assert item.summary == "Rally at the depot — Day for the drivers"
    assert item.country == "GB"
    assert item.category == "in_person"
    assert dict(EventHandler.categories)["online"]


def test_the_moderator_sees_every_detail_including_the_host(client):
    event = _hosted_event()
    event.join_url = "https://meet.example.org/secret-room"
    event.mode = "hybrid"
    event.save()
    login(client, make_moderator())
    page = client.get(reverse("moderation:item", kwargs={"pk": item_for_object(event).pk}))
    assert page.status_code == 200
    text = page.content.decode()
    for expected in (
        "Rally at the depot",
        "Day for the drivers",
        "Ana Host",
        "ana@example.org",
        "https://meet.example.org/secret-room",
        "Europe/London",
        "Leeds",
        "Bring banners.",
        "Approving emails the host a link",
    ):
        assert expected in text, expected


def test_other_people_cannot_see_the_item(client):
    event = _hosted_event()
    login(client, make_user())
    url = reverse("moderation:item", kwargs={"pk": item_for_object(event).pk})
    assert client.get(url).status_code == 403


def test_rejecting_leaves_the_event_unpublished_and_tells_the_host(send_now):
    event = _hosted_event()
    item = item_for_object(event)
    with send_now():
        item_reject(item=item, version=item.version, user=make_moderator(), reason="Duplicate")
    event.refresh_from_db()
    assert event.published_at is None
    assert item_for_object(event).status == ItemStatus.REJECTED
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "Duplicate" in mail.outbox[0].body


def test_a_day_of_action_waits_then_is_published_on_approval(send_now):
    author = make_user(email="caller@example.org")
    day = day_of_action_create(
        user=author,
        title="Week of action for care workers",
        call="Act with us.",
        starts_on="2030-05-01",
        ends_on="2030-05-07",
        organiser_name="Care Network",
    )
    item = item_for_object(day)
    assert day.published_at is None
    assert item.summary == "Week of action for care workers"
    handler = handler_for(item.kind)
    assert handler.contact_email(day) == "caller@example.org"
    with send_now():
        published = item_approve(item=item, version=item.version, user=make_moderator())
    day.refresh_from_db()
    assert day.published_at is not None
    assert published == day
    assert handler.published_url(day) == day.get_absolute_url()
    assert any("caller@example.org" in m.to for m in mail.outbox)


def test_the_moderator_sees_the_call_of_a_day_of_action(client):
    day = day_of_action_create(
        user=make_user(),
        title="Day for the cleaners",
        call="Clean wages now.",
        demands="Living wage\nSick pay",
        starts_on="2030-05-01",
        ends_on="2030-05-01",
        organiser_name="Cleaners' Network",
    )
    login(client, make_moderator())
    page = client.get(reverse("moderation:item", kwargs={"pk": item_for_object(day).pk}))
    text = page.content.decode()
    for expected in ("Clean wages now.", "Sick pay", "Cleaners&#x27; Network"):
        assert expected in text, expected


def test_rejecting_a_day_of_action_keeps_it_unpublished():
    day = day_of_action_create(
        user=make_user(),
        title="Spam day",
        call="Buy things.",
        starts_on="2030-05-01",
        ends_on="2030-05-01",
        organiser_name="Spammer",
    )
    item = item_for_object(day)
    item_reject(item=item, version=item.version, user=make_moderator(), reason="Not a call")
    day.refresh_from_db()
    assert day.published_at is None
