"""Every page keeps to the Content Security Policy: not one violation, in English and Arabic.

The policy (settings.SECURE_CSP) allows no inline script and no inline style. A violation would
show only in the browser, so Chromium visits the public pages and the main signed-in ones over
the demo data, with a listener for `securitypolicyviolation` installed before any of the page's
own scripts run, and every console message that mentions the policy collected too.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests import factories
from tests.browser.conftest import DESKTOP, log_in, wait_for_map

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || document.location.pathname}:${event.lineNumber} ` +
    `(${(event.sample || "").slice(0, 80)})`
  );
});
"""

LANGUAGES = ["en-GB", "ar"]


@pytest.fixture
def demo(transactional_db):
    """The demo data `make run` loads, with an authenticator for the moderator."""
    for command in ("demo", "demo_solidarity", "demo_events"):
        call_command(command, stdout=io.StringIO())
    users = get_user_model().objects
    moderator = users.get(username="moderator")
    coordinator = users.get(username="coordinator")
    for user in (moderator, coordinator):
        user.set_password(factories.PASSWORD)  # log_in types the factories' password
        user.save(update_fields=["password"])
    Dispute = apps.get_model("disputes", "Dispute")
    Event = apps.get_model("events", "Event")
    DayOfAction = apps.get_model("events", "DayOfAction")
    Fund = apps.get_model("solidarity", "Fund")
    ModerationItem = apps.get_model("moderation", "ModerationItem")
    dispute = Dispute.objects.get(coordinators=coordinator)
    event = Event.objects.filter(published_at__isnull=False).order_by("starts_at").first()
    event.organisers.add(coordinator)
    return {
        "moderator": moderator,
        "moderator_secret": factories.make_totp_device(moderator),
        "coordinator": coordinator,
        "dispute": dispute,
        "event": event,
        "day": DayOfAction.objects.order_by("pk").first(),
        "fund": Fund.objects.filter(dispute=dispute).order_by("pk").first(),
        "item": ModerationItem.objects.filter(status="pending").order_by("pk").first(),
    }


def public_pages(demo) -> list[str]:
    dispute, event, day, fund = demo["dispute"], demo["event"], demo["day"], demo["fund"]
    return [
        "/",
        "/disputes/",
        "/disputes/?near=53.80,-1.55&sort=distance",
        dispute.get_absolute_url(),
        f"{dispute.get_absolute_url()}solidarity/",
        f"{dispute.get_absolute_url()}funds/{fund.pk}/",
        "/data/",
        "/add/",
        "/events/",
        "/events/map/",
        event.get_absolute_url(),
        f"{event.get_absolute_url()}rsvp/",
        "/days-of-action/",
        day.get_absolute_url(),
        f"{day.get_absolute_url()}host/",
        "/solidarity/",
        "/api/v1/docs",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/no-such-page/",
    ]


def coordinator_pages(demo) -> list[str]:
    manage = f"{demo['dispute'].get_absolute_url()}manage/"
    event = demo["event"].get_absolute_url()
    return [
        "/accounts/",
        "/accounts/two-factor/",
        "/accounts/two-factor/setup/",
        "/accounts/tokens/",
        "/accounts/password/change/",
        "/my/disputes/",
        manage,
        f"{manage}messages/",
        f"{manage}rota/",
        f"{manage}funds/{demo['fund'].pk}/",
        f"{manage}funds/{demo['fund'].pk}/pledges/",
        "/events/mine/",
        "/events/new/",
        f"{event}manage/",
        f"{event}edit/",
        f"{event}check-in/",
        f"{event}sheet/",
    ]


def moderator_pages(demo) -> list[str]:
    return [
        "/moderation/",
        f"/moderation/{demo['item'].pk}/",
        "/organisations/manage/",
        "/days-of-action/new/",
    ]


class Watch:
    """What the policy refused on one tab, across every page it loads."""

    def __init__(self, tab):
        self.tab = tab
        self.console: list[str] = []
        tab.page.add_init_script(LISTEN)
        tab.page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, path: str) -> list[str]:
        """Loads `path`, lets its scripts run, and returns what went wrong there."""
        errors_before, console_before = len(self.tab.errors), len(self.console)
        response = self.tab.goto(path)
        page = self.tab.page
        page.wait_for_load_state("networkidle")
        if page.locator("#dispute-map, #event-map, .map[data-geojson]").count():
            # Markers, clusters and popups are drawn after the data arrives.
            page.wait_for_timeout(400)
        found = []
        expected = 404 if path == "/no-such-page/" else 200
        if response is None or response.status != expected:
            found.append(f"answered {response and response.status}, not {expected}")
        if urlsplit(page.url).path.startswith("/accounts/login/") and not path.startswith(
            "/accounts/login/"
        ):
            found.append("sent to the login page")
        found += page.evaluate("window.__cspViolations || []")
        found += self.console[console_before:]
        found += self.tab.errors[errors_before:]
        return [f"{path} [{page.evaluate('document.documentElement.lang')}]: {f}" for f in found]


def interact(tab, label: str, action) -> list[str]:
    """Runs `action` on the page already loaded and returns the violations it caused."""
    page = tab.page
    before = page.evaluate("window.__cspViolations.length")
    errors_before = len(tab.errors)
    action(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)
    found = page.evaluate("window.__cspViolations")[before:] + tab.errors[errors_before:]
    return [f"{label}: {f}" for f in found]


def open_map_popup(page):
    """Leaflet builds the markers, clusters and popups in the browser."""
    wait_for_map(page)
    page.locator(".leaflet-marker-icon").first.click()


def filter_the_list(page):
    """The filters swap the list in place through htmx."""
    page.locator(".filters__form [type=submit]").first.click()


@pytest.mark.parametrize("locale", LANGUAGES)
def test_it_shows_every_public_page_without_a_violation(open_page, demo, locale):
    tab = open_page(viewport=DESKTOP, locale=locale)
    watch = Watch(tab)
    problems = []
    for path in public_pages(demo):
        problems += watch.visit(path)
    watch.visit("/")
    problems += interact(tab, "map popup", open_map_popup)
    watch.visit("/disputes/")
    problems += interact(tab, "list filters", filter_the_list)
    assert problems == []


@pytest.mark.parametrize("locale", LANGUAGES)
def test_it_shows_a_coordinators_pages_without_a_violation(open_page, demo, locale):
    tab = open_page(viewport=DESKTOP, locale=locale)
    watch = Watch(tab)
    log_in(tab, demo["coordinator"])
    problems = []
    for path in coordinator_pages(demo):
        problems += watch.visit(path)
    assert problems == []


@pytest.mark.parametrize("locale", LANGUAGES)
def test_it_shows_a_moderators_pages_without_a_violation(open_page, demo, locale):
    tab = open_page(viewport=DESKTOP, locale=locale)
    watch = Watch(tab)
    log_in(tab, demo["moderator"], secret=demo["moderator_secret"])
    problems = []
    for path in moderator_pages(demo):
        problems += watch.visit(path)
    assert problems == []


def test_it_would_notice_a_violation(open_page, demo):
    """The listener works: an inline style injected into a page is reported."""
    tab = open_page(viewport=DESKTOP)
    watch = Watch(tab)
    assert watch.visit("/data/") == []
    tab.page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')"
    )
    tab.page.wait_for_timeout(200)
    violations = tab.page.evaluate("window.__cspViolations")
    assert violations and re.search(r"style-src", violations[0])
