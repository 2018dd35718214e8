"""Common demands in the eleven content languages (CONTENT_LANGUAGES), not only the interface's
three: the demand form takes a translation in any of them, each field marked with its language
and direction; a campaign is written in any of them; the page, the matrix and the API show
each demand in the reader's language when it is translated, and as written (saying so)
otherwise; a language outside them is refused and stores nothing."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from picketline.campaigns import services
from picketline.campaigns.models import Campaign, CommonDemand, CommonDemandTranslation
from tests import factories
from tests.campaigns.helpers import add_demand, dispute_in, join, make_campaign

pytestmark = pytest.mark.django_db

CONTENT_CODES = [code for code, _name in settings.CONTENT_LANGUAGES]
FARSI_PAY = "دستمزد برابر برای کار برابر"
KOREAN_PAY = "동일 노동 동일 임금"
NOTE = "(not translated into your language yet: shown as written)"


@pytest.fixture
def campaign():
    return make_campaign(title="Aurora car workers")


@pytest.fixture
def signed_in(client, campaign):
    user = factories.make_user(username="coordinator-one")
    factories.make_totp_device(user)
    campaign.coordinators.add(user)
    factories.login(client, user)
    return client


def _demands_url(campaign, path=""):
    return f"/campaigns/{campaign.slug}/manage/demands/{path}"


def _inputs(page: str) -> dict[str, str]:
    """{name: the whole <input> tag} of the page's translation fields."""
    return {
        match.group(1): match.group(0)
        for match in re.finditer(r'<input[^>]*name="(text_[a-z-]+)"[^>]*>', page)
    }


def test_the_form_has_a_field_for_each_content_language_marked_with_its_direction(
    signed_in, campaign
):
    page = signed_in.get(_demands_url(campaign)).content.decode()
    inputs = _inputs(page)
    assert sorted(inputs) == sorted(f"text_{code}" for code in CONTENT_CODES)
    assert len(inputs) == 11
    for code in CONTENT_CODES:
        tag = inputs[f"text_{code}"]
        assert f'lang="{code}"' in tag
        direction = "rtl" if code in ("ar", "fa") else "ltr"
        assert f'dir="{direction}"' in tag, tag
    # Compact: the translations sit in a closed group until something is in it.
    group = page.split('<details class="demand-translations"')[1].split("</details>")[0]
    assert group.startswith(">") and "Other languages" in group
    assert 'name="text_fa"' in group and 'name="text"' not in group
    # Each label names its language in its own script, isolated from the label's sentence.
    assert '<label for="id_text_fa">In \u2068فارسی\u2069:</label>' in page
    # The language the demand is written in is any content language.
    for code in CONTENT_CODES:
        assert f'<option value="{code}"' in page


def test_a_coordinator_translates_a_demand_into_farsi_korean_and_indonesian(signed_in, campaign):
    response = signed_in.post(
        _demands_url(campaign),
        {
            "text": "Equal pay for equal work",
            "language": "en",
            "position": 1,
            "text_fa": FARSI_PAY,
            "text_ko": KOREAN_PAY,
            "text_id": "Upah setara untuk kerja setara",
            "text_so": "",
        },
    )
    assert response.status_code == 302
    demand = CommonDemand.objects.get()
    assert {t.language: t.text for t in demand.translations.all()} == {
        "fa": FARSI_PAY,
        "ko": KOREAN_PAY,
        "id": "Upah setara untuk kerja setara",
    }
    # The edit page opens the group, with each translation in its field.
    page = signed_in.get(_demands_url(campaign, f"{demand.pk}/")).content.decode()
    assert '<details class="demand-translations" open>' in page
    assert f'value="{FARSI_PAY}"' in _inputs(page)["text_fa"]


def test_a_demand_written_in_farsi_is_saved_in_farsi(signed_in, campaign):
    response = signed_in.post(
        _demands_url(campaign),
        {"text": FARSI_PAY, "language": "fa", "position": 1, "text_en": "Equal pay"},
    )
    assert response.status_code == 302
    demand = CommonDemand.objects.get()
    assert (demand.language, demand.text) == ("fa", FARSI_PAY)
    assert [(t.language, t.text) for t in demand.translations.all()] == [("en", "Equal pay")]


