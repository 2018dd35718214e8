"""The map's data, built from plain rows for speed, is byte for byte what the models say.

The reference below is the straightforward way: model instances, `reverse()` and
`get_FOO_display()` per site, related names read per dispute. It is slow and obviously right;
`features()` must give exactly its document, each Feature encoded as `orjson.dumps` encodes it.
"""

import datetime as dt
import importlib
from urllib.parse import quote

import orjson
import pytest
from django.core.cache import cache
from django.db.models import F
from django.http import QueryDict
from django.urls import reverse

from picketline.core.geo import distance_km_expression
from picketline.disputes import services
from picketline.disputes.feeds.common import dispute_path_builder
from picketline.disputes.filtering import filters_from_query
from picketline.disputes.filters import Sort
from picketline.disputes.models import Site
from picketline.disputes.selectors import dispute_feed_search
from tests import factories

pytestmark = pytest.mark.django_db

# The package exports the view under the module's name.
geojson = importlib.import_module("picketline.disputes.feeds.geojson")

URL = "/disputes.geojson"

QUERIES = [
    "",
    "status=active,announced,ended,balloting,suspended",
    "status=active,announced,ended&sort=start",
    "near=53.80,-1.55&radius_km=300",
    "near=53.80,-1.55&radius_km=300&sort=newest",
    "status=ended",
]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _organisation(name, kind):
    return factories.make_organisation(name=name, kind=kind)


@pytest.fixture
def registry():
    """Disputes that differ in every way the map's data can: several sites (one without a name,
    one far away), several or no employers and unions, shared organisations, each status,
    sensitive or not, and optional fields missing."""
    acme = _organisation("Acme Logistics", "employer")
    council = _organisation("Borough Council", "employer")
    unite = _organisation("Unite", "union")
    gmb = _organisation("GMB", "union")
    today = dt.date(2026, 12, 1)

    national = factories.make_dispute(
        title="National bus strike",
        employer=acme,
        union=unite,
        kind="strike",
        sector="transport",
        workers_involved=1200,
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=20),
        verification="union",
    )
    national.employers.add(council)
    national.unions.add(gmb)
    services.site_create(
        dispute=national, name="", city="York", region="North Yorkshire", country="GB",
        latitude=53.9591, longitude=-1.0815,
    )  # fmt: skip
    services.site_create(
        dispute=national, name="Depot «Nord»", city="Lille", country="FR",
        latitude=50.6292, longitude=3.0573,
    )  # fmt: skip
    factories.make_dispute(
        title="Grève des éboueurs — Café",
        status="announced",
        kind="walkout",
        start_date=None,
        employer=council,
        lat=53.801277,
        lon=-1.548567,
    )
    factories.make_dispute(
        title="Hidden cleaners' strike",
        status="active",
        sensitive=True,
        union=gmb,
        sector="administrative",
        workers_involved=None,
        lat=53.4808,
        lon=-2.2426,
        city="Manchester",
    )
    factories.make_dispute(
        title="Lockout at the mill",
        status="ended",
        kind="lockout",
        employer=acme,
        union=unite,
        start_date=today - dt.timedelta(days=400),
        end_date=today - dt.timedelta(days=300),
        lat=53.7457,
        lon=-0.3367,
        city="Hull",
    )
    factories.make_dispute(
        title="Balloting nurses", status="balloting", sector="health", start_date=today
    )
    factories.make_dispute(title="Suspended action", status="suspended", start_date=None)
    factories.make_dispute(
        title="Overtime ban", kind="overtime_ban", start_date=today - dt.timedelta(days=1)
    )


def _reference(query: str) -> list[dict]:
    """The features the straightforward way: one instance per site, per-row lookups."""
    filters = filters_from_query(QueryDict(query))
    disputes = dispute_feed_search(filters=filters).order_by().values("pk")
    sites = Site.objects.filter(dispute__in=disputes).select_related("dispute")
    if filters.point is not None:
        lat, lon = filters.point
        sites = sites.annotate(
            distance_km=distance_km_expression(lat, lon, "public_latitude", "public_longitude")
        ).filter(distance_km__lte=filters.radius_km)
    if filters.sort == Sort.DISTANCE:
        sites = sites.order_by("distance_km", "dispute_id", "id")
    elif filters.sort == Sort.START:
        sites = sites.order_by(F("dispute__start_date").desc(nulls_last=True), "-dispute_id", "id")
    else:
        sites = sites.order_by("-dispute__created_at", "-dispute_id", "id")
    result = []
    for site in sites:
        dispute = site.dispute
        employers = sorted(dispute.employers.all(), key=lambda o: (o.name, o.pk))
        unions = sorted(dispute.unions.all(), key=lambda o: (o.name, o.pk))
        properties = {
            "dispute_id": dispute.pk,
            "slug": dispute.slug,
            "title": dispute.title,
            "url": reverse("disputes:detail", kwargs={"slug": dispute.slug}),
            "status": dispute.status,
            "status_label": dispute.get_status_display(),
            "kind": dispute.kind,
            "kind_label": dispute.get_kind_display(),
            "sector": dispute.sector,
            "sector_label": dispute.get_sector_display(),
            "employers": [o.name for o in employers],
            "unions": [o.name for o in unions],
            "start_date": dispute.start_date.isoformat() if dispute.start_date else None,
            "end_date": dispute.end_date.isoformat() if dispute.end_date else None,
            "workers_involved": dispute.workers_involved,
            "verification": dispute.verification,
            "verification_label": dispute.get_verification_display(),
            "sensitive": dispute.sensitive,
            "site_id": site.pk,
            "site_name": None if dispute.sensitive else site.name,
            "city": site.city,
            "region": site.region,
            "country": site.country,
        }
        if filters.point is not None:
            properties["distance_km"] = round(site.distance_km, 3)
        result.append(
            {
                "type": "Feature",
                "id": site.pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(site.public_longitude, 6),
                        round(site.public_latitude, 6),
                    ],
                },
                "properties": properties,
            }
        )
    return result


