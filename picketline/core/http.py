"""Response helpers every app shares."""

from urllib.parse import urlsplit

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


def site_host() -> str:
    """The host name in calendar UIDs: fixed by SITE_URL, not by whoever asked."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def too_many_requests(request, *, scope: str) -> HttpResponse:
    """A page refused by the rate limit of `scope`: nothing was done; says when to try again."""
    from picketline.core.ratelimit import retry_after_seconds

    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = str(retry_after_seconds(scope))
    return response
