"""A plan is for its owner's coordinators with two factors, and for moderators: anyone else
is turned away (the full role matrix is in tests/test_permissions.py)."""

import pytest

from picketline.accounts.models import TotpDevice
from tests import factories
from tests.campaigns.helpers import make_campaign
from tests.campaigns.plans.helpers import coordinator_of, whole_plan

pytestmark = pytest.mark.django_db

PAGES = ("", "edit/", "print/", "plan.json", "actions.csv", "versions/1/")


@pytest.fixture
def campaign():
    campaign = make_campaign()
    whole_plan(campaign)
    return campaign


@pytest.fixture
def dispute():
    dispute = factories.make_dispute()
    whole_plan(dispute)
    return dispute


def campaign_url(campaign, page=""):
    return f"/campaigns/{campaign.slug}/plan/{page}"


def dispute_url(dispute, page=""):
    return f"/disputes/{dispute.slug}/manage/plan/{page}"


@pytest.mark.parametrize("page", PAGES)
def test_a_campaign_coordinator_with_two_factors_opens_every_page(client, campaign, page):
    factories.login(client, coordinator_of(campaign))
    assert client.get(campaign_url(campaign, page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_dispute_coordinator_with_two_factors_opens_every_page(client, dispute, page):
    factories.login(client, factories.make_coordinator(dispute))
    assert client.get(dispute_url(dispute, page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_without_a_second_factor_a_coordinator_is_sent_to_set_one_up(client, campaign, page):
    user = coordinator_of(campaign)
    TotpDevice.objects.filter(user=user).delete()
    client.force_login(user)
    response = client.get(campaign_url(campaign, page))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/")


def test_a_coordinator_of_the_campaign_is_not_one_of_its_disputes(client, campaign, dispute):
    factories.login(client, coordinator_of(campaign))
    assert client.get(dispute_url(dispute)).status_code == 403


def test_a_coordinator_of_another_campaign_is_refused(client, campaign):
    factories.login(client, coordinator_of(make_campaign(title="Airline crews")))
    assert client.get(campaign_url(campaign)).status_code == 403
    assert client.get(campaign_url(campaign, "plan.json")).status_code == 403


def test_a_supporter_is_refused_and_a_visitor_asked_to_sign_in(client, campaign):
    assert client.get(campaign_url(campaign)).status_code == 302
    factories.login(client, factories.make_user())
    assert client.get(campaign_url(campaign)).status_code == 403


def test_a_moderator_reads_every_plan(client, campaign, dispute):
    factories.login(client, factories.make_moderator())
    assert client.get(campaign_url(campaign)).status_code == 200
    assert client.get(dispute_url(dispute)).status_code == 200


def test_the_pages_are_kept_out_of_shared_caches(client, campaign):
    factories.login(client, coordinator_of(campaign))
    response = client.get(campaign_url(campaign))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