def test_a_demand_in_a_language_outside_the_content_languages_stores_nothing(signed_in, campaign):
    response = signed_in.post(
        _demands_url(campaign),
        {"text": "Gleicher Lohn", "language": "de", "position": 1, "text_fa": FARSI_PAY},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not CommonDemand.objects.exists()
    assert not CommonDemandTranslation.objects.exists()


def test_the_service_refuses_a_translation_outside_the_content_languages(campaign):
    with pytest.raises(ValidationError) as raised:
        add_demand(campaign, "Equal pay", translations={"fa": FARSI_PAY, "de": "Gleicher Lohn"})
    assert "text_de" in raised.value.message_dict
    assert not CommonDemand.objects.exists()
    assert not CommonDemandTranslation.objects.exists()


def test_a_campaign_is_written_in_any_content_language_and_no_other(client):
    factories.login(client, factories.make_moderator())
    page = client.get("/campaigns/new/").content.decode()
    language_menu = page.split('id="id_language"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([a-z-]+)"', language_menu) == CONTENT_CODES
    response = client.post(
        "/campaigns/new/", {"title": "کارگران خودروسازی", "language": "fa", "status": "active"}
    )
    assert response.status_code == 302
    assert Campaign.objects.get().language == "fa"
    refused = client.post(
        "/campaigns/new/", {"title": "Autoarbeiter", "language": "de", "status": "active"}
    )
    assert refused.status_code == 400
    assert Campaign.objects.count() == 1
    with pytest.raises(ValidationError):
        make_campaign(title="Autoarbeiter", language="de")
    assert Campaign.objects.count() == 1


@pytest.fixture
def translated(campaign):
    join(campaign, dispute_in("DE"))
    pay = add_demand(
        campaign, "Equal pay", position=1, translations={"fa": FARSI_PAY, "ko": KOREAN_PAY}
    )
    jobs = add_demand(campaign, "Permanent jobs", position=2, translations={"ko": "정규직"})
    return pay, jobs


def test_the_page_shows_demands_in_the_readers_farsi_right_to_left(client, campaign, translated):
    page = client.get(
        campaign.get_absolute_url(), headers={"accept-language": "fa-IR,fa;q=0.9"}
    ).content.decode()
    demands = page.split('id="demands-heading"')[1].split("</section>")[0]
    assert f'<span lang="fa" dir="rtl">{FARSI_PAY}</span>' in demands
    # Not translated into Farsi: as written, left to right, saying so once.
    assert '<span lang="en" dir="ltr">Permanent jobs</span>' in demands
    assert demands.count(NOTE) == 1
    matrix = page.split('id="matrix"')[1].split("</table>")[0]
    assert f'<span lang="fa" dir="rtl">{FARSI_PAY}</span>' in matrix
    assert '<span lang="en" dir="ltr">Permanent jobs</span> <span class="hint">' in matrix


def test_each_reader_gets_their_own_language_from_the_cached_page(client, campaign, translated):
    url = campaign.get_absolute_url()
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    korean = client.get(url, headers={"accept-language": "ko"}).content.decode()
    farsi = client.get(url, headers={"accept-language": "fa"}).content.decode()
    assert "Equal pay" in english and NOTE not in english
    assert f'<span lang="ko" dir="ltr">{KOREAN_PAY}</span>' in korean and NOTE not in korean
    assert FARSI_PAY in farsi and KOREAN_PAY not in farsi


def test_the_api_lists_each_demands_translations_by_language_code(client, campaign, translated):
    response = client.get(f"/api/v1/campaigns/{campaign.slug}", headers={"accept-language": "fa"})
    assert response.status_code == 200
    pay, jobs = response.json()["demands"]
    assert (pay["text"], pay["language"], pay["direction"], pay["fallback"]) == (
        FARSI_PAY,
        "fa",
        "rtl",
        False,
    )
    assert (jobs["text"], jobs["language"], jobs["direction"], jobs["fallback"]) == (
        "Permanent jobs",
        "en",
        "ltr",
        True,
    )
    assert [(t["language"], t["direction"], t["original"]) for t in pay["translations"]] == [
        ("en", "ltr", True),
        ("fa", "rtl", False),
        ("ko", "ltr", False),
    ]
    farsi = next(t for t in pay["translations"] if t["language"] == "fa")
    assert (farsi["language_name"], farsi["text"]) == ("فارسی", FARSI_PAY)


def test_a_coordinator_cannot_save_another_campaigns_demand_through_the_service(campaign):
    other = make_campaign(title="Other campaign")
    demand = add_demand(other, "Theirs")
    with pytest.raises(ValidationError):
        services.common_demand_save(
            campaign=campaign,
            by=None,
            demand=demand,
            text="Mine",
            language="fa",
            position=1,
            translations={},
        )
    demand.refresh_from_db()
    assert (demand.text, demand.language) == ("Theirs", "en")


def test_a_campaign_written_in_farsi_shows_its_title_and_summary_right_to_left(client):
    campaign = make_campaign(
        title="کارگران خودروسازی", summary="یک مبارزه در پنج کشور.", language="fa"
    )
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert '<h1 lang="fa" dir="rtl">کارگران خودروسازی</h1>' in page
    assert '<div class="description" lang="fa" dir="rtl">' in page
    english = client.get(make_campaign(title="Car workers").get_absolute_url()).content.decode()
    assert '<h1 lang="en" dir="ltr">Car workers</h1>' in english
