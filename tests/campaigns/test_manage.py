"""Coordinators (invited, with two factors) and moderators keep a campaign true: its fields,
its disputes, its common demands and their translations, the matrix's cells, its
coordinators. Every change goes through a service with an audit entry; bad input stores
nothing."""

import pytest

from picketline.campaigns.models import Campaign, CampaignDispute, CommonDemand, DemandAdoption
from picketline.campaigns.roles import COORDINATOR
from picketline.core.models import AuditEntry, OutboxEmail
from picketline.organisations.invitations.services import invitation_accept, invitation_create
from picketline.organisations.models import Invitation
from tests import factories
from tests.campaigns.helpers import add_demand, adopt, dispute_in, join, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return make_campaign(title="Aurora car workers")


@pytest.fixture
def coordinator(campaign):
    user = factories.make_user(username="coordinator-one")
    factories.make_totp_device(user)
    campaign.coordinators.add(user)
    return user


@pytest.fixture
def signed_in(client, coordinator):
    factories.login(client, coordinator)
    return client


def manage(campaign, path=""):
    return f"/campaigns/{campaign.slug}/manage/{path}"


def test_a_moderator_creates_a_campaign(client):
    factories.login(client, factories.make_moderator())
    response = client.post(
        "/campaigns/new/",
        {"title": "Airline crews", "language": "en", "status": "active", "sectors": ["transport"]},
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == manage(campaign)
    assert list(campaign.sectors.values_list("sector", flat=True)) == ["transport"]
    assert AuditEntry.objects.filter(action="campaign.created").exists()


def test_a_campaign_named_like_a_fixed_address_gets_another_slug(client):
    factories.login(client, factories.make_moderator())
    client.post("/campaigns/new/", {"title": "Map", "language": "en", "status": "active"})
    assert Campaign.objects.get().slug == "map-campaign"


def test_creating_with_bad_input_stores_nothing(client):
    factories.login(client, factories.make_moderator())
    response = client.post(
        "/campaigns/new/",
        {"title": "", "language": "xx", "status": "sideways", "sectors": ["space"]},
    )
    assert response.status_code == 400
    assert not Campaign.objects.exists()
    assert not AuditEntry.objects.filter(action="campaign.created").exists()


def test_a_coordinator_edits_the_campaign(signed_in, campaign):
    response = signed_in.post(
        manage(campaign),
        {
            "title": "Aurora, one struggle",
            "summary": "<b>Bold</b> plan",
            "language": "es",
            "status": "won",
            "sectors": ["manufacturing"],
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.title, campaign.summary, campaign.status) == (
        "Aurora, one struggle",
        "Bold plan",
        "won",
    )
    entry = AuditEntry.objects.get(action="campaign.updated")
    assert set(entry.data["fields"]) >= {"title", "summary", "status", "sectors"}


def test_a_coordinator_adds_and_removes_a_dispute(signed_in, campaign):
    dispute = dispute_in("DE")
    response = signed_in.post(
        manage(campaign, "disputes/add/"), {"dispute": dispute.get_absolute_url()}
    )
    assert response.status_code == 302
    assert CampaignDispute.objects.filter(campaign=campaign, dispute=dispute).exists()
    again = signed_in.post(manage(campaign, "disputes/add/"), {"dispute": dispute.slug})
    assert again.status_code == 400
    assert CampaignDispute.objects.count() == 1
    signed_in.post(manage(campaign, f"disputes/{dispute.pk}/remove/"))
    assert not CampaignDispute.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="campaign.dispute").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["campaign.dispute_added", "campaign.dispute_removed"]


def test_adding_a_dispute_that_does_not_exist_stores_nothing(signed_in, campaign):
    response = signed_in.post(manage(campaign, "disputes/add/"), {"dispute": "no-such-dispute"})
    assert response.status_code == 400
    assert "No dispute has this address." in response.content.decode()
    assert not CampaignDispute.objects.exists()


def test_a_coordinator_adds_a_demand_with_translations_then_edits_it(signed_in, campaign):
    response = signed_in.post(
        manage(campaign, "demands/"),
        {
            "text": "Equal pay",
            "language": "en",
            "position": 1,
            "text_es": "Igualdad salarial",
            "text_ar": "",
            "text_en": "",
        },
    )
    assert response.status_code == 302
    demand = CommonDemand.objects.get()
    assert {t.language: t.text for t in demand.translations.all()} == {"es": "Igualdad salarial"}
    signed_in.post(
        manage(campaign, f"demands/{demand.pk}/"),
        {
            "text": "Equal pay for equal work",
            "language": "en",
            "position": 1,
            "text_es": "",
            "text_ar": "أجر متساو",
        },
    )
    demand.refresh_from_db()
    assert demand.text == "Equal pay for equal work"
    assert {t.language: t.text for t in demand.translations.all()} == {"ar": "أجر متساو"}
    assert AuditEntry.objects.filter(action="campaign.demand_changed").exists()


def test_a_demand_with_bad_input_stores_nothing(signed_in, campaign):
    response = signed_in.post(
        manage(campaign, "demands/"),
        {"text": "", "language": "en", "position": 0, "text_es": "x" * 600},
    )
    assert response.status_code == 400
    assert not CommonDemand.objects.exists()


def test_a_coordinator_sets_a_cell_of_the_matrix(signed_in, campaign):
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    url = manage(campaign, f"matrix/{dispute.pk}/{demand.pk}/")
    assert signed_in.get(url).status_code == 200
    response = signed_in.post(
        url,
        {
            "adopted": "on",
            "status": "won",
            "date": "2026-04-01",
            "source_url": "https://example.org/won",
        },
    )
    assert response.status_code == 302
    cell = DemandAdoption.objects.get()
    assert (cell.adopted, cell.status, str(cell.date)) == (True, "won", "2026-04-01")


@pytest.mark.parametrize(
    "data",
    [
        {"adopted": "on", "status": ""},
        {"status": "won"},
        {"date": "2026-04-01"},
        {"adopted": "on", "status": "won", "date": "yesterday"},
        {"adopted": "on", "status": "won", "source_url": "javascript:alert(1)"},
    ],
)
def test_a_bad_cell_stores_nothing(signed_in, campaign, data):
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    response = signed_in.post(manage(campaign, f"matrix/{dispute.pk}/{demand.pk}/"), data)
    assert response.status_code == 400
    assert not DemandAdoption.objects.exists()


def test_a_cell_of_another_campaign_is_not_found(signed_in, campaign):
    other = make_campaign(title="Another")
    dispute = dispute_in("DE")
    join(other, dispute)
    demand = add_demand(other)
    response = signed_in.post(
        manage(campaign, f"matrix/{dispute.pk}/{demand.pk}/"), {"adopted": "on", "status": "won"}
    )
    assert response.status_code == 404
    assert not DemandAdoption.objects.exists()


def test_a_coordinator_invites_another_who_accepts(signed_in, campaign):
    response = signed_in.post(manage(campaign, "invite/"), {"email": "new@example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(role=COORDINATOR)
    email = OutboxEmail.objects.get(address="new@example.org")
    assert email.subject == "Coordinate the campaign Aurora car workers"
    assert "/invitations/" in email.body and "Aurora car workers" in email.body
    newcomer = factories.make_user(email="new@example.org")
    invitation_accept(invitation=invitation, user=newcomer)
    assert campaign.coordinators.filter(pk=newcomer.pk).exists()
    # The address never goes into the audit log.
    assert not AuditEntry.objects.filter(data__icontains="new@example.org").exists()


def test_the_manage_page_shows_the_matrix_with_links_to_change_each_cell(signed_in, campaign):
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    adopt(campaign, dispute, demand)
    page = signed_in.get(manage(campaign)).content.decode()
    assert f"/manage/matrix/{dispute.pk}/{demand.pk}/" in page


def test_the_invitation_page_says_what_coordinating_a_campaign_is(client, campaign):
    _invitation, raw = invitation_create(
        role=COORDINATOR, target=campaign, email="later@example.org", by=None
    )
    page = client.get(f"/invitations/{raw}/").content.decode()
    assert "Coordinate a campaign" in page
    assert "You are invited to coordinate the campaign" in page
    assert campaign.get_absolute_url() in page
