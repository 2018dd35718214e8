"""The first hour, as a newcomer meets it, on a phone and a laptop, in English and in Arabic:
open the map, search a place in Latin and in Arabic script, open the nearest dispute, send a
message, join a picket, answer an event, look at the solidarity charts and download the feeds.
Each stop asserts what once went wrong there (issue: "The first hour")."""

import csv
import datetime as dt
import io
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from picketline.disputes import services
from picketline.places.services import gazetteer_load
from picketline.solidarity.messages.services import message_publish
from picketline.solidarity.models import Message
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, wait_for_map

pytestmark = pytest.mark.browser

BRANCH = "Dockers' branch"
ENGLISH_NOTE = "Bring a flask and a banner."
SEARCHES = {
    "en": ("Leeds", "Leeds bin workers' strike"),
    "ar": ("لندن", "Riverside warehouse walkout"),
}
UNITED_KINGDOM = {"en": "United Kingdom", "ar": "المملكة المتحدة"}


@pytest.fixture
def first_hour(strike_wave):
    """The strike wave, with what a newcomer meets: an ended dispute newer than all the rest,
    a message signed by a branch as itself, a note in English, and an event to answer."""
    gazetteer_load(min_population=100_000)
    ended = factories.make_dispute(
        title="Ended bakery dispute", lat=53.80, lon=-1.55, city="Leeds", status="ended"
    )
    leeds = strike_wave["leeds"]
    services.dispute_update(dispute=leeds, description=ENGLISH_NOTE)
    message = Message.objects.create(
        dispute=leeds,
        body="Solidarity from the docks",
        sender_name=BRANCH,
        organisation_name=BRANCH,
        country="FR",
        language="en",
    )
    message_publish(message=message)
    event = factories.make_event(
        organiser=factories.make_coordinator(leeds),
        title="Leeds strike rally",
        capacity=40,
        starts_in=dt.timedelta(days=5),
    )
    event.disputes.add(leeds)
    return {**strike_wave, "ended": ended, "event": event}


def _no_horizontal_overflow(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, width


def _user_text_isolated(page, text: str) -> None:
    """`text` sits in a <bdi> or an element with a direction of its own."""
    isolated = page.evaluate(
        """(text) => [...document.querySelectorAll('main *')]
            .filter(e => e.childElementCount === 0 && e.textContent.includes(text))
            .every(e => {
                const own = e.closest('bdi, [dir]');
                return own !== null && own !== document.documentElement;
            })""",
        text,
    )
    assert isolated, text


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_first_hour(open_page, first_hour, language, viewport):
    size = "phone" if viewport is PHONE else "desktop"
    shot = f"first-hour-{language}-{size}"
    tab = open_page(viewport=viewport, locale=language)
    page = tab.page

    # 1. The map, in the reader's direction, with nothing wider than the screen.
    tab.goto("/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    wait_for_map(page)
    _no_horizontal_overflow(page)
    assert tab.fetch("/favicon.ico").ok

    # 2. A place typed on the map moves the map and lists the nearest, staying on the map.
    typed, nearest = SEARCHES[language]
    page.fill("#place-search-input", typed)
    page.click(".place-search button[type=submit]")
    expect(page.locator(".map-nearest__item").first).to_contain_text(nearest)
    assert urlsplit(page.url).path == "/"
    tab.screenshot(f"{shot}-1-map-search")

    # 3. The list starts with disputes that are on, not the newest ended one; countries by name.
    tab.goto("/disputes/")
    titles = page.locator(".result__title").all_inner_texts()
    assert titles[0] != "Ended bakery dispute" and "Ended bakery dispute" in titles
    expect(page.locator("main")).to_contain_text(UNITED_KINGDOM[language])
    _no_horizontal_overflow(page)
    tab.screenshot(f"{shot}-2-list")

    # 4. The nearest dispute: user content isolated, the branch named once, the country by name.
    leeds = first_hour["leeds"]
    tab.goto(leeds.get_absolute_url())
    _user_text_isolated(page, ENGLISH_NOTE)
    signature = page.locator(".solidarity-message__from").first
    expect(signature).to_contain_text(BRANCH)
    assert signature.inner_text().count(BRANCH) == 1
    _no_horizontal_overflow(page)
    tab.screenshot(f"{shot}-3-dispute", full_page=True)

    # 5. A message of solidarity.
    form = page.locator("#messages form")
    form.locator("#id_sender_name").fill("Amal")
    form.locator("#id_body").fill("We stand with you.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url.rstrip("/").endswith("thanks") or "thank" in page.url
    expect(page.locator("main")).not_to_contain_text("..")

    # 6. A picket in London: join it.
    london = first_hour["london"]
    tab.goto(london.get_absolute_url())
    with page.expect_navigation():
        page.locator(".picket-occurrence a").first.click()
    page.fill("#id_name", "Sam")
    page.fill("#id_email", f"sam-{language}-{size}@example.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main a[href*='cancel']").first).to_be_visible()

    # 7. An event: answer it.
    tab.goto(first_hour["event"].get_absolute_url())
    page.fill("#id_name", "Ada")
    page.fill("#id_email", f"ada-{language}-{size}@example.org")
    with page.expect_navigation():
        page.click("#rsvp button[type=submit]")
    assert page.url != first_hour["event"].get_absolute_url()
    tab.screenshot(f"{shot}-4-rsvp")

    # 8. The solidarity charts: no label smaller than 12 px.
    tab.goto("/solidarity/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('main .chart *')]
            .filter(e => e.childElementCount === 0 && e.textContent.trim())
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes and min(sizes) >= 12, sizes
    _no_horizontal_overflow(page)
    tab.screenshot(f"{shot}-5-solidarity", full_page=True)

    # 9. The feeds keep to what /data/ promises: announced and active disputes by default.
    body = tab.fetch("/disputes.csv").text()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {row["status"] for row in rows} <= {"announced", "active"}
    assert "Ended bakery dispute" not in body
    atom = tab.fetch("/disputes.atom").text()
    assert "Ended bakery dispute" not in atom and "Leeds bin workers" in atom
    assert tab.errors == []
