"""Campaigns for the tests: a campaign with disputes in given countries and its demands."""

from picketline.campaigns import services
from tests import factories

CITIES = {
    "DE": ("Berlin", 52.52, 13.40),
    "ES": ("Valencia", 39.47, -0.38),
    "BR": ("Recife", -8.05, -34.9),
    "FR": ("Lyon", 45.76, 4.84),
    "GB": ("Leeds", 53.80, -1.55),
}


def make_campaign(*, title="Car workers together", by=None, **fields):
    fields.setdefault("language", "en")
    return services.campaign_create(by=by, title=title, **fields)


def dispute_in(country: str, **fields):
    city, lat, lon = CITIES[country]
    return factories.make_dispute(city=city, lat=lat, lon=lon, country=country, **fields)


def join(campaign, *disputes):
    for dispute in disputes:
        services.campaign_dispute_add(campaign=campaign, dispute=dispute, by=None)


def add_demand(campaign, text="Equal pay", *, language="en", position=1, translations=None):
    return services.common_demand_save(
        campaign=campaign,
        by=None,
        text=text,
        language=language,
        position=position,
        translations=translations or {},
    )


def adopt(campaign, dispute, demand, status="raised", **fields):
    return services.demand_adoption_set(
        campaign=campaign,
        dispute=dispute,
        demand=demand,
        by=None,
        adopted=True,
        status=status,
        **fields,
    )
