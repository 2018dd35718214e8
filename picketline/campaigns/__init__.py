"""Campaigns: disputes across employers and countries joined under common demands."""
