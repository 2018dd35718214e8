"""Small charts drawn on the server as SVG: no script, nothing for the CSP to refuse.

Each chart is a figure with its numbers beside it in the page (the caller renders a table), so
a screen reader or a printout loses nothing.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 150
CHART_WIDTH = 480


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
    room = CHART_WIDTH - LABEL_WIDTH - 70
    height = len(bars) * (BAR_HEIGHT + GAP)
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="{}" text-anchor="end" '
        'class="chart__label">{}</text><rect x="{}" y="0" width="{}" height="{}" '
        'class="chart__bar"></rect><text x="{}" y="{}" class="chart__value">{}</text></g>',
        (
            (
                index * (BAR_HEIGHT + GAP),
                LABEL_WIDTH - 8,
                BAR_HEIGHT - 6,
                bar.label[:24],
                LABEL_WIDTH,
                max(1, round(room * bar.value / top)),
                BAR_HEIGHT,
                LABEL_WIDTH + max(1, round(room * bar.value / top)) + 6,
                BAR_HEIGHT - 6,
                bar.shown,
            )
            for index, bar in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}</svg>',
        CHART_WIDTH,
        height,
        _id(title),
        _id(title),
        title,
        rows,
    )


def _id(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
