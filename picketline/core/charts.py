"""Small bar charts drawn on the server: no script, nothing for the CSP to refuse.

Each chart is a figure with its numbers beside it in the page (the caller renders a table), so
a screen reader or a printout loses nothing. Labels and values are HTML text, at the page's own
size whatever the width of the screen; only each bar is a small SVG stretched to its row (an
SVG attribute, unlike an inline style, is allowed by the CSP). A whole chart drawn as one
scaled SVG shrank its labels to about 7 px on a phone.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# A bar's length in the units of its row's SVG, which stretches to the row.
TRACK = 1000
LABEL_LENGTH = 24


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # What to write at the end of the bar (the value, formatted for the reader).
    shown: str


def bar_chart(bars: list[Bar], *, title: str) -> SafeString:
    """Horizontal bars scaled to the largest value, labels on the start side."""
    if not bars:
        return SafeString("")
    top = max(bar.value for bar in bars) or 1
    rows = format_html_join(
        "",
        '<div class="chart__row"><span class="chart__label">{}</span>'
        '<svg class="chart__track" viewBox="0 0 {} 10" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false"><rect x="0" y="0" width="{}" height="10" '
        'class="chart__bar"></rect></svg><span class="chart__value">{}</span></div>',
        (
            (bar.label[:LABEL_LENGTH], TRACK, max(1, round(TRACK * bar.value / top)), bar.shown)
            for bar in bars
        ),
    )
    return format_html(
        '<div class="chart" role="img" aria-labelledby="{}">'
        '<span class="visually-hidden" id="{}">{}</span>{}</div>',
        _id(title),
        _id(title),
        title,
        rows,
    )


def _id(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
