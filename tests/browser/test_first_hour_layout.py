"""What a newcomer sees of the layout in the first hour: chart labels readable on a phone, the
description box of "Add a strike" marked like every other field in error, and room between the
levels of solidarity and the delegations."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.messages.services import message_publish
from picketline.solidarity.models import Message
from tests import factories
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

# The size a reader sees of each piece of text in the charts: an SVG's text is scaled with its
# drawing, so its font size is multiplied by the drawing's scale on the screen.
SEEN_SIZES = """() => Array.from(document.querySelectorAll('.dashboard__chart *'))
  .filter(el => Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(el => el.getClientRects().length && !el.closest('.visually-hidden'))
  .map(el => {
    const size = parseFloat(getComputedStyle(el).fontSize);
    const matrix = el.getScreenCTM ? el.getScreenCTM() : null;
    return [el.textContent.trim(), matrix ? size * Math.abs(matrix.a) : size];
  })"""


def _messages_from(dispute, countries):
    for country in countries:
        message = Message.objects.create(dispute=dispute, body="Solidarity", country=country)
        message_publish(message=message)


def test_chart_labels_are_at_least_12_px_on_a_phone(open_page):
    dispute = factories.make_dispute()
    _messages_from(dispute, ["FR", "FR", "ES", "DE", "GB", "BR"])
    tab = open_page(viewport=PHONE)
    tab.goto("/solidarity/")
    sizes = tab.page.evaluate(SEEN_SIZES)
    assert any(text == "France" for text, _size in sizes), sizes
    small = [(text, size) for text, size in sizes if size < 12]
    assert small == []
    # The charts fit the phone's screen.
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert tab.errors == []


def test_the_description_box_in_error_has_the_red_border_of_the_other_fields(open_page):
    tab = open_page(viewport=PHONE)
    tab.goto("/add/")
    page = tab.page
    with page.expect_navigation():
        page.click("form.submission-form button[type=submit]")
    assert page.locator("#id_description").get_attribute("aria-invalid") == "true" or (
        page.locator(".field--invalid #id_description").count() == 1
    )
    border = "el => getComputedStyle(el).borderInlineStartColor"
    employer = page.locator("#id_employer").evaluate(border)
    description = page.locator("#id_description").evaluate(border)
    assert employer == "rgb(163, 32, 27)"  # --red
    assert description == employer
    assert tab.errors == []


def test_the_levels_explained_and_the_delegations_have_room_between_them(open_page):
    dispute = factories.make_dispute()
    delegation_add(
        dispute=dispute,
        user=None,
        kind="visited",
        date=timezone.now().date() - dt.timedelta(days=1),
        group_name="Dockers' branch",
    )
    tab = open_page(viewport=PHONE)
    tab.goto(dispute.get_absolute_url())
    gap = tab.page.evaluate(
        """() => {
          const details = document.querySelector('.level-scale');
          const heading = details.nextElementSibling;
          return heading.getBoundingClientRect().top - details.getBoundingClientRect().bottom;
        }"""
    )
    assert gap >= 12
