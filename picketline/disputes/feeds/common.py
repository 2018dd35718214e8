"""What every feed shares: the filter door, the bad-request answer and public locations."""

import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterator
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import gettext as _

from picketline.disputes.filtering import FilterError


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

    def path(slug: str) -> str:
        # Most slugs are plain ASCII, which quoting leaves as it is; checking is cheaper.
        if _UNQUOTED.fullmatch(slug):
            return head + slug + tail
        return head + quote(slug, safe="!$&'()*+,;=/~:@") + tail

    return path


# Characters `quote()` never changes.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


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


# The gzip level of cached bodies: about ninefold smaller map data; 6 is zlib's usual balance.
GZIP_LEVEL = 6


def cached_json_stream(
    request: HttpRequest,
    *,
    key: str,
    build: Callable[[], Iterator[bytes]],
    content_type: str,
) -> HttpResponse:
    """`cached_json_feed` for documents too large to hold twice: `build` returns the document as
    an iterator of bytes, which is streamed to the client as it is made (gzip-compressed on the
    way when the client accepts it) and cached, in that encoding, once it is complete.

    `build` must raise FilterError (answered as a problem document) before its first chunk, so
    the filters are read eagerly and the rows lazily. The other encoding of a cached body is
    made from it rather than from the database.
    """
    etag = "W/" + quote_etag(key.rsplit(":", 1)[-1])
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _with_caching_headers(not_modified, etag)
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    gz_key = f"{key}:gz"
    body = cache.get(gz_key if gzipped else key)
    if body is None:
        other = cache.get(key if gzipped else gz_key)
        if other is not None:
            body = _gzip(other) if gzipped else gzip.decompress(other)
            cache.set(gz_key if gzipped else key, body, settings.MAP_CACHE_SECONDS)
    if body is not None:
        response = HttpResponse(body, content_type=content_type)
    else:
        try:
            chunks = build()
        except FilterError as error:
            return bad_filters_json(request, error)
        if gzipped:
            chunks = _gzip_stream(chunks)
        response = StreamingHttpResponse(
            _cache_when_complete(chunks, gz_key if gzipped else key), content_type=content_type
        )
    if gzipped:
        response["Content-Encoding"] = "gzip"
    return _with_caching_headers(response, etag)


def _gzip(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def _gzip_stream(chunks: Iterator[bytes]) -> Iterator[bytes]:
    # wbits=31: a gzip member (header and trailer), like gzip.compress with mtime=0.
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
    for chunk in chunks:
        compressed = compressor.compress(chunk)
        if compressed:
            yield compressed
    yield compressor.flush()


def _cache_when_complete(chunks: Iterator[bytes], key: str) -> Iterator[bytes]:
    """Yields the chunks and caches their whole only when the last one was made: a client
    that goes away halfway leaves nothing cached."""
    parts = []
    for chunk in chunks:
        parts.append(chunk)
        yield chunk
    cache.set(key, b"".join(parts), settings.MAP_CACHE_SECONDS)


def _with_caching_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
    # Labels follow the reader's language, which a cookie can choose as well as the header.
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Accept-Encoding"))
    return response
