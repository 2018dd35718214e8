"""The library groups one document's languages together, with a language picker; filters by
language and kind; shows what is kept for its managers to them only; and its newest public
documents show on the organisation's and the campaign's page, refreshed as soon as one is
added."""

import pytest
from django.core.cache import cache

from tests import factories
from tests.campaigns.helpers import make_campaign
from tests.resources.helpers import image_with_gps, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _library(campaign):
    return f"/campaigns/{campaign.slug}/resources/"


@pytest.fixture
def campaign():
    campaign = make_campaign(title="One Aurora")
    lead = make_resource(campaign, title="Why we strike", language="en")
    make_resource(campaign, title="Por qué hacemos huelga", language="es", translation_of=lead)
    make_resource(campaign, title="Pourquoi la grève", language="fr", translation_of=lead)
    make_resource(campaign, title="Gate poster", kind="poster", data=image_with_gps(fmt="PNG"))
    make_resource(
        campaign, title="Rally video", kind="video", link="https://video.example.org/rally"
    )
    make_resource(campaign, title="Negotiating notes", visibility="managers", kind="document")
    return campaign


def test_it_shows_one_document_with_its_languages(client, campaign):
    response = client.get(_library(campaign))
    assert response.status_code == 200
    documents = response.context["documents"]
    assert [d.shown.title for d in documents] == ["Rally video", "Gate poster", "Why we strike"]
    leaflet = documents[-1]
    assert [v.language for v in leaflet.versions] == ["en", "es", "fr"]
    body = response.content.decode()
    assert 'hreflang="es"' in body and "Español" in body and "Français" in body


def test_it_shows_each_document_in_the_readers_language_when_it_has_it(client, campaign):
    client.cookies["picketline_language"] = "es"
    documents = client.get(_library(campaign)).context["documents"]
    assert documents[-1].shown.title == "Por qué hacemos huelga"


def test_it_filters_by_language(client, campaign):
    documents = client.get(_library(campaign), {"language": "fr"}).context["documents"]
    assert [d.shown.title for d in documents] == ["Pourquoi la grève"]


def test_it_filters_by_kind(client, campaign):
    documents = client.get(_library(campaign), {"kind": "poster"}).context["documents"]
    assert [d.shown.title for d in documents] == ["Gate poster"]


def test_an_unknown_filter_is_ignored(client, campaign):
    response = client.get(_library(campaign), {"kind": "<script>", "language": "xx"})
    assert response.status_code == 200
    assert len(response.context["documents"]) == 3


def test_it_shows_size_type_thumbnail_and_alt_text(client, campaign):
    body = client.get(_library(campaign)).content.decode()
    assert "PNG image" in body and "PDF document" in body
    assert 'alt="Preview of the image “Gate poster”"' in body
    assert 'alt="First page of “Why we strike”"' in body


def test_a_link_opens_without_giving_the_other_site_this_page(client, campaign):
    body = client.get(_library(campaign)).content.decode()
    assert 'href="https://video.example.org/rally" rel="noopener noreferrer"' in body


def test_private_resources_are_for_those_who_run_the_campaign(client, campaign):
    assert "Negotiating notes" not in client.get(_library(campaign)).content.decode()
    coordinator = factories.make_user()
    factories.make_totp_device(coordinator)
    campaign.coordinators.add(coordinator)
    factories.login(client, coordinator)
    response = client.get(_library(campaign))
    assert "Negotiating notes" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "Add a resource" in response.content.decode()


def test_the_campaign_page_shows_its_newest_public_documents(client, campaign):
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert 'id="resources-heading"' in body
    assert "Rally video" in body and "Why we strike" in body
    assert "Negotiating notes" not in body
    assert _library(campaign) in body


def test_the_section_follows_a_new_resource_at_once(client, campaign):
    assert "Strike bulletin" not in client.get(campaign.get_absolute_url()).content.decode()
    make_resource(campaign, title="Strike bulletin")
    assert "Strike bulletin" in client.get(campaign.get_absolute_url()).content.decode()


def test_a_page_without_public_resources_has_no_section(client):
    campaign = make_campaign(title="Quiet")
    make_resource(campaign, visibility="managers")
    assert 'id="resources-heading"' not in client.get(campaign.get_absolute_url()).content.decode()


def test_an_organisation_has_a_library_and_a_section(client):
    union = factories.make_organisation(name="General Workers")
    make_resource(union, title="Join the union")
    body = client.get(union.get_absolute_url()).content.decode()
    assert "Join the union" in body
    library = client.get(f"/organisations/{union.slug}/resources/")
    assert [d.shown.title for d in library.context["documents"]] == ["Join the union"]


def test_a_library_of_no_one_is_a_404(client):
    assert client.get("/campaigns/nobody/resources/").status_code == 404
    assert client.get("/organisations/nobody/resources/").status_code == 404


def test_every_write_of_a_resource_moves_the_resources_version(campaign):
    from picketline.core.versions import version_triggers_installed, versions
    from picketline.resources.models import Resource

    assert version_triggers_installed("resources", "resources_resource")
    before = versions("resources")
    Resource.objects.filter(campaign=campaign).update(description="Changed by hand")
    assert versions("resources") != before


def test_the_people_who_run_it_find_the_way_to_add_the_first_resource(client):
    campaign = make_campaign(title="Quiet")
    coordinator = factories.make_user()
    factories.make_totp_device(coordinator)
    campaign.coordinators.add(coordinator)
    factories.login(client, coordinator)
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert f"/campaigns/{campaign.slug}/resources/new/" in body
    factories.login(client, factories.make_user())
    assert 'id="resources-heading"' not in client.get(campaign.get_absolute_url()).content.decode()


def test_the_api_lists_a_campaigns_public_resources_and_never_who_uploaded_them(client, campaign):
    uploader = factories.make_user(username="sentinel-uploader")
    make_resource(campaign, by=uploader, title="Strike bulletin")
    response = client.get(f"/api/v1/campaigns/{campaign.slug}")
    assert response.status_code == 200
    resources = response.json()["resources"]
    assert [r["title"] for r in resources][:2] == ["Strike bulletin", "Rally video"]
    assert "Negotiating notes" not in response.content.decode()
    assert "sentinel-uploader" not in response.content.decode()
    video = next(r for r in resources if r["kind"] == "video")
    assert (video["url"], video["thumbnail"], video["type"]) == (
        "https://video.example.org/rally",
        None,
        "",
    )
    spanish = next(r for r in resources if r["language"] == "es")
    english = next(r for r in resources if r["title"] == "Why we strike")
    assert spanish["document"] == english["id"]
    assert english["url"].startswith("http://testserver/resources/")
    assert english["type"] == "application/pdf" and english["size"] > 0
