"""Country names in the reader's language, from the Unicode CLDR through Babel.

The gazetteer's own names (GeoNames) are English only; CLDR is the maintained source of
localised territory names that browsers and operating systems use too. A code CLDR does not
know keeps the gazetteer's name, else the code itself.
"""

from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from django.conf import settings

from picketline.core.i18n import current_language

# CLDR's English names are made for menus ("Congo - Kinshasa", "St. Lucia"); in a sentence
# the long forms read better.
_ENGLISH_IN_PROSE = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MO": "Macao",
    "MM": "Myanmar",
}


@cache
def _territories(language: str) -> dict[str, str]:
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse(settings.LANGUAGE_CODE)
    names = dict(locale.territories)
    if locale.language == "en":
        names = {code: name.replace(" & ", " and ") for code, name in names.items()}
        names.update(_ENGLISH_IN_PROSE)
    return names


def country_names(codes: Iterable[str], *, language: str | None = None) -> dict[str, str]:
    """{code: name in `language` (the active one by default)} for these ISO 3166 codes."""
    territories = _territories(language or current_language())
    wanted = {code.upper() for code in codes if code}
    names = {code: territories[code] for code in wanted if code in territories}
    unknown = wanted - names.keys()
    if unknown:
        from picketline.places.models import Country

        names.update(Country.objects.filter(code__in=unknown).values_list("code", "name"))
    return {code: names.get(code, code) for code in wanted}


def country_name(code: str, *, language: str | None = None, default: str = "") -> str:
    """One country's name in `language` (the active one by default); `default` or the code
    when CLDR does not know it."""
    if not code:
        return default
    territories = _territories(language or current_language())
    return territories.get(code.upper()) or default or code.upper()


# CLDR territories with two letters that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def country_choices(*, language: str | None = None) -> list[tuple[str, str]]:
    """Every country as (ISO 3166 code, name in `language`), in the order of their names:
    for a form's choice of country."""
    territories = _territories(language or current_language())
    choices = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return sorted(choices, key=lambda choice: choice[1].casefold())
