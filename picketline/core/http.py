"""Response helpers every app shares."""


def private_page(response):
    """A page reached by a private link alone (a status page, an RSVP, an invitation): kept out
    of shared caches, referrers and search engines."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
