import datetime as dt

import pytest

from picketline.events.choices import EventVisibility
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_the_disputes_upcoming_events_and_days_of_action(client):
    dispute = factories.make_dispute()
    day = factories.make_day_of_action(title="Bread day", disputes=[dispute])
    event = factories.make_event(title="Support rally", disputes=[dispute])
    factories.make_event(title="Over", disputes=[dispute], starts_in=dt.timedelta(days=-4))
    factories.make_event(title="Unlisted", disputes=[dispute], visibility=EventVisibility.UNLISTED)
    html = client.get(dispute.get_absolute_url()).text
    assert "Events and days of action" in html
    assert f'href="{event.get_absolute_url()}"' in html
    assert f'href="{day.get_absolute_url()}"' in html
    assert "Over" not in html
    assert "Unlisted" not in html


def test_it_shows_nothing_for_a_dispute_without_events(client):
    dispute = factories.make_dispute()
    factories.make_event(title="Elsewhere")
    html = client.get(dispute.get_absolute_url()).text
    assert "Events and days of action" not in html


def test_it_links_to_all_events_beyond_the_first_few(client):
    dispute = factories.make_dispute()
    for n in range(6):
        factories.make_event(disputes=[dispute], starts_in=dt.timedelta(days=n + 1))
    html = client.get(dispute.get_absolute_url()).text
    assert f'href="/events/?dispute={dispute.slug}"' in html
