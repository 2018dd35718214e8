"""People's words, names and places keep their own direction inside the interface's sentences:
on an Arabic page an English description keeps its full stop at its end, and on an English page
an Arabic town stays before its country. Each is inside <bdi> or an element with `dir`."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.utils import timezone

from picketline.events.days.models import DayOfAction
from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.messages.services import message_publish
from picketline.solidarity.models import Message
from tests import factories
from tests.isolation import not_isolated

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _arabic(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return client


@pytest.fixture
def dispute():
    dispute = factories.make_dispute(
        title="Dockers of Valencia",
        union="Health and Care Union (demo)",
        employer="Port Authority (demo)",
        description="Bring a flask and a banner.",
        city="Valencia",
        country="ES",
        with_shift=True,
        solidarity_email="committee@example.org",
    )
    other = factories.make_dispute(title="Riders of Madrid (demo)")
    delegation_add(
        dispute=dispute,
        user=None,
        kind="visited",
        date=timezone.now().date() - dt.timedelta(days=2),
        group_name="Bus drivers' branch (demo)",
        country="FR",
        from_dispute=other,
    )
    message = Message.objects.create(
        dispute=dispute,
        body="We stand with you.",
        sender_name="Repartidores (demo)",
        organisation_name="Riders' union (demo)",
        country="ES",
    )
    message_publish(message=message)
    factories.make_day_of_action(title="Ports Day (demo)", disputes=[dispute])
    return dispute


def test_a_dispute_page_in_arabic_isolates_what_people_wrote(client, dispute):
    html = _arabic(client).get(dispute.get_absolute_url()).text
    assert 'dir="rtl"' in html
    assert (
        not_isolated(
            html,
            "Dockers of Valencia",
            "Bring a flask and a banner.",
            "Bring a flask",
            "Health and Care Union (demo)",
            "Port Authority (demo)",
            "Valencia",
            "Repartidores (demo)",
            "Riders' union (demo)",
            "We stand with you.",
            "Bus drivers' branch (demo)",
            "Riders of Madrid (demo)",
            "Ports Day (demo)",
        )
        == []
    )


def test_the_list_in_arabic_isolates_names_and_places(client, dispute):
    html = _arabic(client).get("/disputes/").text
    assert (
        not_isolated(
            html, "Dockers of Valencia", "Health and Care Union (demo)", "Port Authority (demo)"
        )
        == []
    )
    assert "<bdi>Valencia</bdi>" in html


def test_an_arabic_town_on_the_english_events_list_stays_before_its_country(client):
    factories.make_event(title="Solidarity evening", locality="القاهرة", country="EG")
    html = client.get("/events/").text
    assert not_isolated(html, "القاهرة", "Solidarity evening") == []
    # Each part isolated on its own: together they would take the town's direction.
    assert "<bdi>القاهرة</bdi>, <bdi>" in html


def test_the_event_page_isolates_its_place_and_speakers(client):
    event = factories.make_event(venue="دار النقابة", locality="القاهرة", country="EG")
    html = client.get(event.get_absolute_url()).text
    assert not_isolated(html, "دار النقابة", "القاهرة", "1 Union Street") == []


def test_a_day_of_action_page_isolates_the_call_and_its_disputes(client, dispute):
    day = DayOfAction.objects.get()
    html = _arabic(client).get(day.get_absolute_url()).text
    assert not_isolated(html, "Ports Day (demo)", "Dockers of Valencia") == []


def test_the_atom_feed_marks_each_summary_with_its_own_direction(client, dispute):
    feed = ElementTree.fromstring(client.get("/disputes.atom").content)
    summaries = [summary.text for summary in feed.iter(f"{ATOM}summary")]
    assert '<div lang="en" dir="auto"><p>Bring a flask and a banner.</p></div>' in summaries
