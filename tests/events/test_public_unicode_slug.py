import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_an_event_with_a_title_in_arabic_script_has_its_pages(client):
    event = factories.make_event(title="مسيرة التضامن")
    assert not event.slug.isascii()
    assert client.get(f"/events/{event.slug}.ics").status_code == 200
    assert event.get_absolute_url() in client.get("/events/").text
    assert client.get(event.get_absolute_url()).status_code == 200
