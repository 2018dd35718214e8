"""Many writers at once: run a write from several threads released together, each with its
own database connection. Used by the events benchmark (RSVPs, picket sign-ups)."""

import threading
import time


def in_threads(work, slices: list[list]) -> tuple[float, list[float]]:
    """Runs `work(item)` for every item, one thread per slice, all released at once.

    Each thread has its own database connection (Django's are per thread) and closes it.
    Returns the wall time from the release to the last thread's end, and each call's time.
    """
    from django.db import connection

    barrier = threading.Barrier(len(slices) + 1)
    latencies: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(items):
        mine = []
        try:
            barrier.wait()
            for item in items:
                started = time.perf_counter()
                work(item)
                mine.append(time.perf_counter() - started)
        except BaseException as error:  # reported after the join
            errors.append(error)
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(items,)) for items in slices]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} thread(s) failed, the first with {errors[0]!r}")
    return wall, latencies


def slices(items: list, threads: int) -> list[list]:
    """`items` dealt out to `threads` threads in turn."""
    return [items[n::threads] for n in range(threads)]


def writers_table(c: dict, *, ours: str, unit: str) -> list[str]:
    """Markdown rows of a contention result `c` ("ours", "plain", and "serial" when it ran
    several threads): each writer's threads, seconds, `unit` a second and latency per call."""
    lines = [
        f"| writer | threads | seconds | {unit}/s | median ms per call | p95 ms per call |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    writers = [
        (f"ours ({ours})", "ours", c["threads"]),
        ("baseline (plain inserts)", "plain", c["threads"]),
    ]
    if c["threads"] > 1:
        writers.append(("ours, one thread", "serial", 1))
    for name, key, count in writers:
        s = c[key]
        lines.append(
            f"| {name} | {count} | {s['seconds']:.2f} | {s['per_second']:,.0f} | "
            f"{s['latency']['median_ms']:.2f} | {s['latency']['p95_ms']:.2f} |"
        )
    return lines
