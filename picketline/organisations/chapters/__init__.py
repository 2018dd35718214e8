"""Chapters: an organisation's groups by city, with a place, an area, a regular meeting and
their own organisers."""
