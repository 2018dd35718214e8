"""Delegations, visits and meetings between workers, and disputes connected to one another."""
