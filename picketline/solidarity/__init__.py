"""Solidarity with a dispute: one Django app (label `solidarity`), one package per part.

    messages/     messages of solidarity to the strikers, their moderation and digest delivery
    funds/        strike funds, their append-only ledger, pledges and pledge reminders
    pickets/      sign-ups to picket shifts, the coordinators' rota, confirmations and reminders
    delegations/  delegations, visits and meetings, and disputes connected to one another
    levels/       the level of solidarity a dispute has reached, from checks any app registers
    dashboard/    counts of all the above, for one dispute or the whole site

Each part keeps its own `models`, `services` (writes), `selectors` (reads), `views`, `forms`,
`urls`, `hooks` (what it adds to dispute pages and the moderation queue) and `tasks` as it
needs them. `models.py` here gathers every part's models for Django; `http.py` holds what
the views share.

Arrows point one way: views → services and selectors → models; tasks call services, never
the reverse (a service queues email through its part's `notices` or `delivery` module, which
does not import it back). Between parts: `levels` reads messages and delegations, and `dashboard`
reads every part, so it is a part of its own rather than living in one of the parts it counts;
no part imports `levels` or `dashboard`. tests/solidarity/test_layout.py checks these arrows.
"""
