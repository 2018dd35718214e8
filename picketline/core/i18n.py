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


def content_languages() -> list[tuple[str, str]]:
    """The languages content is written and translated in: (code, its own name)."""
    return list(settings.CONTENT_LANGUAGES)


def content_language_name(code: str) -> str:
    """A content language's own name ("فارسی" for fa), else its code."""
    return dict(settings.CONTENT_LANGUAGES).get(code, code)


def is_right_to_left(code: str) -> bool:
    """Whether text in the language `code` runs from right to left (Django's LANGUAGES_BIDI)."""
    return (code or "").split("-")[0].lower() in settings.LANGUAGES_BIDI


# Accept-Language tags that name Simplified Chinese without saying "hans".
_SIMPLIFIED_CHINESE = {"zh", "zh-cn", "zh-sg", "zh-my"}


def content_language_for(tag: str) -> str | None:
    """The content language a language tag asks for ("fa-IR" → fa, "zh-CN" → zh-hans), or
    None when none fits."""
    tag = (tag or "").strip().lower().replace("_", "-")
    codes = {code for code, _name in settings.CONTENT_LANGUAGES}
    if tag in codes:
        return tag
    if tag in _SIMPLIFIED_CHINESE or tag.startswith("zh-hans"):
        return "zh-hans" if "zh-hans" in codes else None
    if tag.startswith("zh-"):  # Traditional Chinese is not Simplified: no fit
        return None
    base = tag.split("-")[0]
    return base if base in codes else None


def reader_content_languages(request) -> list[str]:
    """The content languages this reader reads, best first: the interface language they
    chose (the language cookie), then their browser's languages in order of preference; the
    interface's language only when they said neither."""
    from django.utils.translation.trans_real import parse_accept_lang_header

    tags = []
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        tags.append(chosen)
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:500]
    tags.extend(tag for tag, _q in parse_accept_lang_header(header) if tag != "*")
    if not tags:
        tags.append(translation.get_language() or "")
    found = []
    for tag in tags:
        code = content_language_for(tag)
        if code and code not in found:
            found.append(code)
    return found


def reader_content_language(request) -> str:
    """The one content language a page shows its content in for this reader: the first they
    read, else the interface's language."""
    found = reader_content_languages(request)
    return found[0] if found else current_language()
