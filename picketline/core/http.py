"""Response helpers every app shares."""

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render


def private_page(response):
    """A page reached by a private link alone (a status page, an RSVP, an invitation): kept out
    of shared caches, other sites' referrers and search engines.

    "same-origin", not "no-referrer": with no referrer at all, browsers send `Origin: null`
    with the page's own forms, and the CSRF check rightly refuses them.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def uploaded_file(response, *, filename: str, inline: bool):
    """Headers for a file someone uploaded, so it can never run in the site's origin: the
    stored content type kept (nosniff), a download unless `inline`, and a sandbox with no
    sources should a browser render it anyway."""
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def site_host() -> str:
    """The host name in calendar UIDs: fixed by SITE_URL, not by whoever asked."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def too_many_requests(request, *, scope: str) -> HttpResponse:
    """A page refused by the rate limit of `scope`: nothing was done; says when to try again."""
    from picketline.core.ratelimit import retry_after_seconds

    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = str(retry_after_seconds(scope))
    return response
