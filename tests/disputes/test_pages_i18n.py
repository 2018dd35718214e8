import re

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


def _html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.text)[0]


def test_it_is_left_to_right_in_english(client):
    assert _html_tag(client.get("/")) == '<html lang="en" dir="ltr">'


@pytest.mark.parametrize("url", ["/", "/disputes/", "/data/", "/accounts/login/"])
def test_it_is_right_to_left_for_an_arabic_browser(client, url):
    response = client.get(url, headers={"accept-language": "ar"})
    assert _html_tag(response) == '<html lang="ar" dir="rtl">'


def test_it_is_right_to_left_with_the_language_cookie(client):
    dispute = factories.make_dispute()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get(dispute.get_absolute_url(), headers={"accept-language": "en"})
    assert _html_tag(response) == '<html lang="ar" dir="rtl">'


def test_it_offers_every_language_by_its_own_name(client):
    html = client.get("/").text
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</form>")]
    assert 'action="/i18n/setlang/"' in switcher
    assert 'name="csrfmiddlewaretoken"' in switcher
    assert '<input name="next" type="hidden" value="/">' in switcher
    for code, name in settings.LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in switcher
        assert name in switcher
    assert '<option value="en" lang="en" selected>' in switcher


def test_it_comes_back_to_the_same_page_after_switching(client):
    html = client.get("/disputes/", {"kind": "strike"}).text
    assert '<input name="next" type="hidden" value="/disputes/?kind=strike">' in html


def test_it_remembers_the_chosen_language_in_a_cookie(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/disputes/"})
    assert response.status_code == 302
    assert response["Location"] == "/disputes/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ar"
    assert int(cookie["max-age"]) == settings.LANGUAGE_COOKIE_AGE
    assert _html_tag(client.get("/disputes/")) == '<html lang="ar" dir="rtl">'


def test_it_checks_the_csrf_token_when_switching(client):
    client = client.__class__(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert response.status_code == 403
