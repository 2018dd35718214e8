import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from picketline.disputes import services
from tests import factories

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DASH = "\u2013"  # the en dash between two times


def _page(client, dispute):
    response = client.get(dispute.get_absolute_url())
    assert response.status_code == 200
    return response.text


def _next_local(zone: ZoneInfo, hour: int, days_ahead: int = 2) -> dt.datetime:
    day = timezone.now().astimezone(zone).date() + dt.timedelta(days=days_ahead)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=zone)


def test_it_shows_every_public_field(client):
    dispute = factories.make_dispute(
        title="Northgate bus drivers",
        employer="Northgate Buses",
        union="Transport Workers",
        kind="strike",
        outcome="partial",
        sector="transport",
        workers_involved=420,
        workers_approximate=True,
        demands=["pay", "safety"],
        demands_other="Reinstate the sacked rep",
        description="Drivers walk out over pay.\n\nPickets at every depot.",
        language="cy",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 4, 30),
        authorised=True,
        verification="union",
    )
    services.source_create(
        dispute=dispute, url="https://union.example.org/news/1", kind="union", title="Union news"
    )
    html = _page(client, dispute)
    assert "<h1" in html and "Northgate bus drivers</h1>" in html
    assert ">Strike<" in html
    assert ">Active<" in html
    assert "Partly won" in html
    assert "Transport, logistics and warehousing" in html
    assert 'href="/disputes/?employer=northgate-buses"><bdi>Northgate Buses</bdi></a>' in html
    assert 'href="/disputes/?union=transport-workers"><bdi>Transport Workers</bdi></a>' in html
    assert "approximately 420" in html
    assert "<li>Pay</li>" in html and "<li>Health and safety</li>" in html
    assert "Reinstate the sacked rep" in html
    assert re.search(r'<div class="description" lang="cy" dir="auto"><p>Drivers walk out', html)
    assert 'datetime="2026-03-02"' in html and 'datetime="2026-04-30"' in html
    assert "Authorised by the union</dt><dd>Yes" in html
    assert "Union-verified" in html
    assert "Confirmed by a union involved in the dispute." in html
    assert 'href="https://union.example.org/news/1"' in html and "Union news" in html
    assert 'href="/disputes/northgate-bus-drivers.ics"' in html


def test_it_shows_a_picket_shift_in_its_local_time_and_names_the_zone(client):
    dispute = factories.make_dispute(timezone_name="Europe/London")
    start = _next_local(LONDON, 6)
    services.shift_create(
        site=dispute.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        timezone="Europe/London",
        notes="Bring a flask",
    )
    html = _page(client, dispute)
    abbreviation = start.tzname()
    expected = (
        f"{start:%a} {start.day} {start:%b}, 06:00{DASH}09:00 (Europe/London, {abbreviation})"
    )
    assert expected in html
    assert "Bring a flask" in html


def test_it_keeps_the_shift_in_its_own_zone_whatever_the_server_zone(client, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    new_york = ZoneInfo("America/New_York")
    dispute = factories.make_dispute(timezone_name="America/New_York", lat=40.71, lon=-74.0)
    start = _next_local(new_york, 5)
    services.shift_create(
        site=dispute.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2, minutes=30),
        timezone="America/New_York",
    )
    html = _page(client, dispute)
    assert f"05:00{DASH}07:30 (America/New_York, {start.tzname()})" in html


def test_it_expands_a_weekly_picket_over_the_next_two_weeks(client):
    dispute = factories.make_dispute()
    start = _next_local(LONDON, 7, days_ahead=-20)
    services.shift_create(
        site=dispute.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        timezone="Europe/London",
        recurrence="weekly",
        repeat_until=start.date() + dt.timedelta(weeks=10),
    )
    html = _page(client, dispute)
    assert html.count('class="shift"') == 2
    assert html.count(f"07:00{DASH}09:00 (Europe/London") == 2


def test_it_leaves_out_past_and_far_shifts(client):
    dispute = factories.make_dispute()
    for days in (-3, 20):
        start = _next_local(LONDON, 6, days_ahead=days)
        services.shift_create(
            site=dispute.sites.get(),
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            timezone="Europe/London",
        )
    html = _page(client, dispute)
    assert 'class="shift"' not in html
    assert "No picket times have been published for the next two weeks." in html


def test_it_never_shows_the_solidarity_email(client, moderator):
    dispute = factories.make_dispute(solidarity_email="strike-committee@example.org")
    services.dispute_update(
        dispute=dispute, user=moderator, solidarity_email="new-committee@example.org"
    )
    html = _page(client, dispute)
    assert "strike-committee@example.org" not in html
    assert "new-committee@example.org" not in html
    assert "@example.org" not in html


def test_it_shows_public_changes_but_not_private_ones_nor_who_made_them(client, moderator):
    dispute = factories.make_dispute(solidarity_email="committee@example.org")
    services.dispute_update(
        dispute=dispute,
        user=moderator,
        status="ended",
        outcome="won",
        sensitive=True,
        solidarity_email="secret@example.org",
        source_key="import-42",
        reason="Confirmed with the branch secretary Jane Doe",
    )
    html = _page(client, dispute)
    history = html[html.index('id="history-heading"') :]
    assert "Status: <bdi>Active</bdi> → <bdi>Ended</bdi>" in history
    assert "Outcome: <bdi>Unknown</bdi> → <bdi>Won</bdi>" in history
    assert "Added to the registry." in history
    for private in ("secret@example.org", "committee@example.org", "import-42", "Sensitive"):
        assert private not in html
    assert moderator.username not in html
    assert moderator.email not in html
    assert "Jane Doe" not in html


