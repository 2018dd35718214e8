"""A dispute that is part of a day of action has reached level 3 of solidarity: joint action."""

import pytest

from picketline.events.days.services import day_of_action_create
from picketline.events.services import event_publish
from picketline.solidarity.levels.selectors import solidarity_level
from tests.factories import make_day_of_action, make_dispute, make_event

pytestmark = pytest.mark.django_db


def _unpublished_day(**fields):
    return day_of_action_create(
        publish=False,
        title="Not yet checked",
        call="Soon.",
        starts_on="2030-05-01",
        ends_on="2030-05-01",
        organiser_name="Someone",
        **fields,
    )


def test_a_dispute_named_by_a_published_day_of_action_reaches_level_three():
    dispute = make_dispute()
    assert solidarity_level(dispute).level < 3
    make_day_of_action(title="Global day for the bus drivers", disputes=[dispute])
    level = solidarity_level(dispute)
    assert level.level == 3
    assert (
        3,
        "Part of the day of action “<bdi>Global day for the bus drivers</bdi>”.",
    ) in level.evidence


def test_a_published_local_event_linked_to_the_dispute_counts_too():
    dispute = make_dispute()
    day = make_day_of_action(title="Day for all strikers")
    make_event(day_of_action=day, published=False).disputes.add(dispute)
    assert solidarity_level(dispute).level < 3
    event = make_event(day_of_action=day)
    event.disputes.add(dispute)
    level = solidarity_level(dispute)
    assert level.level == 3
    assert any("Day for all strikers" in sentence for lvl, sentence in level.evidence if lvl == 3)


def test_an_unpublished_day_of_action_does_not_count():
    dispute = make_dispute()
    day = _unpublished_day(disputes=[dispute])
    event = make_event(day_of_action=day)
    event.disputes.add(dispute)
    assert solidarity_level(dispute).level < 3


def test_an_unpublished_local_event_does_not_count():
    dispute = make_dispute()
    day = make_day_of_action()
    event = make_event(day_of_action=day, published=False)
    event.disputes.add(dispute)
    assert solidarity_level(dispute).level < 3
    event_publish(event=event)
    assert solidarity_level(dispute).level == 3


def test_the_evidence_names_every_day():
    dispute = make_dispute()
    make_day_of_action(title="First day", disputes=[dispute])
    make_day_of_action(title="Second day", disputes=[dispute])
    sentences = [s for lvl, s in solidarity_level(dispute).evidence if lvl == 3]
    assert sentences == [
        "Part of the days of action “<bdi>First day</bdi>”, “<bdi>Second day</bdi>”."
    ]


def test_the_dispute_page_shows_level_three(client):
    dispute = make_dispute()
    make_day_of_action(title="Global day for the bus drivers", disputes=[dispute])
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "Level 3 of 4" in page
    assert "Global day for the bus drivers" in page
