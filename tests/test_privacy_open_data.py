"""Nothing private leaves through the open data: every feed and API answer is scanned."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from picketline.core.tiles import tile_at
from picketline.disputes import services
from tests import factories

pytestmark = pytest.mark.django_db

CONTACT = "sentinel-contact@example.invalid"
COORDINATOR_EMAIL = "sentinel-coordinator@example.invalid"
COORDINATOR_NAME = "sentinelcoordinator"
EXACT_LAT, EXACT_LON = 51.123456789, -0.123456789
SITE_NAME = "Sentinel Gate Name"
SITE_ADDRESS = "1 Sentinel Address Road"
FORBIDDEN = [CONTACT, COORDINATOR_EMAIL, COORDINATOR_NAME, SITE_NAME, SITE_ADDRESS]
# Any rendering of the exact point past the coarse first decimal gives it away; the look-behind
# keeps the seconds of a timestamp ("21:04:51.12…") from counting as a latitude.
EXACT_POINT = re.compile(r"(?<![\d:.])(51\.12|-0\.12)")


@pytest.fixture
def seeded(db):
    cache.clear()
    coordinator = factories.make_user(username=COORDINATOR_NAME, email=COORDINATOR_EMAIL)
    union = factories.make_organisation(name="Sentinel Union", kind="union")
    employer = factories.make_organisation(name="Sentinel Employer", kind="employer")
    sensitive = factories.make_dispute(
        title="Sensitive dispute",
        sensitive=True,
        solidarity_email=CONTACT,
        union=union,
        employer=employer,
        lat=EXACT_LAT,
        lon=EXACT_LON,
        city="London",
        description="Workers fear retaliation.",
    )
    site = sensitive.sites.get()
    services.site_update(site=site, name=SITE_NAME, address=SITE_ADDRESS)
    ordinary = factories.make_dispute(
        title="Ordinary dispute", solidarity_email=CONTACT, union=union, with_shift=True
    )
    for dispute in (sensitive, ordinary):
        dispute.coordinators.add(coordinator)
        begin = timezone.now() + dt.timedelta(days=3)
        services.action_create(
            dispute=dispute,
            starts_at=begin,
            ends_at=begin + dt.timedelta(hours=8),
            timezone="Europe/London",
        )
        services.source_create(dispute=dispute, url="https://news.example/story")
    start = timezone.now() + dt.timedelta(days=1)
    services.shift_create(
        site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        timezone="Europe/London",
        recurrence="weekly",
        repeat_until=(start + dt.timedelta(weeks=3)).date(),
    )
    return {"sensitive": sensitive, "ordinary": ordinary, "union": union, "employer": employer}


def _urls(seeded) -> list[str]:
    sensitive, ordinary = seeded["sensitive"], seeded["ordinary"]
    urls = []
    for feed in ("geojson", "ics", "csv", "atom"):
        urls += [
            f"/disputes.{feed}",
            f"/disputes.{feed}?status=active,announced,ended",
            f"/disputes.{feed}?near=51.1,-0.1&radius_km=50",
            f"/disputes.{feed}?q=sensitive",
        ]
    for dispute in (sensitive, ordinary):
        urls += [
            f"/disputes/{dispute.slug}.ics",
            f"/api/v1/disputes/{dispute.pk}",
            f"/api/v1/disputes/{dispute.slug}",
        ]
    for organisation in (seeded["union"], seeded["employer"]):
        urls += [
            f"/api/v1/organisations/{organisation.pk}",
            f"/api/v1/organisations/{organisation.slug}",
        ]
    # The clustered map's tiles around the sensitive site, at every depth, and their clusters'
    # lists (the cell holding the site, whether or not it is a cluster).
    for z in (0, 4, 9, 14, 20):
        tile = tile_at(51.1, -0.1, z)
        cell = tile.cell_of(51.1, -0.1)
        for query in ("", "?status=active,announced,ended", "?q=sensitive"):
            urls += [
                f"/map/tiles/{z}/{tile.x}/{tile.y}.json{query}",
                f"/map/tiles/{z}/{tile.x}/{tile.y}/{cell}.json{query}",
            ]
    urls += [
        "/api/v1/",
        "/api/v1/disputes",
        "/api/v1/disputes?limit=1",
        "/api/v1/disputes?near=51.1,-0.1&radius_km=50",
        "/api/v1/disputes?near=51.1,-0.1&radius_km=50&sort=newest",
        f"/api/v1/disputes?union={seeded['union'].slug}",
        "/api/v1/organisations",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ]
    return urls


def _text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8")
    # iCalendar folds long lines; unfold so a value split over two lines is still found.
    return text.replace("\r\n ", "").replace("\r\n\t", "")


def test_nothing_private_appears_in_any_feed_or_api_response(client, seeded):
    checked = 0
    for url in _urls(seeded):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = _text(response)
        for sentinel in FORBIDDEN:
            assert sentinel not in text, f"{sentinel!r} leaked in {url}"
        assert not EXACT_POINT.search(text), f"the exact point leaked in {url}"
        checked += 1
    assert checked == len(_urls(seeded))


def test_the_sensitive_dispute_is_still_published_at_its_coarse_point(client, seeded):
    """The scan above proves something only if the sensitive dispute is in the answers."""
    geojson = json.loads(client.get("/disputes.geojson").getvalue())
    sensitive = [
        f for f in geojson["features"] if f["properties"]["dispute_id"] == seeded["sensitive"].pk
    ]
    assert [f["geometry"]["coordinates"] for f in sensitive] == [[-0.1, 51.1]]
    assert EXACT_POINT.search(f"[{EXACT_LON}, {EXACT_LAT}]")  # the pattern does catch it
    assert sensitive[0]["properties"]["site_name"] is None
    assert sensitive[0]["properties"]["city"] == "London"
    detail = client.get(f"/api/v1/disputes/{seeded['sensitive'].pk}").json()
    assert detail["title"] == "Sensitive dispute"
    assert len(detail["upcoming_shifts"]) == 4
    assert detail["upcoming_shifts"][0]["location"] == "London, GB"
    calendar = _text(client.get(f"/disputes/{seeded['sensitive'].slug}.ics"))
    assert "LOCATION:London\\, GB" in calendar


def test_every_page_of_the_api_list_is_clean(client, seeded):
    url = "/api/v1/disputes?limit=1"
    pages = 0
    while url:
        response = client.get(url)
        text = _text(response)
        for sentinel in FORBIDDEN:
            assert sentinel not in text
        assert not EXACT_POINT.search(text)
        url = response.json()["next"]
        pages += 1
    assert pages == 2
