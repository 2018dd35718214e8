"""Events and days of action on a phone: every page fits, in English and right to left in
Arabic, without script errors or refused content; and the event page adds the reader's own
time when their phone is in another zone."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from picketline.events.choices import EventMode
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.browser.conftest import PHONE, log_in
from tests.browser.test_new_pages_layout import _check

pytestmark = pytest.mark.browser

LONG_TITLE = "Solidarity assembly for the Kirkstall Road depot drivers and their families"
LONG_ADDRESS = "Leeds Trades Council, Jubilee Hall, 27 Great-George-Street-and-Portland-Crescent"


def _data():
    organiser = factories.make_user()
    dispute = factories.make_dispute(
        title="Northgate bus drivers' strike", lat=53.7997, lon=-1.5492, city="Leeds"
    )
    day = factories.make_day_of_action(
        title="International day of action for the Northgate drivers",
        organiser=organiser,
        disputes=[dispute],
        demands="Reinstate the sacked drivers\nEnd split shifts",
    )
    event = factories.make_event(
        title=LONG_TITLE,
        organiser=organiser,
        capacity=2,
        mode=EventMode.HYBRID,
        join_url="https://meet.example.org/northgate-assembly",
        address=LONG_ADDRESS,
        day_of_action=day,
        zone="Europe/Madrid",
    )
    event.disputes.add(dispute)
    for n in range(3):
        rsvps.rsvp_create(event=event, user=factories.make_user(username=f"comrade{n}"))
    return {"organiser": organiser, "day": day, "event": event}


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_the_events_pages_fit_a_phone(open_page, transactional_db, locale):
    data = _data()
    rtl = locale == "ar"
    event, day = data["event"], data["day"]

    def tab_for():
        tab = open_page(viewport=PHONE, locale=locale)
        if rtl:
            tab.context.add_cookies(
                [{"name": "picketline_language", "value": "ar", "url": tab.base}]
            )
        return tab

    anonymous = tab_for()
    public = [
        ("events-list", reverse("events:list")),
        ("events-map", reverse("events:map")),
        ("event", event.get_absolute_url()),
        ("days-of-action", reverse("events:days_of_action")),
        ("day-of-action", day.get_absolute_url()),
        ("host", reverse("events:host", kwargs={"slug": day.slug})),
    ]
    for name, path in public:
        _check(anonymous, name, path, rtl=rtl, screenshot=rtl)
    assert anonymous.errors == []

    organiser = tab_for()
    log_in(organiser, data["organiser"])
    private = [
        ("event-manage", reverse("events:manage", kwargs={"slug": event.slug})),
        ("event-edit", reverse("events:edit", kwargs={"slug": event.slug})),
        ("event-check-in", reverse("events:check_in", kwargs={"slug": event.slug})),
        ("event-message", reverse("events:message", kwargs={"slug": event.slug})),
        ("events-mine", reverse("events:mine")),
        ("event-new", reverse("events:create")),
        ("day-of-action-edit", reverse("events:day_of_action_edit", kwargs={"slug": day.slug})),
    ]
    for name, path in private:
        _check(organiser, name, path, rtl=rtl, screenshot=rtl)
    assert organiser.errors == []


def test_the_event_page_adds_the_readers_own_time_when_it_differs(open_page, transactional_db):
    # 19:00 in Madrid is six hours earlier in New York (five for a few weeks around the
    # clock changes): the reader's line must show New York's clock.
    day = dt.date.today() + dt.timedelta(days=30)
    starts = dt.datetime.combine(day, dt.time(19, 0), tzinfo=ZoneInfo("Europe/Madrid"))
    event = factories.make_event(title="Watch party", zone="Europe/Madrid")
    event.starts_at, event.ends_at = starts, starts + dt.timedelta(hours=2)
    event.save(update_fields=["starts_at", "ends_at"])
    new_york = starts.astimezone(ZoneInfo("America/New_York"))

    away = open_page(viewport=PHONE, timezone_id="America/New_York")
    away.goto(event.get_absolute_url())
    line = away.page.locator("#event-local-time")
    expect(line).to_be_visible()
    # In the page's language: "13:00" or "01:00 PM", either way New York's clock, not Madrid's.
    twelve = f"{new_york.hour % 12 or 12}:{new_york.minute:02d}"
    clock = re.compile(f"(?<![0-9])({new_york:%H:%M}|0?{twelve})")
    expect(line).to_contain_text(clock)
    expect(away.page.locator("main")).to_contain_text("Europe/Madrid")

    home = open_page(viewport=PHONE, timezone_id="Europe/Madrid")
    home.goto(event.get_absolute_url())
    expect(home.page.locator("#event-local-time")).to_be_hidden()
    assert away.errors == [] and home.errors == []
