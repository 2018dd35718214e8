"""The open-data feeds: GeoJSON, iCalendar, CSV and Atom, all taking the list filters.

Their URLs are a public contract (see urls.py). Nothing private reaches them: disputes
come from the public selectors, sites are read column by column and only their public points.
"""

from picketline.disputes.feeds.atom import disputes_atom
from picketline.disputes.feeds.csv_feed import disputes_csv
from picketline.disputes.feeds.geojson import geojson
from picketline.disputes.feeds.ics import dispute_ics, disputes_ics

__all__ = ["dispute_ics", "disputes_atom", "disputes_csv", "disputes_ics", "geojson"]
