"""When a ballot's times come: it opens at its opening time, reminds those who have not voted
a day before it closes (or halfway, for a shorter ballot), and closes at its closing time.

Each time is a deferred run of `ballot_due` queued when the ballot is made; the hourly
`send-reminders` also runs `ballots_due`, which catches anything a stopped worker missed. Both
take ids only, and both may run any number of times: each step happens once.
"""

import datetime as dt

from django.db import transaction
from django.tasks import task

REMIND_BEFORE = dt.timedelta(hours=24)


def remind_at(opens_at: dt.datetime, closes_at: dt.datetime) -> dt.datetime:
    """A day before the close, or halfway through a ballot shorter than two days."""
    return max(closes_at - REMIND_BEFORE, opens_at + (closes_at - opens_at) / 2)


@task()
def ballot_due(*, ballot_id: int) -> int:
    from picketline.ballots.services import ballot_due_run

    return ballot_due_run(ballot_id)


@task()
def ballots_due() -> int:
    """Opens, reminds and closes every ballot whose time has come; returns how many steps."""
    from picketline.ballots.services import ballots_due_run

    return ballots_due_run()


def ballot_schedule(ballot) -> None:
    """Queues the ballot's opening, reminder and close, once this transaction commits."""
    times = [ballot.opens_at, remind_at(ballot.opens_at, ballot.closes_at), ballot.closes_at]

    def enqueue():
        if not ballot_due.get_backend().supports_defer:
            return
        for when in times:
            ballot_due.using(run_after=when).enqueue(ballot_id=ballot.pk)

    transaction.on_commit(enqueue)
