"""Response helpers every app shares."""

from urllib.parse import urlsplit

from django.conf import settings


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
