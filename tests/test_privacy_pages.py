"""No public page shows contact details or exact locations of sensitive disputes.

Sentinel values are seeded wherever personal data can live, then every public page is fetched
in every language and scanned for them.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from picketline.ballots.links import voter_token
from picketline.ballots.models import Ballot
from picketline.ballots.services import ListedVoter, ballot_close, ballot_create, vote_cast
from picketline.campaigns import services as campaigns
from picketline.campaigns.models import Campaign
from picketline.campaigns.plans.services import plan_save
from picketline.disputes import services
from picketline.organisations.models import Organisation
from tests.factories import make_dispute, make_organisation, make_user
from tests.resources.helpers import make_resource

SENTINEL_EMAIL = "sentinel-contact@example.invalid"
SENTINEL_COORDINATOR = "sentinel-coordinator@example.invalid"
SENTINEL_SITE = "Sentinel Secret Gate"
SENTINEL_ADDRESS = "77 Sentinel Street"
SENSITIVE_LAT, SENSITIVE_LON = 51.123456789, -0.987654321
# A strategic plan's private columns, on plans whose other parts are published.
SENTINEL_PLAN_NOTE = "Sentinel plan note"
SENTINEL_ASSIGNEE = "Sentinel Assignee"
SENTINEL_GOAL = "Sentinel unpublished goal"
# A resource kept for a campaign's and an organisation's own people.
SENTINEL_RESOURCE = "Sentinel private resource"
# A voter on a ballot's roll.
SENTINEL_VOTER = "Sentinel Voter"
SENTINEL_VOTER_EMAIL = "sentinel-voter@example.invalid"
SENTINELS = [
    SENTINEL_VOTER,
    SENTINEL_VOTER_EMAIL,
    SENTINEL_RESOURCE,
    SENTINEL_PLAN_NOTE,
    SENTINEL_ASSIGNEE,
    SENTINEL_GOAL,
    SENTINEL_EMAIL,
    SENTINEL_COORDINATOR,
    "sentinel-coordinator",
    SENTINEL_SITE,
    SENTINEL_ADDRESS,
    "51.123456",
    "51.12345",
    "-0.987654",
    "-0.98765",
]


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    coordinator = make_user(username="sentinel-coordinator", email=SENTINEL_COORDINATOR)
    open_dispute = make_dispute(
        title="Open dispute", solidarity_email=SENTINEL_EMAIL, with_shift=True
    )
    open_dispute.coordinators.add(coordinator)
    sensitive = make_dispute(
        title="Sensitive dispute",
        solidarity_email=SENTINEL_EMAIL,
        sensitive=True,
        lat=SENSITIVE_LAT,
        lon=SENSITIVE_LON,
    )
    sensitive.coordinators.add(coordinator)
    site = sensitive.sites.get()
    services.site_update(site=site, name=SENTINEL_SITE, address=SENTINEL_ADDRESS)
    start = timezone.now() + dt.timedelta(days=1)
    services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=2), timezone="UTC"
    )
    services.dispute_update(dispute=sensitive, user=coordinator, status="announced")
    # A campaign joining both, coordinated by the same person.
    campaign = campaigns.campaign_create(by=None, title="Sentinel campaign", language="en")
    campaign.coordinators.add(coordinator)
    for dispute in (open_dispute, sensitive):
        campaigns.campaign_dispute_add(campaign=campaign, dispute=dispute, by=coordinator)
    demand = campaigns.common_demand_save(
        campaign=campaign, by=coordinator, text="Pay", language="en", position=1, translations={}
    )
    campaigns.demand_adoption_set(
        campaign=campaign,
        dispute=sensitive,
        demand=demand,
        by=coordinator,
        adopted=True,
        status="raised",
    )
    for owner in (campaign, sensitive):
        plan_save(
            owner=owner,
            by=coordinator,
            language="en",
            situation="Published analysis",
            publish_analysis=True,
            publish_stakeholders=True,
            publish_steps=True,
            stakeholders=[
                {
                    "kind": "media",
                    "name": "Courier",
                    "notes": SENTINEL_PLAN_NOTE,
                    "power": 3,
                    "interest": 4,
                }
            ],
            goals=[{"text": SENTINEL_GOAL, "status": "open"}],
            steps=[
                {
                    "position": 1,
                    "date": dt.date(2027, 1, 1),
                    "action": "Rally",
                    "assignee_name": SENTINEL_ASSIGNEE,
                },
                {
                    "position": 2,
                    "date": dt.date(2027, 2, 1),
                    "action": "March",
                    "assignee": coordinator,
                },
            ],
        )
    # Their libraries: public resources uploaded by the coordinator, and one kept private.
    union = make_organisation(name="Sentinel union")
    union.coordinators.add(coordinator)
    for owner in (campaign, union):
        make_resource(owner, by=coordinator, title="Public leaflet")
        make_resource(owner, by=coordinator, title=SENTINEL_RESOURCE, visibility="managers")
    # Its ballots: one closed (its result and tracker are public), one open.
    now = timezone.now()
    for closed in (True, False):
        ballot = ballot_create(
            organisation=union,
            question="Accept the offer?",
            options=["Yes", "No"],
            opens_at=now - dt.timedelta(hours=1),
            closes_at=now + dt.timedelta(days=1),
            electorate="list",
            voters=[
                ListedVoter(SENTINEL_VOTER_EMAIL, SENTINEL_VOTER),
                ListedVoter("b@example.org"),
            ],
        )
        voter = ballot.voters.get(email=SENTINEL_VOTER_EMAIL)
        vote_cast(ballot_id=ballot.pk, token=voter_token(voter), choices=["Yes"])
        if closed:
            ballot_close(ballot)
    return [open_dispute, sensitive]


def _public_urls(disputes):
    urls = [
        "/",
        "/disputes/",
        "/disputes/?q=dispute",
        "/disputes/?near=51.1,-0.9&radius_km=50",
        "/disputes/?status=announced&sort=start",
        "/data/",
        "/places/search.json?q=Le",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/healthz",
    ]
    for dispute in disputes:
        urls.append(dispute.get_absolute_url())
    for slug in Campaign.objects.values_list("slug", flat=True):
        urls += [
            "/campaigns/",
            "/campaigns/map/",
            f"/campaigns/{slug}/",
            f"/campaigns/{slug}.atom",
            f"/campaigns/{slug}.ics",
            "/api/v1/campaigns",
            f"/api/v1/campaigns/{slug}",
            f"/campaigns/{slug}/resources/",
        ]
    owners = Organisation.objects.filter(resources__isnull=False).distinct()
    for slug in owners.values_list("slug", flat=True):
        urls += [f"/organisations/{slug}/", f"/organisations/{slug}/resources/"]
    for ballot in Ballot.objects.filter(status="closed"):
        urls += [
            f"/organisations/{ballot.organisation.slug}/ballots/",
            f"/ballots/{ballot.pk}/",
            f"/ballots/{ballot.pk}/tracker/",
            f"/ballots/{ballot.pk}/tracker.csv",
        ]
    return urls


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_page_shows_contact_details_or_exact_sensitive_locations(
    client, seeded, language
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in _public_urls(seeded):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for sentinel in SENTINELS:
            assert sentinel not in body, f"{sentinel} leaked on {url} ({language})"
