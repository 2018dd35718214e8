"""What the public may see of a dispute's sites: coarsened points and locations in words.

Every page, feed and API answer that shows where a picket is goes through these, so a sensitive
dispute's exact place never leaves the registry.
"""

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
