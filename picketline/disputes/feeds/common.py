"""What every feed shares: the filter door, the bad-request answer and public locations."""

import gzip
import json
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import gettext as _

from picketline.disputes.filtering import FilterError
from picketline.disputes.models import Site

# Only these columns of a site are ever read for a feed; latitude/longitude are not among them.
PUBLIC_SITE_FIELDS = (
    "id",
    "dispute_id",
    "name",
    "address",
    "city",
    "region",
    "country",
    "public_latitude",
    "public_longitude",
    "precision",
    "timezone",
)
# RFC 7946 §11.2: six decimal places is about 10 cm, more than any picket line needs.
COORDINATE_DECIMALS = 6


def bad_filters_text(error: FilterError) -> HttpResponse:
    """400 in plain text: one line per bad parameter, saying what is wrong with it."""
    lines = [_("Some filters in the address are not valid:"), ""]
    for name, messages in error.errors.items():
        lines.extend(f"{name}: {message}" for message in messages)
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def bad_filters_json(request: HttpRequest, error: FilterError) -> JsonResponse:
    """400 as an RFC 9457 problem document of the same types as the API's, for JSON clients."""
    if error.unknown_place:
        code, title = "unknown-place", _("The place in “near” is not known.")
    else:
        code, title = "invalid-parameters", _("Some parameters are not valid.")
    return JsonResponse(
        {
            "type": f"urn:picketline:problem:{code}",
            "title": title,
            "status": 400,
            "detail": _("Fix the parameters listed in “errors” and try again."),
            "instance": request.path,
            "errors": error.errors,
        },
        status=400,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def dispute_path_builder() -> Callable[[str], str]:
    """slug → the dispute page's path, like `reverse()` but without a resolver walk per row.

    Feeds write tens of thousands of links; the route is reversed once and the slug is quoted
    the way `reverse()` quotes it.
    """
    marker = "slug-marker-0"
    template = reverse("disputes:detail", kwargs={"slug": marker})
    head, tail = template.split(marker, 1)
    return lambda slug: head + quote(slug, safe="!$&'()*+,;=/~:@") + tail


def site_host() -> str:
    """The host name in calendar UIDs: fixed by SITE_URL, not by whoever asked."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def public_point(site: Site) -> tuple[float, float]:
    """(lat, lon) as the public may see it: coarsened already when the dispute is sensitive."""
    return (
        round(site.public_latitude, COORDINATE_DECIMALS),
        round(site.public_longitude, COORDINATE_DECIMALS),
    )


def public_site_name(site: Site, *, sensitive: bool) -> str:
    return "" if sensitive else site.name


def public_location(site: Site, *, sensitive: bool) -> str:
    """Where a site is, in words: for a sensitive dispute only the town, region and country."""
    if sensitive:
        parts = [site.city, site.region, site.country]
    else:
        parts = [site.name, site.address, site.city, site.region, site.country]
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


def choice_labels(choices) -> dict[str, str]:
    """{value: label} in the active language, built once per response rather than per row."""
    return {value: str(label) for value, label in choices.choices}


# Browsers may reuse the map's data this long before asking again (then usually a 304).
BROWSER_MAX_AGE = 60


def cached_json_feed(
    request: HttpRequest, *, key: str, build: Callable[[], dict], content_type: str
) -> HttpResponse:
    """A JSON feed built once per `key` and cached, plain and gzipped, with a weak ETag that
    answers If-None-Match with 304. `build` makes the document; the FilterError it raises for a
    bad query string is answered as a problem document.

    `key` must change whenever the data does (the caller folds in a version of the data).
    """
    # Weak: the plain and gzip bodies are the same data in two encodings.
    etag = "W/" + quote_etag(key.rsplit(":", 1)[-1])
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _with_caching_headers(not_modified, etag)
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    body = cache.get(f"{key}:gz" if gzipped else key)
    if body is None:
        try:
            document = build()
        except FilterError as error:
            return bad_filters_json(request, error)
        plain = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        # Map data compresses about ninefold; compress once, not on every request.
        compressed = gzip.compress(plain, compresslevel=6, mtime=0)
        cache.set_many({key: plain, f"{key}:gz": compressed}, settings.MAP_CACHE_SECONDS)
        body = compressed if gzipped else plain
    response = HttpResponse(body, content_type=content_type)
    if gzipped:
        response["Content-Encoding"] = "gzip"
    return _with_caching_headers(response, etag)


def _with_caching_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
    # Labels follow the reader's language, which a cookie can choose as well as the header.
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Accept-Encoding"))
    return response
