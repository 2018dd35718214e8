"""Which text a reader is shown: the approved translation into their language beside the
original; a missing or draft translation falls back to the original with a note; right to
left for Farsi and Arabic."""

import pytest

from picketline.charters.selectors import charter_versions, language_pick, version_in_language
from tests.charters import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    return helpers.make_charter(slug="workers")


def test_it_shows_an_approved_translation_beside_the_original(client, charter):
    response = client.get("/charters/workers/es/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="es" dir="ltr"' in page
    assert "Artículo 1. Estamos unidos." in page
    assert 'lang="en" dir="ltr"' in page
    assert "Article 1. We stand together." in page
    assert "Reviewer es" in page
    assert "charter__note" not in page


def test_it_sets_right_to_left_on_the_farsi_text_only(client, charter):
    page = client.get("/charters/workers/fa/").content.decode()
    assert 'lang="fa" dir="rtl"' in page
    assert "مادهٔ ۱. ما با هم ایستاده‌ایم." in page
    # The original beside it keeps its own direction.
    assert 'lang="en" dir="ltr"' in page


def test_a_missing_translation_falls_back_to_the_original_with_a_note(client, charter):
    page = client.get("/charters/workers/ko/").content.decode()
    assert "There is no translation into 한국어 yet: the original is shown." in page
    assert "Article 1. We stand together." in page
    assert 'lang="ko"' not in page.split("charter__texts", 1)[1]


def test_a_draft_falls_back_to_the_original_with_a_note_and_the_draft_apart(client, charter):
    page = client.get("/charters/workers/fr/").content.decode()
    assert "is a draft that no reviewer has approved yet" in page
    assert "Article 1. We stand together." in page
    assert "charter__text--draft" in page
    assert "Article 1. Nous sommes unis." in page


def test_the_shown_text_is_the_original_for_a_draft(charter):
    version = charter_versions(charter)[0]
    shown = version_in_language(charter, version, "fr")
    assert shown.is_fallback
    assert shown.text.language == "en"
    assert shown.draft.language == "fr"
    approved = version_in_language(charter, version, "es")
    assert not approved.is_fallback
    assert approved.text.language == "es"


def test_the_readers_language_comes_from_their_browser(client, charter):
    page = client.get("/charters/workers/", HTTP_ACCEPT_LANGUAGE="fa-IR,fa;q=0.9,en;q=0.5")
    assert 'lang="fa" dir="rtl"' in page.content.decode()
    assert "Accept-Language" in page["Vary"]


def test_it_prefers_an_approved_language_the_reader_also_reads(charter):
    version = charter_versions(charter)[0]
    # French is only a draft: the reader's second language, Spanish, is approved.
    assert language_pick(charter, version, ["fr", "es"]) == "es"
    # Nothing approved that they read: their first language, where the page explains.
    assert language_pick(charter, version, ["ko", "so"]) == "ko"
    assert language_pick(charter, version, []) == "en"


def test_simplified_chinese_is_found_from_a_browser_tag(client, charter):
    page = client.get("/charters/workers/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "There is no translation into 中文 yet" in page


def test_an_unknown_language_is_not_found(client, charter):
    assert client.get("/charters/workers/xx/").status_code == 404
    assert client.get("/charters/nothing/es/").status_code == 404


def test_every_language_is_offered_with_its_state(client, charter):
    page = client.get("/charters/workers/").content.decode()
    for code in ("en", "es", "so", "fa", "it", "id", "ko", "hi", "fr", "zh-hans", "ar"):
        assert f'href="/charters/workers/{code}/"' in page