def test_it_says_long_text_changed_without_reprinting_the_old_text(client):
    dispute = factories.make_dispute(description="The first account of events.")
    services.dispute_update(dispute=dispute, description="A corrected account.")
    html = _page(client, dispute)
    assert "The first account of events." not in html
    assert "Description changed" in html


def test_it_hides_where_exactly_a_sensitive_dispute_is(client):
    dispute = factories.make_dispute(sensitive=True, city="Leeds", lat=53.79648, lon=-1.54785)
    services.site_update(site=dispute.sites.get(), address="12 Gate Street")
    site = dispute.sites.get()
    html = _page(client, dispute)
    assert site.name not in html
    assert "12 Gate Street" not in html
    assert "Leeds" in html
    assert "location is approximate" in html
    points = json.loads(re.search(r'id="site-points" type="application/json">(.*?)<', html)[1])
    assert points == [{"lat": 53.8, "lon": -1.5, "label": "Leeds", "approximate": True}]
    assert "53.79648" not in html


def test_it_names_the_site_of_an_ordinary_dispute(client):
    dispute = factories.make_dispute(city="Leeds")
    services.site_update(site=dispute.sites.get(), address="12 Gate Street")
    html = _page(client, dispute)
    assert dispute.sites.get().name in html
    assert "12 Gate Street" in html


def test_it_lists_the_strike_actions_in_their_zone(client):
    dispute = factories.make_dispute()
    start = _next_local(LONDON, 0, days_ahead=5)
    services.action_create(
        dispute=dispute,
        starts_at=start,
        ends_at=start + dt.timedelta(days=1),
        timezone="Europe/London",
        note="All-out strike",
    )
    html = _page(client, dispute)
    assert "Strike day" in html
    assert "All-out strike" in html
    assert f"{start:%a} {start.day} {start:%b}, 00:00 {DASH}" in html


def test_it_answers_an_unknown_slug_with_the_not_found_page(client):
    response = client.get("/disputes/no-such-dispute/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'dir="ltr"' in response.text


def test_it_keeps_its_query_count_flat(client, django_assert_max_num_queries):
    dispute = factories.make_dispute(employer="Acme", union="Union", demands=["pay"])
    site = dispute.sites.get()
    for n in range(4):
        services.site_create(dispute=dispute, latitude=53 + n / 10, longitude=-1.5, city=f"C{n}")
        start = _next_local(LONDON, 6 + n)
        services.shift_create(
            site=site, starts_at=start, ends_at=start + dt.timedelta(hours=1), timezone="UTC"
        )
        services.source_create(dispute=dispute, url=f"https://example.net/{n}")
        services.dispute_update(dispute=dispute, workers_involved=100 + n)
        factories.make_event(title=f"Meeting {n}").disputes.add(dispute)
        factories.make_day_of_action(disputes=[dispute])
    # The list of countries the page names is cached: count a page served after the first.
    _page(client, dispute)
    # 9 for the dispute and its parts, 9 for the solidarity sections (level and connected
    # disputes, messages, funds, picket sign-ups), 3 for events (the joint-action level, the
    # dispute's events and its days of action); none grows with the data.
    with django_assert_max_num_queries(21):
        _page(client, dispute)


def test_what_the_page_keeps_in_the_cache_follows_every_change_at_once(client):
    """The page's fragments are kept under the registry's version: a change to the dispute, a
    site, a source, an action, a demand or an organisation's name shows on the next visit,
    whichever way it was written."""
    from picketline.disputes.choices import ActionKind, Demand, SourceKind
    from picketline.disputes.models import Dispute, DisputeDemand, Site, Source, StrikeAction
    from picketline.organisations.models import Organisation

    dispute = factories.make_dispute(title="Bus drivers", employer="Metro Buses")
    url = dispute.get_absolute_url()

    def page():
        return client.get(url).content.decode()

    assert "Metro Buses" in page()
    Dispute.objects.filter(pk=dispute.pk).update(description="Drivers walked out at dawn.")
    assert "Drivers walked out at dawn." in page()
    Site.objects.filter(dispute=dispute).update(name="Northgate depot")
    assert "Northgate depot" in page()
    Source.objects.create(
        dispute=dispute, url="https://example.org/news", kind=SourceKind.values[0], title="News"
    )
    assert "https://example.org/news" in page()
    starts = timezone.now() + dt.timedelta(days=3)
    StrikeAction.objects.create(
        dispute=dispute,
        kind=ActionKind.values[0],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
        timezone="Europe/London",
        note="Whole network out",
    )
    assert "Whole network out" in page()
    DisputeDemand.objects.create(dispute=dispute, demand=Demand.values[0])
    assert str(Demand.labels[0]) in page()
    Organisation.objects.filter(name="Metro Buses").update(name="Metro Buses Group")
    assert "Metro Buses Group" in page()
