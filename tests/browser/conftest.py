"""Chromium (Debian's, never a downloaded build) driven by Playwright against the live server.

Every request that leaves the live server, map tiles included, is refused, so the tests need no
network and prove the pages depend on nothing but the app itself.
"""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from picketline.disputes import services
from tests import factories

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def _async_unsafe_allowed():
    # Playwright's sync API keeps an event loop on the test thread; the database calls made
    # from that thread are still plain synchronous ones.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser(_async_unsafe_allowed):
    from playwright import sync_api

    if not Path(CHROMIUM).exists():
        # A missing browser is a failure, never a skip: the tests would pass by not running.
        pytest.fail(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A browser tab on the live server, with what went wrong in it collected for asserts."""

    def __init__(
        self,
        browser,
        live_server,
        *,
        viewport,
        locale="en-GB",
        timezone_id=None,
        geolocation=None,
        javascript=True,
    ):
        options = {"viewport": viewport, "locale": locale, "java_script_enabled": javascript}
        if timezone_id:
            options["timezone_id"] = timezone_id
        if geolocation:
            options.update(geolocation=geolocation, permissions=["geolocation"])
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.base = live_server.url
        self.errors: list[str] = []
        self.blocked: list[str] = []
        own_host = urlsplit(live_server.url).netloc
        self.page.route("**/*", self._route(own_host))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)

    def _route(self, own_host):
        def handle(route):
            if urlsplit(route.request.url).netloc == own_host:
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        return handle

    def _console(self, message):
        # Refused tiles log "Failed to load resource"; anything else counts, CSP reports above all.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(message.text)

    def goto(self, path):
        response = self.page.goto(self.base + path)
        return response

    def fetch(self, path):
        """A GET outside the page, with the tab's cookies (e.g. a feed a link downloads)."""
        return self.context.request.get(self.base + path)

    def screenshot(self, name, *, full_page=False):
        # Leaflet animates zooms, clusters and popups; let them settle first.
        self.page.wait_for_timeout(600)
        ARTIFACTS.mkdir(exist_ok=True)
        # caret="initial": hiding the caret would inject a <style>, which the CSP rightly refuses.
        self.page.screenshot(
            path=str(ARTIFACTS / f"{name}.png"), full_page=full_page, caret="initial"
        )

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    pages = []

    def make(**kwargs):
        page = Page(browser, live_server, **kwargs)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.fixture
def strike_wave(transactional_db):
    """A handful of disputes around Britain and Spain, one with a weekly picket in London."""
    leeds = factories.make_dispute(
        title="Leeds bin workers' strike",
        employer="Leeds City Council",
        union="GMB",
        lat=53.7997,
        lon=-1.5492,
        city="Leeds",
        workers_involved=300,
        sector="public_administration",
    )
    factories.make_dispute(
        title="Bradford hospital porters",
        employer="Bradford Health Trust",
        lat=53.7950,
        lon=-1.7594,
        city="Bradford",
    )
    factories.make_dispute(
        title="Manchester tram drivers",
        lat=53.4808,
        lon=-2.2426,
        city="Manchester",
        status="announced",
    )
    london = factories.make_dispute(
        title="Riverside warehouse walkout",
        kind="walkout",
        employer="Riverside Logistics",
        union="Warehouse Workers Union",
        lat=51.5072,
        lon=-0.1276,
        city="London",
    )
    factories.make_dispute(
        title="Huelga de limpieza en Madrid",
        lat=40.4168,
        lon=-3.7038,
        city="Madrid",
        country="ES",
        timezone_name="Europe/Madrid",
        language="es",
    )
    # A weekly Tuesday picket at 06:00 London time, starting next Tuesday.
    today = timezone.localdate()
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    start = dt.datetime.combine(tuesday, dt.time(6, 0), tzinfo=ZoneInfo("Europe/London"))
    services.shift_create(
        site=london.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        timezone="Europe/London",
        notes="Main gate, bring a flask",
        recurrence="weekly",
        repeat_until=tuesday + dt.timedelta(weeks=8),
    )
    return {"leeds": leeds, "london": london, "tuesday": tuesday}


def log_in(tab, user, *, secret=None, path="/accounts/login/"):
    """Logs `user` in through the login pages, as a person would: the password, then the code
    from the authenticator app when the account has one. `path` may be a page that sends
    people who are not logged in to the login page first. The code comes from `secret`, or
    from the device the factories gave the account (`user.totp_secret`)."""
    secret = secret or getattr(user, "totp_secret", None)
    page = tab.page
    tab.goto(path)
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", factories.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if secret is None:
        return
    assert urlsplit(page.url).path == "/accounts/login/code/"
    page.fill("#id_code", factories.totp_code(secret))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert urlsplit(page.url).path != "/accounts/login/code/", "the code was refused"


def wait_for_map(page, selector="#dispute-map"):
    """Waits until the clustered map has drawn every tile of its view.

    `data-loaded` appears with the first tile; on a screen that shows several tiles the one
    holding a site may come later. `data-state` turns "ready" once all of them are drawn.
    """
    page.wait_for_selector(f"{selector}[data-state='ready']")
