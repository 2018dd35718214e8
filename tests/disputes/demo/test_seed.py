import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from picketline.core.geo import coarsen, haversine_km
from picketline.core.text import normalize_name
from picketline.disputes.choices import DisputeStatus
from picketline.disputes.demo.seeding import seed_disputes
from picketline.disputes.filters import DisputeFilters, Sort
from picketline.disputes.models import Dispute, Site
from picketline.disputes.selectors import dispute_search
from picketline.organisations.models import Organisation
from picketline.places.models import Country, Place

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    """What a seeded registry looks like, independent of database ids."""
    return [
        (
            d.source_key,
            d.title,
            d.status,
            d.start_date,
            d.sensitive,
            tuple(d.employers.values_list("name", flat=True)),
            tuple(d.sites.order_by("id").values_list("latitude", "longitude", "city")),
        )
        for d in Dispute.objects.order_by("source_key")
    ]


def test_it_creates_the_disputes_asked_for_each_with_sites_an_employer_and_a_union():
    report = seed_disputes(count=40, seed=1, batch_size=15)

    assert report.disputes == 40
    assert Dispute.objects.count() == 40
    assert Site.objects.count() == report.sites
    assert {d.source_key for d in Dispute.objects.all()} == {f"seed:{n}" for n in range(1, 41)}
    for dispute in Dispute.objects.prefetch_related("sites", "employers", "unions", "demands"):
        assert dispute.is_demo
        assert 1 <= len(dispute.sites.all()) <= 3
        assert len(dispute.employers.all()) == 1
        assert 1 <= len(dispute.unions.all()) <= 2
        assert 1 <= len(dispute.demands.all()) <= 4
        assert dispute.status in DisputeStatus.values
    assert not Organisation.objects.filter(is_demo=False).exists()


def test_it_publishes_exact_points_unless_the_dispute_is_sensitive():
    seed_disputes(count=80, seed=3)

    sensitive = Site.objects.filter(dispute__sensitive=True)
    assert sensitive.exists()
    for site in sensitive:
        assert (site.public_latitude, site.public_longitude) == coarsen(
            site.latitude, site.longitude
        )
    for site in Site.objects.filter(dispute__sensitive=False):
        assert (site.public_latitude, site.public_longitude) == (site.latitude, site.longitude)


def test_it_fills_the_search_key_as_the_services_do():
    seed_disputes(count=20, seed=4)

    for dispute in Dispute.objects.all():
        names = [o.name for o in dispute.employers.all()] + [o.name for o in dispute.unions.all()]
        expected = normalize_name(" ".join([dispute.title, *names, dispute.description]))
        assert dispute.search_text == expected


def test_seeded_disputes_are_found_by_text_and_near_a_point():
    seed_disputes(count=30, seed=5)
    dispute = Dispute.objects.filter(sensitive=False).order_by("source_key").first()
    employer = dispute.employers.get().name
    site = dispute.sites.order_by("id").first()

    by_text = dispute_search(filters=DisputeFilters(q=employer))
    assert dispute in by_text

    near = list(
        dispute_search(
            filters=DisputeFilters(
                point=(site.latitude, site.longitude), radius_km=1, sort=Sort.DISTANCE
            )
        )
    )
    assert dispute in near
    assert near[0].distance_km == pytest.approx(0, abs=1e-6)


def test_the_same_seed_gives_the_same_disputes_in_any_batch_size():
    today = dt.date(2026, 5, 1)
    seed_disputes(count=25, seed=7, batch_size=25, today=today)
    first = _snapshot()
    Dispute.objects.all().delete()

    seed_disputes(count=10, seed=7, batch_size=4, today=today)
    seed_disputes(count=15, seed=7, batch_size=6, today=today)

    assert _snapshot() == first


def test_another_seed_gives_other_disputes():
    today = dt.date(2026, 5, 1)
    seed_disputes(count=10, seed=1, today=today)
    first = _snapshot()
    Dispute.objects.all().delete()

    seed_disputes(count=10, seed=2, today=today)

    assert [row[1:] for row in _snapshot()] != [row[1:] for row in first]


def test_dates_follow_the_status():
    today = dt.date(2026, 5, 1)
    seed_disputes(count=120, seed=8, today=today)

    for dispute in Dispute.objects.all():
        if dispute.status == DisputeStatus.ANNOUNCED:
            assert dispute.start_date > today
        elif dispute.status in {DisputeStatus.ACTIVE, DisputeStatus.SUSPENDED}:
            assert dispute.start_date <= today
            assert dispute.end_date is None or dispute.end_date >= today
        elif dispute.status == DisputeStatus.ENDED:
            assert dispute.end_date <= today
        if dispute.start_date and dispute.end_date:
            assert dispute.end_date >= dispute.start_date


def test_it_places_sites_around_the_gazetteer_towns_when_the_gazetteer_is_loaded():
    country = Country.objects.create(code="GB", name="United Kingdom", latitude=51.5, longitude=0)
    towns = {
        "Leeds": Place.objects.create(
            geonameid=2644688,
            name="Leeds",
            country=country,
            latitude=53.7965,
            longitude=-1.5478,
            population=455_000,
            timezone="Europe/London",
        ),
        "Hull": Place.objects.create(
            geonameid=2645425,
            name="Hull",
            country=country,
            latitude=53.7446,
            longitude=-0.3352,
            population=260_000,
            timezone="Europe/London",
        ),
    }

    report = seed_disputes(count=30, seed=9)

    assert report.towns_from == "gazetteer"
    for site in Site.objects.all():
        town = towns[site.city]
        assert site.country == "GB"
        assert site.timezone == "Europe/London"
        assert haversine_km(site.latitude, site.longitude, town.latitude, town.longitude) < 40


def test_it_uses_its_own_towns_without_the_gazetteer():
    report = seed_disputes(count=5, seed=1)

    assert report.towns_from == "built-in list"
    assert not Site.objects.filter(city="").exists()


def test_the_command_continues_the_numbering_and_says_what_it_made():
    out = StringIO()
    call_command("seed", disputes=3, seed=1, stdout=out)
    call_command("seed", disputes=2, seed=1, stdout=out)

    assert Dispute.objects.filter(source_key__in=["seed:4", "seed:5"]).count() == 2
    assert "Created 2 disputes (seed:4 onwards)" in out.getvalue()
