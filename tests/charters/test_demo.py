"""`picketline demo-charters`: the car-industry charter in eleven languages, each a whole
translation (not a copy, not a placeholder), most approved, two drafts; endorsements of every
kind; idempotent."""

import re

import pytest
from django.core.management import call_command

from picketline.charters.demo import DEMO_SLUG
from picketline.charters.demo_text import DRAFTS, ENGLISH, TRANSLATIONS
from picketline.charters.models import Charter, Endorsement
from picketline.charters.selectors import endorsement_counts
from picketline.moderation.models import ModerationItem

pytestmark = pytest.mark.django_db

LANGUAGES = {"es", "so", "fa", "it", "id", "ko", "hi", "fr", "zh-hans", "ar"}
# Each language's own script, at least in most of its letters.
SCRIPTS = {
    "fa": r"[\u0600-\u06FF]",
    "ar": r"[\u0600-\u06FF]",
    "ko": r"[\uAC00-\uD7AF]",
    "hi": r"[\u0900-\u097F]",
    "zh-hans": r"[\u4E00-\u9FFF]",
}


def _paragraphs(text: str) -> int:
    return len([part for part in text.split("\n\n") if part.strip()])


def test_it_loads_the_charter_once(capsys):
    call_command("demo_charters")
    call_command("demo_charters")
    assert "already there" in capsys.readouterr().out
    charter = Charter.objects.get(slug=DEMO_SLUG)
    assert charter.versions.count() == 1
    version = charter.versions.get()
    translations = {t.language: t for t in version.translations.all()}
    assert set(translations) == LANGUAGES
    drafts = {code for code, t in translations.items() if t.status == "draft"}
    assert drafts == set(DRAFTS)
    for code, translation in translations.items():
        if code not in DRAFTS:
            assert translation.reviewer_name and translation.reviewed_at, code


def test_every_translation_is_the_whole_text_in_its_language():
    english_title, english = ENGLISH
    assert 220 <= len(english.split()) <= 300
    english_words = set(re.findall(r"[a-z]{4,}", english.lower()))
    for code, (title, text) in TRANSLATIONS.items():
        assert title and title != english_title, code
        # The preamble and six articles, each its own paragraph.
        assert _paragraphs(text) == _paragraphs(english) == 7, code
        if code in SCRIPTS:
            letters = [c for c in text if c.isalpha()]
            native = [c for c in letters if re.match(SCRIPTS[code], c)]
            assert len(native) > 0.9 * len(letters), code
        else:
            words = re.findall(r"[a-z]{4,}", text.lower())
            shared = [w for w in words if w in english_words]
            assert len(shared) < 0.2 * len(words), code


def test_it_has_endorsements_of_every_kind(client):
    call_command("demo_charters")
    charter = Charter.objects.get(slug=DEMO_SLUG)
    counts = endorsement_counts(charter)
    assert counts.people == 12
    assert counts.organisations == 3
    assert Endorsement.objects.filter(show_name=False).count() == 6
    assert ModerationItem.objects.filter(kind="endorsement", status="pending").count() == 1
    page = client.get(f"/charters/{DEMO_SLUG}/fa/").content.decode()
    assert 'lang="fa" dir="rtl"' in page
    assert "Ana Souza" in page
    assert "Reza Karimi" not in page
    assert "charter-endorser-" not in page
    draft = client.get(f"/charters/{DEMO_SLUG}/so/").content.decode()
    assert "is a draft" in draft
    assert "Axdiga Midnimada" in draft
