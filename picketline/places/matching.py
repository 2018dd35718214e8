"""How well a name matches what someone typed, for ranking and filtering place suggestions.

GeoNames lists former and unofficial names beside each place's own ("Leeds" is also an old
name of Hoopeston, Illinois), so a match on one of those alone is no reason to offer a town
whose name looks nothing like what was typed. Names in another script than the typed text
("Манчестер" for Manchester) cannot be compared letter by letter and are taken as they are.
"""

import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

# How alike (difflib's ratio, 0 to 1) a place's own name must be to the typed text when it was
# found through another of its names: "Munich" and "München" are 0.77, "Leeds" and "Elkins" 0.36.
RESEMBLANCE = 0.7
# How alike a name must be to count as a misspelling of the typed text ("Manchestr").
FUZZY_MATCH = 0.8
# Fewer letters than this are too few to guess a misspelling from.
FUZZY_MIN_LENGTH = 4


def similarity(typed: str, name: str) -> float:
    """How alike two normalised names are, the typed one possibly cut short ("manch")."""
    whole = SequenceMatcher(None, typed, name).ratio()
    start = SequenceMatcher(None, typed, name[: len(typed)]).ratio()
    return max(whole, start)


def script(key: str) -> str:
    """The script of a name's first letter ("LATIN", "CYRILLIC", "ARABIC", "CJK"…), or ""."""
    for character in key:
        if character.isalpha():
            return unicodedata.name(character, "").split(" ", 1)[0]
    return ""


def resembles(typed: str, *, own_name: str) -> bool:
    """Whether a place's own (normalised) name looks like the normalised typed text, or is
    written in another script, where no letter-by-letter comparison means anything."""
    if script(typed) != script(own_name):
        return True
    return similarity(typed, own_name) >= RESEMBLANCE


def misspellings_among(typed: str, keys: Iterable[str]) -> list[str]:
    """The keys close enough to `typed` to be what was meant by it ("manchester" for
    "manchestr"). The typed text is analysed once; cheap upper bounds rule most keys out."""
    matcher = SequenceMatcher(None)
    matcher.set_seq2(typed)
    close = []
    for key in keys:
        matcher.set_seq1(key)
        if (
            matcher.real_quick_ratio() >= FUZZY_MATCH
            and matcher.quick_ratio() >= FUZZY_MATCH
            and matcher.ratio() >= FUZZY_MATCH
        ):
            close.append(key)
    return close
