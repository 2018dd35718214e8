"""Gazetteer places are named in the reader's language where GeoNames has the name: Arabic
pages say "مانشستر", not "Manchester"."""

import pytest
from django.conf import settings
from django.utils import translation

from picketline.places.models import PlaceLocalName
from picketline.places.selectors import place_resolve, place_search
from picketline.places.services import _written_in_arabic


def test_the_loader_keeps_arabic_names(gazetteer):
    names = PlaceLocalName.objects.filter(language="ar")
    assert names.get(place_id=2643123).name == "مانشستر"  # Manchester
    assert names.get(place_id=3117735).name == "مدريد"  # Madrid
    assert names.count() > 10_000


def test_suggestions_in_arabic_use_arabic_names(gazetteer):
    with translation.override("ar"):
        first = place_search(text="Manchester", limit=3)[0]
    assert first.name == "مانشستر"
    assert first.label == "مانشستر, إنجلترا, المملكة المتحدة"


def test_a_place_without_an_arabic_name_keeps_its_own(gazetteer):
    with translation.override("ar"):
        resolution = place_resolve(text="Ledsham")
    assert resolution.label.startswith("Ledsham, ")


def test_english_suggestions_keep_the_places_own_names(gazetteer):
    with translation.override("en"):
        assert place_search(text="مانشستر", limit=1)[0].label == (
            "Manchester, England, United Kingdom"
        )


def test_the_arabic_list_page_says_where_it_searched_in_arabic(client, gazetteer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get("/disputes/", {"near": "Manchester"}).content.decode()
    assert "مانشستر, إنجلترا, المملكة المتحدة" in page


@pytest.mark.parametrize(
    ("name", "arabic"),
    [
        ("مانشستر", True),
        ("مدريد", True),
        ("القاهرة", True),
        ("مادرىد", False),  # alef maqsura inside a word
        ("قُلُونِيَة", False),  # vowel marks
        ("مانچسٹر", False),  # Urdu letters
        ("لیدز، آلاباما", False),  # Persian yeh and a region after the comma
        ("لأندأن", False),
        ("رم", False),  # too short to trust
        ("Leeds", False),
    ],
)
def test_it_tells_arabic_names_from_persian_and_urdu_ones(name, arabic):
    assert _written_in_arabic(name) is arabic


def test_loading_again_adds_the_names_a_gazetteer_loaded_without_them(gazetteer):
    from picketline.places.services import gazetteer_load

    PlaceLocalName.objects.all().delete()
    result = gazetteer_load()
    assert result["loaded"] is False
    assert PlaceLocalName.objects.get(place_id=2643123, language="ar").name == "مانشستر"
