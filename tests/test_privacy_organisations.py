"""What people give when they ask to start a chapter, and who organises a chapter or holds an
organisation's account, never reach a public output: the organisations list, an
organisation's page, its chapters near a place, a chapter's page and the API are scanned for
sentinels in every language, after a request was approved and another declined."""

import pytest
from django.conf import settings

from picketline.organisations.chapters import services as chapters
from picketline.organisations.models import Organisation
from picketline.organisations.services import demand_save
from tests import factories

pytestmark = pytest.mark.django_db

REQUESTER_EMAIL = "sentinel-requester@example.invalid"
REQUESTER_NAME = "Sentinelrequester Name"
DECLINED_EMAIL = "sentinel-declined@example.invalid"
PENDING_EMAIL = "sentinel-pending@example.invalid"
MESSAGE = "Sentinelmessage about my workplace"
ORGANISER = "sentinelorganiser"
ORGANISER_EMAIL = "sentinel-organiser@example.invalid"
HOLDER = "sentinelholder"
FORBIDDEN = [
    REQUESTER_EMAIL,
    REQUESTER_NAME,
    DECLINED_EMAIL,
    PENDING_EMAIL,
    MESSAGE,
    ORGANISER,
    ORGANISER_EMAIL,
    HOLDER,
]


def _ask(network, email, lat, lon):
    return chapters.chapter_request_create(
        organisation=network,
        name=REQUESTER_NAME,
        email=email,
        message=MESSAGE,
        language="en",
        place_name="Sheffield",
        latitude=lat,
        longitude=lon,
    )


@pytest.fixture
def seeded(db):
    network = factories.make_organisation(name="Privacy Network", kind=Organisation.Kind.NETWORK)
    holder = factories.make_user(username=HOLDER)
    network.coordinators.add(holder)
    demand_save(
        organisation=network,
        by=None,
        text="Public demand",
        language="en",
        position=1,
        translations={},
    )
    leeds = factories.make_chapter(network, name="Leeds")
    leeds.organisers.add(factories.make_user(username=ORGANISER, email=ORGANISER_EMAIL))
    _request, sheffield = chapters.chapter_request_approve(
        request=_ask(network, REQUESTER_EMAIL, 53.38, -1.47), by=holder, name="Sheffield"
    )
    chapters.chapter_request_decline(request=_ask(network, DECLINED_EMAIL, 53.0, -1.2), by=holder)
    _ask(network, PENDING_EMAIL, 52.9, -1.1)
    return {"network": network, "chapters": [leeds, sheffield]}


def _urls(seeded) -> list[str]:
    network = seeded["network"]
    return [
        "/organisations/",
        network.get_absolute_url(),
        f"/organisations/{network.slug}/chapters/",
        f"/organisations/{network.slug}/chapters/?near=53.4,-1.5&radius_km=200",
        f"/organisations/{network.slug}/chapters/start/",
        f"/organisations/{network.slug}/chapters/started/",
        *(chapter.get_absolute_url() for chapter in seeded["chapters"]),
        "/api/v1/organisations",
        f"/api/v1/organisations/{network.slug}",
        f"/api/v1/organisations/{network.slug}/chapters",
        f"/api/v1/organisations/{network.slug}/chapters?near=53.4,-1.5&radius_km=200",
    ]


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_output_shows_requesters_or_organisers(client, seeded, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(seeded["network"].get_absolute_url()).content.decode()
    # The scan would pass on an empty page: what is public is there.
    assert "Public demand" in page and "Privacy Network" in page
    api = client.get(f"/api/v1/organisations/{seeded['network'].slug}/chapters").content.decode()
    assert "Sheffield" in api and "Leeds" in api
    for url in _urls(seeded):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for sentinel in FORBIDDEN:
            assert sentinel not in body, f"{sentinel} leaked on {url} ({language})"


def test_the_organisers_see_the_requests(client, seeded):
    """The scan above would pass if the details were lost; they are kept for those who may."""
    holder = seeded["network"].coordinators.get()
    factories.make_totp_device(holder)
    factories.login(client, holder)
    slug = seeded["network"].slug
    page = client.get(f"/organisations/{slug}/manage/chapter-requests/").content.decode()
    assert REQUESTER_NAME in page
    pending = seeded["network"].chapter_requests.get(email=PENDING_EMAIL)
    detail = client.get(f"/organisations/{slug}/manage/chapter-requests/{pending.pk}/")
    assert PENDING_EMAIL in detail.content.decode() and MESSAGE in detail.content.decode()
