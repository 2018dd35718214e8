"""The public pages: the list with its filters, the map view, a campaign's page (demands in
the reader's language with a note when they fall back, the matrix as an accessible table,
the map's points, the timeline) and its feeds; the sections on a dispute's and an
organisation's page."""

import datetime as dt
import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from picketline.campaigns import services
from picketline.disputes.services import dispute_update
from tests import factories
from tests.campaigns.helpers import add_demand, adopt, dispute_in, join, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    campaign = make_campaign(
        title="Aurora car workers", summary="One struggle.", sectors=["manufacturing"]
    )
    berlin = dispute_in("DE", title="Berlin plant strike")
    valencia = dispute_in("ES", title="Valencia plant strike")
    join(campaign, berlin, valencia)
    pay = add_demand(campaign, "Equal pay", position=1, translations={"es": "Igualdad salarial"})
    jobs = add_demand(campaign, "Permanent jobs", position=2)
    adopt(campaign, berlin, pay, "won", date=dt.date(2026, 3, 2))
    adopt(campaign, valencia, jobs, "partly_won")
    day = factories.make_day_of_action(title="Aurora global day", disputes=[berlin])
    return {"campaign": campaign, "berlin": berlin, "valencia": valencia, "day": day}


def test_the_page_shows_the_matrix_as_a_table_with_words_and_symbols(client, world):
    page = client.get(world["campaign"].get_absolute_url()).content.decode()
    assert '<table class="campaign-matrix__table">' in page
    assert '<th scope="col"' in page and '<th scope="row"' in page
    assert 'role="region"' in page and 'tabindex="0"' in page
    # Status as words beside a symbol, never colour alone.
    assert "✔</span> Won" in page
    assert "◐</span> Partly won" in page
    assert "Not adopted" in page
    assert "Germany" in page and "Spain" in page


def test_the_page_shows_demands_in_the_readers_language_with_a_note_on_fallback(client, world):
    with translation.override("es"):
        page = client.get(
            world["campaign"].get_absolute_url(), headers={"accept-language": "es"}
        ).content.decode()
    assert '<span lang="es" dir="ltr">Igualdad salarial</span>' in page
    # Not translated into Spanish: the original, saying so.
    assert '<span lang="en" dir="ltr">Permanent jobs</span>' in page
    with translation.override("es"):
        note = gettext("(not translated into your language yet: shown as written)")
    assert note != "(not translated into your language yet: shown as written)"
    assert page.count(note) == 1
    english = client.get(world["campaign"].get_absolute_url()).content.decode()
    assert "Equal pay" in english and "not translated into your language" not in english


def test_the_page_has_the_map_points_and_the_timeline(client, world):
    response = client.get(world["campaign"].get_absolute_url())
    page = response.content.decode()
    points = json.loads(
        page.split('id="campaign-points" type="application/json">')[1].split("<")[0]
    )
    assert {p["title"] for p in points} == {"Berlin plant strike", "Valencia plant strike"}
    assert "campaigns-map.js" in page
    assert "Aurora global day" in page
    assert world["campaign"].slug + ".atom" in page and world["campaign"].slug + ".ics" in page


def test_the_list_filters_by_status_sector_country_and_words(client, world):
    other = make_campaign(title="Hospital cleaners", status="won", sectors=["health"])
    join(other, dispute_in("GB"))

    def titles(query):
        response = client.get(f"/campaigns/?{query}")
        assert response.status_code == 200
        return [c.title for c in response.context["page"].object_list]

    assert titles("") == ["Hospital cleaners", "Aurora car workers"]
    assert titles("status=won") == ["Hospital cleaners"]
    assert titles("sector=manufacturing") == ["Aurora car workers"]
    assert titles("country=es") == ["Aurora car workers"]
    assert titles("q=cleaners") == ["Hospital cleaners"]


def test_the_list_refuses_bad_filters(client, world):
    response = client.get("/campaigns/?country=Spain&status=maybe")
    assert response.status_code == 400
    assert "two-letter country code" in response.content.decode()


def test_the_map_view_lists_every_campaigns_disputes(client, world):
    page = client.get("/campaigns/map/").content.decode()
    assert "Berlin plant strike" in page and "Aurora car workers" in page
    assert 'id="campaign-map"' in page


def test_the_atom_feed_and_calendar_list_the_joint_actions(client, world):
    slug = world["campaign"].slug
    atom = client.get(f"/campaigns/{slug}.atom")
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Day of action: Aurora global day" in atom.content.decode()
    ics = client.get(f"/campaigns/{slug}.ics")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    body = ics.content.decode()
    assert "BEGIN:VCALENDAR" in body and "Aurora global day" in body
    assert client.get("/campaigns/nothing.ics").status_code == 404


def test_a_dispute_page_names_its_campaigns(client, world):
    page = client.get(world["berlin"].get_absolute_url()).content.decode()
    assert 'id="dispute-campaigns-heading"' in page
    assert world["campaign"].get_absolute_url() in page


def test_an_organisation_page_names_the_campaigns_it_takes_part_in_or_is_targeted_by(client, world):
    union = factories.make_organisation(name="Metal union", kind="union", country="DE")
    parent = factories.make_organisation(name="Aurora Group", kind="employer", country="")
    subsidiary = factories.make_organisation(name="Aurora Spain", kind="employer", country="ES")
    group = services.employer_group_save(by=None, parent=parent, subsidiaries=[subsidiary])
    services.campaign_update(
        campaign=world["campaign"], by=None, organisations=[union], targets=[group]
    )
    for organisation in (union, parent, subsidiary):
        page = client.get(organisation.get_absolute_url()).content.decode()
        assert world["campaign"].get_absolute_url() in page, organisation.name
    page = client.get(world["campaign"].get_absolute_url()).content.decode()
    assert "Aurora Spain" in page and "Metal union" in page


def test_a_campaign_that_does_not_exist_is_not_found(client):
    assert client.get("/campaigns/nothing/").status_code == 404


def test_the_page_kept_in_the_cache_follows_every_change(client, world):
    campaign, berlin = world["campaign"], world["berlin"]
    url = campaign.get_absolute_url()
    assert "Equal pay" in client.get(url).content.decode()
    demand = campaign.demands.get(text="Equal pay")
    services.common_demand_save(
        campaign=campaign,
        by=None,
        demand=demand,
        text="Equal pay now",
        language="en",
        position=1,
        translations={},
    )
    services.demand_adoption_set(
        campaign=campaign, dispute=berlin, demand=demand, by=None, adopted=True, status="lost"
    )
    # A change in the registry (a dispute's title) and in the events (a new day of action).
    dispute_update(dispute=berlin, title="Berlin engine plant strike")
    factories.make_day_of_action(title="Second day", disputes=[berlin])
    page = client.get(url).content.decode()
    assert "Equal pay now" in page
    assert "✖</span> Lost" in page
    assert "Berlin engine plant strike" in page
    assert "Second day" in page
