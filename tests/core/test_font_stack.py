"""The site's font stack names common system fonts for every script the interface is read in,
so Korean or Hindi titles never show as empty boxes where a system has the fonts."""

import re

from django.contrib.staticfiles import finders

WANTED = {
    "Arabic": ("Noto Sans Arabic", "Geeza Pro", "Segoe UI Arabic"),
    "Devanagari": ("Noto Sans Devanagari", "Kohinoor Devanagari", "Nirmala UI"),
    "Hangul": ("Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic"),
    "Chinese": ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"),
}


def _font_stack() -> list[str]:
    with open(finders.find("css/site.css"), encoding="utf-8") as css:
        text = css.read()
    declaration = re.search(r"--font:(.*?);", text, re.S).group(1)
    declaration = re.sub(r"/\*.*?\*/", "", declaration, flags=re.S)
    return [family.strip().strip('"') for family in declaration.split(",")]


def test_it_names_system_fonts_for_each_script():
    stack = _font_stack()
    for script, families in WANTED.items():
        for family in families:
            assert family in stack, f"{family} ({script}) is missing from --font"


def test_it_ends_with_the_generic_family():
    assert _font_stack()[-1] == "sans-serif"
