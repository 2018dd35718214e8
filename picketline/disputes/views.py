"""The registry's public pages: the map, the list, a dispute's page and the open-data page.

Views parse the query string through `filters_from_query`, call a selector and render; what
the pages show of the results, in the reader's language, is built in `display.py`."""

from django.conf import settings
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from picketline.core.tiles import tile_url_template
from picketline.core.versions import CountedPaginator
from picketline.disputes import display
from picketline.disputes.cache import cached_count
from picketline.disputes.choices import (
    MAP_STATUSES,
)
from picketline.disputes.filtering import FilterError, filters_from_query, list_filters_from_query
from picketline.disputes.filters import Sort
from picketline.disputes.hooks import PUBLIC, dispute_sections, map_scripts
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import (
    dispute_feed_search,
    dispute_get_public_page,
    dispute_list_queryset,
    dispute_search,
    user_can_manage,
)
from picketline.places import selectors as place_selectors


def _filter_errors(query: QueryDict, read=filters_from_query):
    """(filters, {}) for a usable query string, else (None, {parameter: [messages]})."""
    try:
        return read(query), {}
    except FilterError as error:
        return None, error.errors


# --- the map --------------------------------------------------------------------------------


def map_page(request):
    filters, errors = _filter_errors(request.GET)
    count = 0
    if filters is not None:
        count = cached_count("map", request.GET, dispute_feed_search(filters=filters).count)
    context = {
        "filter_form": display.filter_form(
            request.GET, errors, full=False, default_statuses=MAP_STATUSES
        ),
        "filter_errors": errors,
        "filtered": any(
            key in request.GET for key in ("status", "kind", "sector", "demand", "country", "q")
        ),
        "count": count,
        "query": request.GET.urlencode(),
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "map_labels": display.map_labels(),
        "map_scripts": map_scripts(),
        "tiles_url": tile_url_template("feeds:map_tile", request.GET.urlencode()),
        "cluster_url": tile_url_template("feeds:map_cluster", request.GET.urlencode(), cell=True),
    }
    return render(request, "disputes/map.html", context, status=400 if errors else 200)


# How many disputes the map page lists beside the map after a place search.
NEAREST_ON_MAP = 10


@require_GET
def map_nearest(request):
    """The disputes nearest a place, as a fragment the map page's script shows beside the map
    (and moves the map to). Without script, the same search goes to the list."""
    filters, errors = _filter_errors(request.GET)
    if filters is not None and filters.point is None:
        errors = {"near": [_("Type a place to find the disputes near it.")]}
    if errors:
        return render(request, "disputes/_map_nearest.html", {"errors": errors}, status=400)
    filters.sort = Sort.DISTANCE
    # The side list names no employers or unions.
    disputes = dispute_feed_search(
        filters=filters, queryset=dispute_list_queryset(organisations=False)
    )[:NEAREST_ON_MAP]
    context = {"nearest": display.nearest_on_map(request, disputes, filters)}
    return render(request, "disputes/_map_nearest.html", context)


# --- the list -------------------------------------------------------------------------------


def _without_page(query: QueryDict) -> QueryDict:
    query = query.copy()
    query.pop("page", None)
    return query


def dispute_list(request):
    filters, errors = _filter_errors(request.GET, read=list_filters_from_query)
    page = rows = place = None
    if filters is not None:
        results = dispute_search(filters=filters, queryset=dispute_list_queryset())
        count = cached_count("list", _without_page(request.GET), results.count)
        paginator = CountedPaginator(results, settings.PAGE_SIZE, count=count)
        page = paginator.get_page(request.GET.get("page"))
        rows, place = display.list_rows(request, page, filters)
    context = {
        "filter_form": display.filter_form(request.GET, errors, full=True),
        "filter_errors": errors,
        "page": page,
        "rows": rows,
        "place": place,
        "feed_query": display.feed_query(request.GET),
        "feed_default_statuses": display.feeds_use_default_statuses(request.GET),
    }
    return render(request, "disputes/list.html", context, status=400 if errors else 200)


# --- a dispute ------------------------------------------------------------------------------


def dispute_detail(request, slug):
    try:
        dispute = dispute_get_public_page(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None
    context = {
        "dispute": dispute,
        **display.dispute_page(dispute),
        # Checked only for signed-in people: an anonymous visit costs no query for it.
        "can_manage": request.user.is_authenticated and user_can_manage(request.user, dispute),
        "sections": dispute_sections(request=request, dispute=dispute, page=PUBLIC),
    }
    return render(request, "disputes/detail.html", context)


# --- open data and place search -------------------------------------------------------------


def open_data(request):
    return render(
        request,
        "disputes/open_data.html",
        {"tile_attribution": settings.TILE_ATTRIBUTION},
    )


@require_GET
@cache_control(public=True, max_age=3600)
def place_search(request):
    """Places whose name starts with what was typed, for the search box's suggestions."""
    text = request.GET.get("q", "").strip()[:100]
    if len(text) < 2:
        return JsonResponse({"results": []})
    results = [
        {"name": candidate.name, "label": candidate.label, "query": candidate.query}
        for candidate in place_selectors.place_search(text=text, limit=8)
    ]
    response = JsonResponse({"results": results})
    # Names follow the reader's language, which the language cookie can choose.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
