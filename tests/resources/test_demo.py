"""`picketline demo-resources`: the demo campaign's and the demo network's library, made here
(PDFs with fpdf2, a poster with Pillow, a video link), loaded once."""

import pytest
from django.core.management import call_command

from picketline.resources.models import Resource
from tests.resources.helpers import stored_files

pytestmark = pytest.mark.django_db


def test_it_loads_the_library_once(client, settings):
    call_command("demo_organisations")
    call_command("demo_campaigns")
    call_command("demo_resources")
    files = stored_files(settings)
    call_command("demo_resources")
    assert stored_files(settings) == files
    campaign_resources = Resource.objects.filter(campaign__isnull=False)
    assert campaign_resources.count() == 5
    leaflets = campaign_resources.filter(kind="leaflet").order_by("id")
    assert sorted(leaflets.values_list("language", flat=True)) == ["en", "es", "fr"]
    assert {r.translation_of_id for r in leaflets[1:]} == {leaflets[0].pk}
    assert set(campaign_resources.values_list("content_type", flat=True)) == {
        "application/pdf",
        "image/png",
        "",
    }
    assert Resource.objects.filter(organisation__isnull=False, visibility="managers").exists()
    campaign = leaflets[0].campaign
    page = client.get(f"/campaigns/{campaign.slug}/resources/").content.decode()
    assert "One Aurora: why we strike together (demo)" in page
    assert client.get(leaflets[0].get_file_url()).status_code == 200


def test_it_does_nothing_without_the_demo_campaign_and_network():
    call_command("demo_resources")
    assert not Resource.objects.exists()
