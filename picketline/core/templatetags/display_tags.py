"""Putting people's words, names and dates into the interface's sentences.

A name, a place or a title typed in one script and shown inside a sentence of another (an
English union in an Arabic sentence, an Arabic city in an English list) is reordered by the
bidirectional algorithm together with the punctuation around it: "القاهرة, Egypt" reads
"Egypt ,القاهرة" and "Union (demo)" loses its bracket. Inside <bdi> a value keeps its own
direction and the sentence its own.
"""

import datetime as dt

from django import template
from django.utils import formats
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from picketline.core import text
from picketline.core.i18n import is_right_to_left

register = template.Library()


@register.filter(is_safe=True)
def bdi(value) -> SafeString | str:
    """The value escaped (unless already marked safe) inside <bdi>; nothing for an empty value,
    so an optional field adds no empty element."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", conditional_escape(value))


# Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: <bdi> for plain text.
FSI, PDI = "\u2068", "\u2069"


@register.filter
def isolate(value) -> str:
    """The value between directional isolates, for plain-text emails: an English name inside an
    Arabic sentence (or the reverse) keeps its own order; nothing for an empty value."""
    if value is None or value == "":
        return ""
    return f"{FSI}{value}{PDI}"


@register.filter
def text_direction(language) -> str:
    """The `dir` of an element holding people's words in a known language: rtl for a
    right-to-left one (fa, ar), else ltr."""
    return "rtl" if is_right_to_left(language or "") else "ltr"


@register.filter(is_safe=True)
def bdi_join(values) -> SafeString:
    """Several names as one list ("Cairo, Egypt"), each isolated, the empty ones left out."""
    separator = pgettext("list separator", ", ")
    return SafeString(
        conditional_escape(separator).join(
            format_html_join("", "<bdi>{}</bdi>", [(value,)]) for value in values if value
        )
    )


@register.simple_tag
def labelled(label, message) -> str:
    """A field's label and a message about it, without a colon after a question mark."""
    return text.labelled(label, message)


@register.simple_tag
def date_range(first: dt.date, last: dt.date) -> SafeString:
    """One day, or the first and the last, as <time> elements in the language's date style,
    with nothing around them: it sits in brackets or at the end of a sentence."""

    def one(day: dt.date) -> SafeString:
        return format_html(
            '<time datetime="{}">{}</time>', day.isoformat(), formats.date_format(day)
        )

    if last is None or last == first:
        return one(first)
    return format_html("{} \u2013 {}", one(first), one(last))