@pytest.mark.parametrize("query", QUERIES)
def test_it_gives_exactly_the_features_of_the_model_instances(registry, query):
    expected = _reference(query)
    assert expected  # every query shows something of the registry above
    built = list(geojson.features(filters=filters_from_query(QueryDict(query))))
    assert built == [orjson.dumps(feature) for feature in expected]


@pytest.mark.parametrize("query", QUERIES)
def test_the_streamed_body_is_the_reference_document_byte_for_byte(client, registry, query):
    body = client.get(f"{URL}?{query}").getvalue()
    expected = {"type": "FeatureCollection", "features": _reference(query)}
    assert body == orjson.dumps(expected)


def test_the_reference_covers_what_varies(registry):
    features = _reference(QUERIES[1])
    properties = [feature["properties"] for feature in features]
    assert {p["status"] for p in properties} == {
        "active",
        "announced",
        "ended",
        "balloting",
        "suspended",
    }
    assert ["Acme Logistics", "Borough Council"] in [p["employers"] for p in properties]
    assert ["GMB", "Unite"] in [p["unions"] for p in properties]
    assert [] in [p["unions"] for p in properties]
    assert None in [p["start_date"] for p in properties]
    assert None in [p["workers_involved"] for p in properties]
    assert "" in [p["sector"] for p in properties]
    assert None in [p["site_name"] for p in properties]  # the sensitive dispute's
    assert "" in [p["site_name"] for p in properties]
    assert "%" in "".join(p["url"] for p in properties)  # a slug quoted in its address
    assert len({p["site_id"] for p in properties}) == len({p["dispute_id"] for p in properties}) + 2


@pytest.fixture
def interleaved():
    """Sorted by distance from Leeds, the sites of one dispute are not consecutive: its Leeds
    site, then another dispute's in York, then its Manchester site."""
    unite = _organisation("Unite", "union")
    spread = factories.make_dispute(
        title="Two-city strike", union=unite, lat=53.8008, lon=-1.5491, city="Leeds"
    )
    services.site_create(
        dispute=spread, name="Depot", city="Manchester", country="GB",
        latitude=53.4808, longitude=-2.2426,
    )  # fmt: skip
    factories.make_dispute(title="York strike", lat=53.9591, lon=-1.0815, city="York")


@pytest.mark.parametrize(
    "query", ["near=53.80,-1.55&radius_km=100", "near=53.80,-1.55&radius_km=100&sort=newest"]
)
def test_it_gives_exactly_the_features_when_a_disputes_sites_are_apart(interleaved, query):
    expected = _reference(query)
    if "sort" not in query:
        assert [f["properties"]["city"] for f in expected] == ["Leeds", "York", "Manchester"]
    built = list(geojson.features(filters=filters_from_query(QueryDict(query))))
    assert built == [orjson.dumps(feature) for feature in expected]


@pytest.mark.parametrize("query", ["", "near=53.80,-1.55&radius_km=300"])
def test_it_reads_sites_employers_and_unions_in_three_queries(
    django_assert_num_queries, registry, query
):
    filters = filters_from_query(QueryDict(query))
    with django_assert_num_queries(3):
        built = list(geojson.features(filters=filters))
    assert len(built) >= 4


@pytest.mark.parametrize(
    "slug", ["bin-strike", "a_b.c~d-9", "grève-des-éboueurs", "حملة", "a b", "x%y", "50/50", ""]
)
def test_a_dispute_path_is_what_reverse_gives(slug):
    """Plain slugs skip quoting; every slug still gets the path `reverse()` would give."""
    path_for = dispute_path_builder()
    expected = reverse("disputes:detail", kwargs={"slug": "marker"}).replace("marker", "{}")
    assert path_for(slug) == expected.format(quote(slug, safe="!$&'()*+,;=/~:@"))
    if slug.isascii() and slug.replace("-", "").replace("_", "").isalnum():
        assert path_for(slug) == reverse("disputes:detail", kwargs={"slug": slug})
