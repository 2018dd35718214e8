import re
import unicodedata

# Spaces, hyphens and dashes of every kind, apostrophes, quotes and brackets.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013\u2014_.,'\u2019`\"()]+")


def normalize_name(text: str) -> str:
    """A search key: case-folded, accents and vowel marks dropped, punctuation as spaces.

    "Saint-Étienne" and "saint etienne" share a key; Arabic and Cyrillic keep their letters.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Arabic tatweel is decoration, not a letter.
    stripped = stripped.replace("\u0640", "")
    return " ".join(_SEPARATORS.sub(" ", stripped.casefold()).split())


def plain_text(value: str) -> str:
    """Text with any markup removed (scripts and styles with their content), for plain display.

    Submitted text is shown as text, never as HTML; this also keeps stored values free of tags
    that would otherwise come back to life in feeds, exports and emails.
    """
    import html

    import nh3

    cleaned = nh3.clean(value, tags=set(), clean_content_tags={"script", "style"})
    return html.unescape(cleaned).replace("\r\n", "\n").strip()


# A cell starting with one of these is a formula to a spreadsheet; people's text must not be one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


# A label that already ends a sentence takes no colon after it ("What is it about?").
_CLOSING_PUNCTUATION = ("?", "!", ":", ".", ";", "\u061f", "\uff1f", "\uff1a", "\u3002")


def labelled(label: str, message: str) -> str:
    """A message about a field, after the field's label: "Employer: This field is required.",
    but "What is it about? This field is required." rather than a colon after a question mark."""
    from django.utils.translation import gettext as _

    label = str(label).rstrip()
    if label.endswith(_CLOSING_PUNCTUATION):
        return _("%(label)s %(message)s") % {"label": label, "message": message}
    return _("%(label)s: %(message)s") % {"label": label, "message": message}
