"""What people give when they report a strike, accept an invitation or coordinate a dispute
never reaches a public output: every page, feed and API answer is scanned for sentinels after
reports are published, merged, rejected and left pending."""

import json
import re

import pytest
from django.conf import settings
from django.core.cache import cache

from picketline.disputes import services
from picketline.disputes.models import Dispute
from picketline.moderation.services import item_approve, item_merge, item_reject
from tests import factories

pytestmark = pytest.mark.django_db

REPORTER_NAME = "Sentinelreporter Name"
REPORTER_EMAIL = "sentinel-reporter@example.invalid"
SOLIDARITY_EMAIL = "sentinel-solidarity@example.invalid"
INVITEE_EMAIL = "sentinel-invitee@example.invalid"
PENDING_EMPLOYER = "Sentinelpending Employer"
REJECTED_EMPLOYER = "Sentinelrejected Employer"
REJECT_REASON = "Sentinel rejection reason"
# A sensitive report's exact pin: only a coarse point may be published.
EXACT_LAT, EXACT_LON = 51.4567891, -0.3456789
FORBIDDEN = [
    REPORTER_NAME,
    REPORTER_EMAIL,
    SOLIDARITY_EMAIL,
    INVITEE_EMAIL,
    PENDING_EMPLOYER,
    REJECTED_EMPLOYER,
    REJECT_REASON,
]
EXACT_POINT = re.compile(r"(?<![\d:.])(51\.45|-0\.34)")


def _report(**fields):
    return factories.make_submission(
        email=REPORTER_EMAIL,
        submitter_name=REPORTER_NAME,
        solidarity_email=SOLIDARITY_EMAIL,
        **fields,
    )


@pytest.fixture
def seeded(db):
    cache.clear()
    moderator = factories.make_moderator()
    _published, item = _report(employer="Published Employer", unions="Sentinel-free Union")
    published = item_approve(item=item, version=item.version, user=moderator)
    _sensitive, item = _report(
        employer="Careful Employer", sensitive=True, point=(EXACT_LAT, EXACT_LON)
    )
    sensitive = item_approve(item=item, version=item.version, user=moderator)
    target = factories.make_dispute(title="Existing dispute", employer="Merged Employer")
    _merged, item = _report(employer="Merged Employer")
    item_merge(item=item, version=item.version, user=moderator, target_pk=target.pk)
    _rejected, item = _report(employer=REJECTED_EMPLOYER)
    item_reject(item=item, version=item.version, user=moderator, reason=REJECT_REASON)
    _report(employer=PENDING_EMPLOYER)
    coordinator = factories.make_coordinator(published)
    factories.invite(published, INVITEE_EMAIL, by=coordinator)
    services.dispute_update(dispute=published, user=coordinator, status="suspended")
    return {"published": published, "sensitive": sensitive, "merged": target}


def _public_urls(seeded) -> list[str]:
    urls = [
        "/",
        "/disputes/",
        "/disputes/?q=sentinel",
        "/disputes/?q=employer",
        "/disputes/?status=active,suspended,announced,ended",
        "/data/",
        "/add/",
        "/api/v1/disputes",
        "/api/v1/disputes?q=employer",
        "/api/v1/organisations",
        "/api/v1/organisations?q=sentinel",
    ]
    for feed in ("geojson", "ics", "csv", "atom"):
        urls.append(f"/disputes.{feed}?status=active,suspended,announced,ended")
    for dispute in seeded.values():
        urls += [
            dispute.get_absolute_url(),
            f"/disputes/{dispute.slug}.ics",
            f"/api/v1/disputes/{dispute.pk}",
        ]
    return urls


def _assert_clean(body: str, where: str) -> None:
    for sentinel in FORBIDDEN:
        assert sentinel not in body, f"{sentinel} leaked in {where}"
    assert not EXACT_POINT.search(body), f"the exact point leaked in {where}"


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_output_shows_what_reporters_gave(client, seeded, language):
    assert Dispute.objects.count() == 3
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in _public_urls(seeded):
        response = client.get(url, headers={"Accept-Language": language})
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_clean(body.decode(), f"{url} ({language})")


def test_the_api_answer_to_a_report_shows_none_of_it(client, db):
    cache.clear()
    response = client.post(
        "/api/v1/submissions",
        data=json.dumps(
            {
                "employer": "Api Employer",
                "kind": "strike",
                "description": "Out on strike.",
                "start_date": "2026-11-01",
                "place": "Leeds",
                "latitude": 53.8,
                "longitude": -1.55,
                "submitter_name": REPORTER_NAME,
                "submitter_email": REPORTER_EMAIL,
                "contact_consent": True,
                "solidarity_email": SOLIDARITY_EMAIL,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    _assert_clean(response.content.decode(), "POST /api/v1/submissions")


def test_a_coordinator_of_another_dispute_sees_none_of_it(client, seeded):
    stranger = factories.make_coordinator(factories.make_dispute(title="Someone else's"))
    factories.login(client, stranger)
    for url in ("/my/disputes/", "/accounts/", "/"):
        response = client.get(url)
        assert response.status_code == 200
        _assert_clean(response.content.decode(), f"{url} as a stranger")
    manage = f"/disputes/{seeded['published'].slug}/manage/"
    response = client.get(manage)
    assert response.status_code == 403
    _assert_clean(response.content.decode(), manage)


def test_the_disputes_coordinator_does_see_the_reporters_contact(client, seeded):
    """The scan above would pass if the details were lost; they are kept for those who may."""
    coordinator = seeded["published"].coordinators.get()
    factories.login(client, coordinator)
    body = client.get(f"/disputes/{seeded['published'].slug}/manage/").content.decode()
    assert REPORTER_EMAIL in body
    assert SOLIDARITY_EMAIL in body
