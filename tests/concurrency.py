"""Races for the PostgreSQL concurrency tests: every action in its own thread and database
connection, all released at once."""

import threading

from django.db import connection

# PostgreSQL here allows 100 connections; the test session and the server keep some.
MAX_CONNECTIONS = 60


def race(actions, *, refused: type[Exception] | tuple[type[Exception], ...] = ()):
    """Runs every action at the same moment and returns what each returned, or the `refused`
    exception it raised. At most MAX_CONNECTIONS hold a connection at once; the others wait."""
    barrier = threading.Barrier(len(actions))
    gate = threading.BoundedSemaphore(MAX_CONNECTIONS)
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=60)
            with gate:
                try:
                    outcomes[index] = action()
                finally:
                    connection.close()
        except refused as error:
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an action never finished"
    return outcomes
