import datetime as dt

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_an_organisations_page_lists_the_events_it_organises_or_sponsors(client):
    union = factories.make_organisation(name="Bakers' union")
    other = factories.make_organisation(name="Another union")
    factories.make_event(title="Organised rally", organisation=union)
    sponsored = factories.make_event(title="Sponsored picnic", organisation=other)
    sponsored.sponsors.add(union)
    factories.make_event(title="Someone else's meeting", organisation=other)
    factories.make_event(
        title="Rally that is over", organisation=union, starts_in=dt.timedelta(days=-3)
    )
    html = client.get(union.get_absolute_url()).text
    assert "Organised rally" in html and "Sponsored picnic" in html
    assert "Someone else&#x27;s meeting" not in html and "Someone else's meeting" not in html
    assert "Rally that is over" not in html
