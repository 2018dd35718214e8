"""A coordinator adds, edits and removes a dispute's sites."""

import pytest

from picketline.core.audit import audit_entries_for
from picketline.disputes.models import PicketShift, Site
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute():
    return factories.make_dispute(with_shift=True)


@pytest.fixture
def client_in(client, dispute):
    coordinator = factories.make_coordinator(dispute)
    factories.login(client, coordinator)
    client.coordinator = coordinator
    return client


def _site_data(**changes):
    data = {
        "name": "North gate",
        "address": "1 Harbour Lane",
        "city": "Leeds",
        "region": "West Yorkshire",
        "country": "gb",
        "latitude": "53.8",
        "longitude": "-1.55",
        "precision": "exact",
        "timezone": "Europe/London",
    }
    data.update(changes)
    return data


def test_it_offers_a_map_pin_and_the_zone_of_the_first_site(client_in, dispute):
    response = client_in.get(f"/disputes/{dispute.slug}/manage/sites/add/")
    assert response.status_code == 200
    assert 'id="pin-map"' in response.text and "js/site-pin.js" in response.text
    assert '<option value="Europe/London" selected>' in response.text
    assert 'type="number"' in response.text


def test_it_adds_a_site_and_logs_it(client_in, dispute):
    response = client_in.post(f"/disputes/{dispute.slug}/manage/sites/add/", _site_data())
    assert response.status_code == 302
    assert response["Location"].endswith("/manage/#sites")
    site = dispute.sites.get(name="North gate")
    assert (site.country, site.latitude, site.timezone) == ("GB", 53.8, "Europe/London")
    assert (site.public_latitude, site.public_longitude) == (53.8, -1.55)
    entry = audit_entries_for(dispute).filter(action="dispute.site_added").first()
    assert entry.user == client_in.coordinator and entry.data["site"] == site.pk


def test_it_refuses_a_bad_zone_and_a_point_off_the_globe(client_in, dispute):
    response = client_in.post(
        f"/disputes/{dispute.slug}/manage/sites/add/",
        _site_data(timezone="Europe/Atlantis", latitude="95", country="G1"),
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text or "not a time zone" in response.text
    assert "less than or equal to 90" in response.text
    assert "two-letter country code" in response.text
    assert dispute.sites.count() == 1


def test_it_edits_a_site(client_in, dispute):
    site = dispute.sites.get()
    url = f"/disputes/{dispute.slug}/manage/sites/{site.pk}/"
    assert f'value="{site.name}"' in client_in.get(url).text
    response = client_in.post(url, _site_data(name="Renamed gate"))
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.name == "Renamed gate"
    entry = audit_entries_for(dispute).get(action="dispute.site_updated")
    assert entry.user == client_in.coordinator


def test_it_asks_before_removing_a_site_and_its_shifts(client_in, dispute):
    site = dispute.sites.get()
    url = f"/disputes/{dispute.slug}/manage/sites/{site.pk}/delete/"
    page = client_in.get(url)
    assert page.status_code == 200
    assert "1 picket shift(s) will be removed with it" in page.text
    assert Site.objects.filter(pk=site.pk).exists()
    response = client_in.post(url)
    assert response.status_code == 302
    assert not Site.objects.filter(pk=site.pk).exists()
    assert not PicketShift.objects.filter(site_id=site.pk).exists()
    entry = audit_entries_for(dispute).get(action="dispute.site_removed")
    assert entry.user == client_in.coordinator
