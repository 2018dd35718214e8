"""`picketline demo-campaigns`: the car-industry campaign across five countries, loaded once,
with a matrix of varied statuses and level 4 showing."""

import pytest
from django.conf import settings
from django.core.management import call_command

from picketline.campaigns.models import Campaign, DemandAdoption
from picketline.campaigns.selectors import campaign_matrix, campaign_one_struggle
from picketline.disputes.models import Dispute
from picketline.solidarity.levels.selectors import solidarity_level
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_loads_the_campaign_once(client):
    call_command("demo_campaigns")
    counts = (Campaign.objects.count(), Dispute.objects.count(), DemandAdoption.objects.count())
    call_command("demo_campaigns")
    assert (
        (
            Campaign.objects.count(),
            Dispute.objects.count(),
            DemandAdoption.objects.count(),
        )
        == counts
        == (1, 5, 20)
    )

    campaign = Campaign.objects.get()
    assert campaign.is_demo
    matrix = campaign_matrix(campaign, language="es")
    assert matrix.countries == ["BR", "DE", "ES", "KR", "ZA"]
    statuses = {cell.status or "not adopted" for row in matrix.rows for cell in row.cells}
    assert statuses == {"raised", "won", "partly_won", "lost", "not adopted"}
    # Every demand is translated into Spanish and into the languages of the other plants'
    # neighbours, Farsi (right to left) among them; only into content languages.
    assert not any(item.fallback for item in matrix.demands)
    for demand in campaign.demands.all():
        languages = {t.language for t in demand.translations.all()}
        assert languages >= {"es", "ar", "fr", "it", "ko", "id", "fa"}, demand.text
        assert languages <= {code for code, _name in settings.CONTENT_LANGUAGES}
    farsi = campaign_matrix(campaign, language="fa")
    assert not any(item.fallback for item in farsi.demands)
    assert {(item.shown.language, item.direction) for item in farsi.demands} == {("fa", "rtl")}
    struggle = campaign_one_struggle(campaign.pk)
    assert struggle.countries == ["BR", "DE", "ES"]
    for dispute in campaign.disputes.all():
        assert solidarity_level(dispute).level == 4
    page = client.get(campaign.get_absolute_url())
    assert page.status_code == 200


def test_it_reuses_the_registrys_disputes_made_before():
    call_command("demo_campaigns")
    Campaign.objects.all().delete()
    call_command("demo_campaigns")
    assert Dispute.objects.count() == 5


def test_the_demo_coordinator_login_coordinates_it():
    coordinator = factories.make_user(username="coordinator")
    call_command("demo_campaigns")
    assert Campaign.objects.get().coordinators.get() == coordinator
