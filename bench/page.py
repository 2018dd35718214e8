"""The map page served by the app (gunicorn) against the same page and data as static files.

    .venv/bin/python bench/page.py [--runs 15]

Starts gunicorn over the seeded SQLite registry (DEBUG off, collected static files), saves
what the browser fetched for `/` into a temporary directory served by `python -m http.server`,
then loads each in headless Chromium, a fresh browser context per run, until the map's markers
are drawn. Requests to anything but 127.0.0.1 (map tiles) are aborted.
"""

import argparse
import concurrent.futures
import contextlib
import gzip
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from benchlib import (
    DATA_DIR,
    ROOT,
    STATIC_ROOT,
    Unavailable,
    bench_env,
    emit,
    ensure_seeded,
    log,
    setup_django,
    stats,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VENV_BIN = Path(sys.executable).parent
LOAD_TIMEOUT_MS = 90_000

# Records, before any page script runs, when the map's element says it has handled the data
# (`data-loaded`: a count, or "error") and when its first marker or cluster icon is drawn.
WATCH_MARKERS = """
(() => {
  const record = () => {
    const map = document.querySelector("[data-geojson-url]");
    if (!map) return;
    if (window.__benchDataAt === undefined && map.dataset.loaded) {
      window.__benchDataAt = performance.now();
      window.__benchOutcome = map.dataset.loaded;
    }
    if (window.__benchMarkerAt === undefined && map.querySelector(".leaflet-marker-icon")) {
      window.__benchMarkerAt = performance.now();
    }
  };
  new MutationObserver(record).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-loaded"],
  });
})();
"""

# Done: `load` has fired, the data is handled and a marker is drawn, or none will be (no data,
# or no marker a few seconds after the map gave up).
DRAWN_AND_LOADED = """
() => performance.getEntriesByType("navigation")[0].loadEventEnd > 0
  && window.__benchDataAt !== undefined
  && (window.__benchMarkerAt !== undefined || window.__benchOutcome === "0"
      || performance.now() - window.__benchDataAt > 5000)
"""

MEASURE = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const data = performance.getEntriesByType("resource").find((e) => e.name.includes(".geojson"));
  return {
    drawn: Math.max(window.__benchDataAt, window.__benchMarkerAt || 0),
    outcome: window.__benchOutcome,
    markers: window.__benchMarkerAt !== undefined,
    html_ttfb: nav.responseStart,
    dom_content_loaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    data_end: data ? data.responseEnd : null,
  };
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@contextlib.contextmanager
def serving(command: list[str], *, env: dict, cwd: Path, probe: str, log_name: str):
    """Run a server for the duration; its output goes to bench/.data/<log_name>.

    A file rather than a pipe: nobody reads the pipe, and a full one would stall the server.
    """
    log_path = DATA_DIR / log_name
    with open(log_path, "wb") as output:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=output)
        try:
            wait_until_up(probe)
            yield process
        except Exception:
            if process.poll() is not None:
                log(f"page: {log_name.removesuffix('.log')} exited ({process.returncode}):")
                log(log_path.read_text(errors="replace")[-2000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def check_page_has_map(base: str) -> str | None:
    """Why the map page cannot be measured yet, or None when it can."""
    try:
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            html = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return f"not available yet: / answers {error.code}"
    if "data-geojson-url" not in html or "<script" not in html:
        return "not available yet: / has no map (no element with data-geojson-url)"
    return None


def wait_until_drawn(page) -> None:
    """Poll from outside the page: the CSP (rightly) forbids the eval that in-page waits use.

    The time itself is taken in the page by the observer, so polling does not blur it.
    """
    deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
    while not page.evaluate(DRAWN_AND_LOADED):
        if time.monotonic() > deadline:
            raise RuntimeError("the map did not draw its markers in time")
        time.sleep(0.02)


def snapshot(browser, base: str, into: Path) -> list[dict]:
    """Load the page once, then save every same-origin file it fetched under its path.

    Bodies are downloaded again rather than read from the browser, whose inspector does not
    keep a body as large as the map's data.
    """
    context = browser.new_context()
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    page = context.new_page()
    page.add_init_script(WATCH_MARKERS)
    fetched = []
    page.on("response", lambda response: fetched.append(response))
    page.goto(base + "/", wait_until="load", timeout=LOAD_TIMEOUT_MS)
    wait_until_drawn(page)
    wanted = [(r.url, r.request.resource_type) for r in fetched if r.url.startswith(base) and r.ok]
    context.close()
    saved = []
    for url, kind in dict(wanted).items():
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read()
        path = urlsplit(url).path
        target = into / (path.lstrip("/") or "index.html")
        if path.endswith("/") and path != "/":
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        saved.append({"path": path, "type": kind, "bytes": len(body), "body": body})
    return saved


def load_once(browser, base: str) -> dict:
    context = browser.new_context()
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    page = context.new_page()
    page.add_init_script(WATCH_MARKERS)
    page.goto(base + "/", wait_until="load", timeout=LOAD_TIMEOUT_MS)
    wait_until_drawn(page)
    timing = page.evaluate(MEASURE)
    context.close()
    timing["total"] = max(timing["drawn"], timing["load"])
    return timing


def warm_workers(base: str) -> None:
    """Fill each gunicorn worker's own (in-memory) cache with the map's data.

    Two requests at once cannot be served by one synchronous worker, so each worker builds it.
    """
    url = base + "/disputes.geojson"

    def fetch(_):
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for _ in range(2):
            list(pool.map(fetch, range(2)))


def compressed_sizes(saved: list[dict]) -> dict:
    """HTML, CSS and JS of the page, each gzip-compressed (level 9), in bytes."""
    files = [
        {"path": f["path"], "type": f["type"], "gzip_bytes": len(gzip.compress(f["body"], 9))}
        for f in saved
        if f["type"] in {"document", "stylesheet", "script"}
    ]
    return {"files": files, "total_gzip_bytes": sum(f["gzip_bytes"] for f in files)}


def collectstatic(env: dict) -> None:
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    subprocess.run(
        [str(VENV_BIN / "picketline"), "collectstatic", "--no-input", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django("sqlite")
    ensure_seeded("sqlite")
    try:
        emit(run(args.runs))
    except Unavailable as reason:
        emit({"skipped": str(reason)})


def run(runs: int) -> dict:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("disputes:map")
        reverse("feeds:geojson")
    except NoReverseMatch as error:
        raise Unavailable(f"not available yet: {error}") from None
    from playwright.sync_api import sync_playwright

    env = bench_env("sqlite")
    log("page: collecting static files")
    collectstatic(env)
    ours_port, static_port = free_port(), free_port()
    ours, static = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{static_port}"
    # No control socket: its default path is shared by every gunicorn on the machine.
    gunicorn = [str(VENV_BIN / "gunicorn"), "picketline.wsgi", "-w", "2", "-b", ours[7:]]
    gunicorn.append("--no-control-socket")
    with (
        tempfile.TemporaryDirectory(prefix="picketline-static-") as copy,
        serving(gunicorn, env=env, cwd=ROOT, probe=ours + "/healthz", log_name="gunicorn.log"),
    ):
        reason = check_page_has_map(ours)
        if reason:
            raise Unavailable(reason)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            log("page: saving the rendered page and its files for the static server")
            saved = snapshot(browser, ours, Path(copy))
            http_server = [
                sys.executable, "-m", "http.server", str(static_port),
                "--bind", "127.0.0.1", "--directory", copy,
            ]  # fmt: skip
            with serving(
                http_server,
                env=dict(os.environ),
                cwd=ROOT,
                probe=static + "/",
                log_name="http-server.log",
            ):
                warm_workers(ours)
                load_once(browser, ours)
                load_once(browser, static)
                timings = {"ours": [], "static": []}
                for index in range(runs):
                    # Alternate who goes first so drift on a shared machine hits both alike.
                    order = ("ours", "static") if index % 2 == 0 else ("static", "ours")
                    for name in order:
                        timings[name].append(load_once(browser, ours if name == "ours" else static))
                    log(f"page: run {index + 1}/{runs}")
            version = browser.version
            browser.close()

    def summary(name: str, key: str) -> dict:
        return stats([t[key] / 1000 for t in timings[name] if t[key] is not None])

    result = {
        "chromium": version,
        "runs": runs,
        # What the map's element said after handling the data (a count, or "error"), and in
        # how many loads a marker was drawn.
        "outcomes": {name: sorted({t["outcome"] for t in timings[name]}) for name in timings},
        "markers_drawn": {name: sum(t["markers"] for t in timings[name]) for name in timings},
        "total": {name: summary(name, "total") for name in timings},
        "drawn": {name: summary(name, "drawn") for name in timings},
        "html_ttfb": {name: summary(name, "html_ttfb") for name in timings},
        "data_end": {name: summary(name, "data_end") for name in timings},
        "load": {name: summary(name, "load") for name in timings},
        "sizes": compressed_sizes(saved),
        "files_saved": len(saved),
    }
    result["ratio_ours_over_static"] = round(
        result["total"]["ours"]["median_ms"] / result["total"]["static"]["median_ms"], 2
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
