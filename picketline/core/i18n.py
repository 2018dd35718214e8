"""Language helpers every app shares."""

from django.conf import settings
from django.utils import translation


def current_language() -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language in codes:
        return language
    base = language.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE
