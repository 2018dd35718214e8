"""Solidarity dashboards: counts across every part, for one dispute or the whole site."""
