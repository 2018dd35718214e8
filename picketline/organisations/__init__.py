"""Organisations: unions, employers and groups, the people who hold their accounts, and the
emailed invitations that give someone a role (here, on a dispute or on an event)."""
