"""The public organisations pages: the list (groups, not employers, unless asked), an
organisation's page (who they are, the demands in the reader's language, chapters on a map,
counts, what other rooms add through hooks) and a chapter's page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.organisations import hooks
from picketline.organisations.models import Organisation
from picketline.organisations.services import demand_save, organisation_update
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    network = factories.make_organisation(name="Riders Network", kind=Organisation.Kind.NETWORK)
    organisation_update(
        organisation=network,
        by=None,
        summary="Couriers organising across cities.",
        description="We are couriers.",
    )
    demand_save(
        organisation=network,
        by=None,
        text="Pay for waiting time",
        language="en",
        position=1,
        translations={"es": "Pago por el tiempo de espera"},
    )
    demand_save(
        organisation=network, by=None, text="Sick pay", language="en", position=2, translations={}
    )
    factories.make_chapter(
        network,
        name="Leeds",
        meeting_week="first",
        meeting_weekday=1,
        meeting_time=dt.time(19),
        meeting_place="Trades Club",
    )
    factories.make_chapter(network, name="Madrid", lat=40.4168, lon=-3.7038, zone="Europe/Madrid")
    return network


def test_the_list_shows_groups_and_leaves_employers_out_unless_asked(client, network):
    factories.make_organisation(name="Acme Couriers Ltd", kind="employer")
    page = client.get("/organisations/").content.decode()
    assert f'href="/organisations/{network.slug}/"' in page
    assert "2 chapters" in page
    assert "Acme Couriers Ltd" not in page
    employers = client.get("/organisations/?kind=employer").content.decode()
    assert "Acme Couriers Ltd" in employers and "Riders Network" not in employers


def test_the_list_filters_by_kind_country_and_words(client, network):
    factories.make_organisation(name="Leeds Trades Council", kind="cross_union", country="GB")
    factories.make_organisation(name="CGT", kind="union", country="ES")
    assert "CGT" in client.get("/organisations/?country=es").content.decode()
    page = client.get("/organisations/?kind=cross_union&q=leeds").content.decode()
    assert "Leeds Trades Council" in page and "Riders Network" not in page and "CGT" not in page
    bad = client.get("/organisations/?country=Spain&kind=club")
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {"country", "kind"}


def test_the_page_says_who_they_are_with_demands_in_the_readers_language(client, network):
    page = client.get(network.get_absolute_url(), headers={"Accept-Language": "es"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Couriers organising across cities." in body
    assert '<li lang="es" dir="auto">Pago por el tiempo de espera</li>' in body
    # Not translated: shown as written, saying so.
    assert '<li lang="en" dir="auto">Sick pay</li>' in body


def test_the_page_maps_the_chapters_and_counts_them(client, network):
    response = client.get(network.get_absolute_url())
    body = response.content.decode()
    points = response.context["chapter_points"]
    assert [point["name"] for point in points] == ["Leeds", "Madrid"]
    assert set(points[0]) == {"name", "place", "lat", "lon", "url"}
    assert 'id="chapters-map"' in body and "js/organisations-map.js" in body
    assert "<dt>Chapters</dt><dd>2</dd>" in body
    assert f"/organisations/{network.slug}/chapters/start/" in body


def test_other_rooms_add_sections_and_counts_through_hooks(client, network):
    union = factories.make_organisation(name="Riders Union", kind="union")
    branch = factories.make_organisation(name="Riders Union Leeds", kind="union_branch")
    organisation_update(organisation=branch, by=None, parent=union)
    factories.make_dispute(title="Couriers walk out", union=branch)
    factories.make_event(
        title="Riders assembly", organiser=factories.make_user(), organisation=union
    )
    body = client.get(union.get_absolute_url()).content.decode()
    assert "Disputes we support" in body and "Couriers walk out" in body
    assert "Upcoming events" in body and "Riders assembly" in body
    assert "Riders Union Leeds" in body  # its branches

    hooks.organisation_count_register(
        hooks.OrganisationCount(key="test-members", count=lambda o: 1234, label=lambda n: "members")
    )
    hooks.organisation_section_register(
        hooks.OrganisationSection(
            key="test-join",
            page=hooks.PUBLIC,
            slot=hooks.ACTIONS,
            template="organisations/public/no_chapters.html",
            context=lambda request, organisation: {"organisation": organisation},
        )
    )
    try:
        response = client.get(network.get_absolute_url())
        body = response.content.decode()
        assert "<dt>members</dt><dd>1,234</dd>" in body
        assert "test-join" in [s.key for s in response.context["action_sections"]]
    finally:
        hooks._COUNTS.pop("test-members")
        hooks._SECTIONS.pop("public:test-join")


def test_the_page_queries_do_not_grow_with_the_chapters(client, network):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(network.get_absolute_url()).status_code == 200
        return len(captured)

    # Counted on the second request each time, as a running site serves them (parts of the page
    # are kept in the cache under data versions).
    queries()
    before = queries()
    for n in range(5):
        factories.make_chapter(network, name=f"Extra {n}", lat=50 + n, lon=n)
    queries()
    assert queries() == before


def test_a_chapters_page_says_where_and_when_it_meets(client, network):
    chapter = network.chapters.get(name="Leeds")
    body = client.get(chapter.get_absolute_url()).content.decode()
    assert "First Tuesday of the month, 19:00" in body
    assert "Europe/London time" in body and "Trades Club" in body
    assert 'class="chapter-next-meeting"' in body
    madrid = client.get(network.chapters.get(name="Madrid").get_absolute_url()).content.decode()
    assert "No regular meeting yet." in madrid


def test_an_unknown_organisation_or_chapter_is_a_404(client, network):
    assert client.get("/organisations/nobody/").status_code == 404
    assert client.get(f"/organisations/{network.slug}/chapters/nowhere/").status_code == 404


def test_the_accounts_pages_still_answer_at_their_addresses(client, network):
    factories.login(client, factories.make_moderator())
    assert client.get("/organisations/manage/").status_code == 200
    assert client.get(f"/organisations/{network.slug}/manage/").status_code == 200


def test_the_disputes_a_union_supports_follow_the_registry_at_once(client):
    from picketline.disputes.models import Dispute

    union = factories.make_organisation(name="Bakers Union", kind="union")
    factories.make_dispute(title="Bakery strike", union=union)
    assert "Bakery strike" in client.get(union.get_absolute_url()).content.decode()
    factories.make_dispute(title="Mill strike", union=union)
    assert "Mill strike" in client.get(union.get_absolute_url()).content.decode()
    Dispute.objects.filter(title="Mill strike").update(title="Flour mill strike")
    page = client.get(union.get_absolute_url()).content.decode()
    assert "Flour mill strike" in page and "Bakery strike" in page
