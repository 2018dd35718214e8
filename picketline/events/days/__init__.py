"""Days of action: one call answered by many local events. Anyone may host a local event from
a day's public form; a moderator checks it, and a host without an account is then invited to
manage it. Builds on the events core (`events/services.py`, `events/selectors.py`)."""
