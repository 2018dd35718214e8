"""Demo campaign: the car industry across five countries. A fictional company group with a
subsidiary in each of Germany, Spain, Brazil, South Africa and South Korea, a dispute at each
(made with the registry's services, found again by their import keys), four common demands
written in English with translations into the content languages (`demo_text.py`), a matrix
with every kind of status, and a global day of action in which three of the countries acted
together, so the campaign and its disputes show level 4 of solidarity; and its strategic plan
(`plans/demo.py`), partly published.

Loaded by `picketline demo-campaigns`; safe to re-run: nothing is made twice. The `coordinator`
login of `picketline demo`, when it exists, coordinates the campaign. Every company,
union and dispute here is fictional and marked `is_demo`.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from picketline.campaigns import services
from picketline.campaigns.demo_text import DEMANDS
from picketline.campaigns.models import Campaign
from picketline.campaigns.plans.demo import demo_plan_load
from picketline.disputes import services as registry
from picketline.disputes.models import Dispute
from picketline.events.days.services import day_of_action_create
from picketline.organisations.models import Organisation

DEMO_CAMPAIGN = "One Aurora: car workers across five countries (demo)"
DEMO_GROUP = "Aurora Motors Group (demo)"


@dataclass(frozen=True)
class DemoPlant:
    country: str
    company: str
    union: str
    title: str
    city: str
    lat: float
    lon: float
    tz: str
    language: str
    description: str
    # Where the plant stands on each of the four common demands: (status, days ago) or None
    # when it has not adopted it.
    cells: tuple


PLANTS = (
    DemoPlant(
        "DE",
        "Aurora Motors Deutschland (demo)",
        "Metal Workers' Union Lower Saxony (demo)",
        "Aurora Braunschweig: warning strikes for the electric switch (demo)",
        "Braunschweig",
        52.2689,
        10.5268,
        "Europe/Berlin",
        "de",
        "Warnstreiks im Motorenwerk: keine Werksschließung beim Umstieg auf Elektroautos.",
        (("won", 40), ("partly_won", 25), ("won", 90), ("raised", 10)),
    ),
    DemoPlant(
        "ES",
        "Aurora Motors España (demo)",
        "Metal Federation Valencia (demo)",
        "Aurora Almussafes: strike against agency work (demo)",
        "Almussafes",
        39.2903,
        -0.4147,
        "Europe/Madrid",
        "es",
        "Huelga en la planta de montaje contra la precariedad y la subcontratación.",
        (("partly_won", 20), ("raised", 30), ("won", 60), ("raised", 15)),
    ),
    DemoPlant(
        "BR",
        "Aurora Motores do Brasil (demo)",
        "Metalworkers of the ABC (demo)",
        "Aurora São Bernardo: stoppage over layoffs (demo)",
        "São Bernardo do Campo",
        -23.6914,
        -46.5646,
        "America/Sao_Paulo",
        "pt",
        "Paralisação contra as demissões em massa na fábrica de São Bernardo.",
        (("raised", 12), ("lost", 50), ("raised", 35), ("partly_won", 8)),
    ),
    DemoPlant(
        "ZA",
        "Aurora Motors South Africa (demo)",
        "Automotive Workers' Union Eastern Cape (demo)",
        "Aurora Gqeberha: living wage strike (demo)",
        "Gqeberha",
        -33.9608,
        25.6022,
        "Africa/Johannesburg",
        "en",
        "Assembly workers strike for a living wage and permanent jobs for labour-broker staff.",
        (("raised", 14), ("raised", 14), None, ("raised", 5)),
    ),
    DemoPlant(
        "KR",
        "Aurora Motors Korea (demo)",
        "Korean Metal Workers' Union Ulsan (demo)",
        "Aurora Ulsan: partial strikes of subcontracted workers (demo)",
        "Ulsan",
        35.5384,
        129.3114,
        "Asia/Seoul",
        "ko",
        "사내하청 노동자들이 정규직 전환을 요구하며 부분파업에 들어갔다.",
        (None, ("raised", 20), ("raised", 20), None),
    ),
)

NETWORK = "Auto Workers' International Network (demo)"
DEMO_COORDINATOR = "coordinator"


def _organisation(name: str, kind: str, country: str) -> Organisation:
    return registry.organisation_get_or_create(name=name, kind=kind, country=country, is_demo=True)


def _dispute(plant: DemoPlant, employer: Organisation, union: Organisation) -> Dispute:
    key = f"demo-campaign-{plant.country.lower()}"
    found = Dispute.objects.filter(source_key=key).first()
    if found is not None:
        return found
    dispute = registry.dispute_create(
        title=plant.title,
        employers=[employer],
        unions=[union],
        demands=["pay", "job_security"],
        kind="strike",
        status="active",
        sector="manufacturing",
        description=plant.description,
        language=plant.language,
        start_date=timezone.localdate() - dt.timedelta(days=30),
        verification="union",
        source_key=key,
        is_demo=True,
    )
    registry.site_create(
        dispute=dispute,
        name=f"{plant.city} plant",
        city=plant.city,
        country=plant.country,
        latitude=plant.lat,
        longitude=plant.lon,
        precision="city",
        timezone=plant.tz,
    )
    return dispute


@transaction.atomic
def demo_campaigns_load() -> bool:
    """Loads the demo campaign unless it is there. Returns whether anything was loaded (a
    campaign loaded before plans existed gets its plan)."""
    campaign = Campaign.objects.filter(title=DEMO_CAMPAIGN, is_demo=True).first()
    if campaign is not None:
        return demo_plan_load(campaign, coordinator=campaign.coordinators.first())
    parent = _organisation(DEMO_GROUP, Organisation.Kind.EMPLOYER, "")
    plants = []
    for plant in PLANTS:
        company = _organisation(plant.company, Organisation.Kind.EMPLOYER, plant.country)
        union = _organisation(plant.union, Organisation.Kind.UNION, plant.country)
        plants.append((plant, company, _dispute(plant, company, union)))
    group = services.employer_group_save(
        by=None, parent=parent, name=DEMO_GROUP, subsidiaries=[c for _p, c, _d in plants]
    )
    network = _organisation(NETWORK, Organisation.Kind.INTERNATIONAL, "")
    unions = [
        _organisation(plant.union, Organisation.Kind.UNION, plant.country) for plant in PLANTS
    ]
    campaign = services.campaign_create(
        by=None,
        title=DEMO_CAMPAIGN,
        language="en",
        summary=(
            "Car workers at the five plants of the Aurora group bargain as one: the same four "
            "demands in Germany, Spain, Brazil, South Africa and South Korea, won plant by "
            "plant, and days of action on the same day across the group."
        ),
        status="active",
        sectors=["manufacturing"],
        organisations=[network, *unions],
        targets=[group],
        is_demo=True,
    )
    demands = [
        services.common_demand_save(
            campaign=campaign,
            by=None,
            text=text,
            language="en",
            position=n,
            translations=translations,
        )
        for n, (text, translations) in enumerate(DEMANDS, start=1)
    ]
    today = timezone.localdate()
    for plant, _company, dispute in plants:
        services.campaign_dispute_add(campaign=campaign, dispute=dispute, by=None)
        for demand, cell in zip(demands, plant.cells, strict=True):
            if cell is None:
                services.demand_adoption_set(
                    campaign=campaign, dispute=dispute, demand=demand, by=None, adopted=False
                )
                continue
            status, days_ago = cell
            services.demand_adoption_set(
                campaign=campaign,
                dispute=dispute,
                demand=demand,
                by=None,
                adopted=True,
                status=status,
                date=today - dt.timedelta(days=days_ago),
                source_url="https://example.org/aurora-demo",
            )
    # Germany, Spain and Brazil, which have adopted all four demands, acted together on one
    # day; South Africa joins the next one, still to come.
    acted = [dispute for plant, _c, dispute in plants if all(plant.cells)]
    past = day_of_action_create(
        title="Aurora global day of action (demo)",
        call="One day, every plant: stoppages and rallies at the gates for the four demands.",
        language="en",
        starts_on=today - dt.timedelta(days=7),
        ends_on=today - dt.timedelta(days=7),
        organiser_name=NETWORK,
        organisation=network,
        disputes=acted,
        publish=True,
        is_demo=True,
    )
    coming = day_of_action_create(
        title="Aurora shareholders' meeting: pickets at every plant (demo)",
        call="On the day of the shareholders' meeting, pickets at every plant of the group.",
        language="en",
        starts_on=today + dt.timedelta(days=21),
        ends_on=today + dt.timedelta(days=21),
        organiser_name=NETWORK,
        organisation=network,
        disputes=[dispute for _p, _c, dispute in plants],
        publish=True,
        is_demo=True,
    )
    campaign.days_of_action.add(past, coming)
    # The `coordinator` login of `picketline demo`, when there is one, coordinates it.
    coordinator = get_user_model().objects.filter(username=DEMO_COORDINATOR).first()
    if coordinator is not None:
        campaign.coordinators.add(coordinator)
    demo_plan_load(campaign, coordinator=coordinator)
    return True
