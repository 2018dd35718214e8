"""Reads from the registry. Everything public goes through these, so privacy rules live here."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.core.geo import bounding_box, distance_km_expression
from picketline.core.text import normalize_name
from picketline.disputes.choices import DEFAULT_STATUSES
from picketline.disputes.filters import DisputeFilters, Sort
from picketline.disputes.models import (
    Dispute,
    DisputeDemand,
    Site,
)
from picketline.organisations.models import Organisation
from picketline.places.countries import country_names


def dispute_public_queryset() -> QuerySet[Dispute]:
    """Disputes as the public sees them: relations prefetched, private columns left out."""
    return Dispute.objects.defer("solidarity_email", "search_text").prefetch_related(
        Prefetch(
            "employers",
            queryset=Organisation.objects.only("id", "name", "slug", "kind", "parent_id"),
        ),
        Prefetch("unions", queryset=Organisation.objects.only("id", "name", "slug", "kind")),
        "demands",
        Prefetch("sites", queryset=Site.objects.order_by("id")),
    )


# What a result in a list of disputes shows (`disputes/_result.html`, the map's nearest list).
LIST_COLUMNS = (
    "id",
    "slug",
    "title",
    "kind",
    "status",
    "start_date",
    "workers_involved",
    "workers_approximate",
)


def dispute_list_queryset(*, organisations: bool = True) -> QuerySet[Dispute]:
    """Disputes as a list of results shows them, and nothing more.

    The columns in LIST_COLUMNS; the towns and countries of the sites as `listed_sites`
    (a list); with `organisations`, the names of employers and unions as `listed_employers`
    and `listed_unions`. Lists (`to_attr`) rather than the related managers: a manager's
    prefetched queryset is built once per dispute, which cost as much as the query itself.
    Any other column is read with a query of its own, so a page showing more pins its count.
    """
    prefetches = [
        Prefetch(
            "sites",
            queryset=Site.objects.only("id", "dispute_id", "city", "country"),
            to_attr="listed_sites",
        )
    ]
    if organisations:
        prefetches += [
            Prefetch(
                "employers",
                queryset=Organisation.objects.only("id", "name"),
                to_attr="listed_employers",
            ),
            Prefetch(
                "unions",
                queryset=Organisation.objects.only("id", "name"),
                to_attr="listed_unions",
            ),
        ]
    return Dispute.objects.only(*LIST_COLUMNS).prefetch_related(*prefetches)


def _organisation_q(prefix: str, value: str) -> Q:
    # ASCII digits only: "¹" is a digit to isdigit() but not to int().
    if value.isascii() and value.isdigit():
        return Q(**{f"{prefix}__id": int(value)})
    return Q(**{f"{prefix}__slug": value}) | Q(**{f"{prefix}__name__iexact": value})


def dispute_search(*, filters: DisputeFilters, queryset: QuerySet | None = None) -> QuerySet:
    """Disputes matching the filters, sorted as asked.

    With `filters.point` set, only disputes with a site within `radius_km` are kept and each is
    annotated with `distance_km` to its nearest site.
    """
    qs = dispute_public_queryset() if queryset is None else queryset
    if filters.statuses:
        qs = qs.filter(status__in=filters.statuses)
    if filters.kinds:
        qs = qs.filter(kind__in=filters.kinds)
    if filters.sectors:
        qs = qs.filter(sector__in=filters.sectors)
    if filters.countries:
        qs = qs.filter(
            pk__in=Site.objects.filter(country__in=filters.countries).values("dispute_id")
        )
    if filters.demands:
        qs = qs.filter(
            pk__in=DisputeDemand.objects.filter(demand__in=filters.demands).values("dispute_id")
        )
    if filters.union:
        qs = qs.filter(
            pk__in=Dispute.objects.filter(_organisation_q("unions", filters.union)).values("pk")
        )
    if filters.employer:
        qs = qs.filter(
            pk__in=Dispute.objects.filter(_organisation_q("employers", filters.employer)).values(
                "pk"
            )
        )
    if filters.q:
        for word in normalize_name(filters.q).split():
            qs = qs.filter(search_text__contains=word)
    # A dispute overlaps the range when it starts before the range ends and ends after it starts.
    if filters.date_from:
        qs = qs.filter(Q(end_date__gte=filters.date_from) | Q(end_date__isnull=True))
    if filters.date_to:
        qs = qs.filter(Q(start_date__lte=filters.date_to) | Q(start_date__isnull=True))
    if filters.point is not None:
        qs = disputes_near(
            lat=filters.point[0], lon=filters.point[1], radius_km=filters.radius_km, queryset=qs
        )
    if filters.sort == Sort.DISTANCE and filters.point is not None:
        return qs.order_by("distance_km", "-id")
    if filters.sort == Sort.START:
        return qs.order_by("-start_date", "-id")
    if filters.sort == Sort.CURRENT:
        return qs.order_by("current_rank", "-created_at", "-id")
    return qs.order_by("-created_at", "-id")


def disputes_near(
    *, lat: float, lon: float, radius_km: float, queryset: QuerySet | None = None
) -> QuerySet:
    """Disputes with a public site point within radius_km, annotated with `distance_km`.

    A bounding box on the indexed public latitude/longitude narrows the rows before the
    great-circle distance is computed, so cost follows the neighbourhood, not the registry.
    """
    qs = dispute_public_queryset() if queryset is None else queryset
    box = bounding_box(lat, lon, radius_km)
    in_box = Q(sites__public_latitude__gte=box.min_lat, sites__public_latitude__lte=box.max_lat)
    if box.crosses_antimeridian:
        in_box &= Q(sites__public_longitude__gte=box.min_lon) | Q(
            sites__public_longitude__lte=box.max_lon
        )
    elif (box.min_lon, box.max_lon) != (-180.0, 180.0):
        in_box &= Q(
            sites__public_longitude__gte=box.min_lon, sites__public_longitude__lte=box.max_lon
        )
    distance = distance_km_expression(lat, lon, "sites__public_latitude", "sites__public_longitude")
    return qs.filter(in_box).annotate(distance_km=Min(distance)).filter(distance_km__lte=radius_km)


def dispute_feed_search(*, filters: DisputeFilters, queryset: QuerySet | None = None) -> QuerySet:
    """`dispute_search` for the map, every feed and the API: with no status chosen, only
    DEFAULT_STATUSES (announced and active). `filters.statuses` is filled in to say so."""
    if not filters.statuses:
        filters.statuses = list(DEFAULT_STATUSES)
    return dispute_search(filters=filters, queryset=queryset)


COUNTRIES_CACHE_SECONDS = 600


def countries_with_disputes() -> dict[str, str]:
    """Country code → name in the reader's language for every country a dispute has a site in
    (the codes cached ten minutes)."""
    codes = cache.get("disputes:country_codes")
    if codes is None:
        # order_by() drops the model's ordering, which would make DISTINCT see every row.
        sites = Site.objects.exclude(country="").order_by()
        codes = sorted(sites.values_list("country", flat=True).distinct())
        cache.set("disputes:country_codes", codes, COUNTRIES_CACHE_SECONDS)
    names = country_names(codes)
    return {code: names.get(code, code) for code in codes}


def dispute_get_public(*, slug: str) -> Dispute:
    return dispute_public_queryset().get(slug=slug)


def dispute_get_public_page(*, slug: str) -> Dispute:
    """The dispute for its own page, without its relations: the page reads what it shows
    (`display.dispute_page`), most of it from the cache."""
    return Dispute.objects.defer("solidarity_email", "search_text").get(slug=slug)


# --- what coordinators and moderators may see and change ------------------------------------


def user_can_manage(user, dispute: Dispute) -> bool:
    """A coordinator of this dispute, or a moderator or admin."""
    if not user.is_authenticated or not user.is_active:
        return False
    if dispute.coordinators.filter(pk=user.pk).exists():
        return True
    return is_moderator(user)


def dispute_get_for_user(*, user, slug: str | None = None, pk: int | None = None, write=False):
    """The one door to a dispute someone may change (`write`), or else its public view.

    Http404 when there is no such dispute; PermissionDenied when `write` and the user is
    neither one of its coordinators nor a moderator.
    """
    if (slug is None) == (pk is None):
        raise TypeError("dispute_get_for_user() takes a slug or a pk")
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    queryset = Dispute.objects if write else dispute_public_queryset()
    dispute = queryset.filter(**lookup).first()
    if dispute is None:
        raise Http404(_("There is no dispute at this address."))
    if write and not user_can_manage(user, dispute):
        raise PermissionDenied
    return dispute
