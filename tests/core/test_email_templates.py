"""Plain-text emails are written as they are: their templates turn HTML escaping off, so a name
like "Drivers' pay & conditions" never arrives as "Drivers&#x27; pay &amp; conditions"."""

import re
from pathlib import Path

import picketline

TEMPLATES = Path(picketline.__file__).parent / "templates"
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+\.txt)["']""")


def _text_templates() -> dict[str, str]:
    return {
        str(path.relative_to(TEMPLATES)): path.read_text()
        for path in sorted(TEMPLATES.rglob("*.txt"))
    }


def test_every_text_template_turns_escaping_off():
    templates = _text_templates()
    assert templates, "no text templates found"
    partials = {name for name in templates if Path(name).name.startswith("_")}
    escaping = [
        name
        for name, text in templates.items()
        if name not in partials and "autoescape off" not in text
    ]
    assert not escaping, f"wrap these in {{% autoescape off %}}: {escaping}"


def test_every_partial_is_included_only_where_escaping_is_off():
    templates = _text_templates()
    for name, text in templates.items():
        for included in INCLUDE.findall(text):
            assert "autoescape off" in text, f"{name} includes {included} with escaping on"
