"""Results of the benchmarks that run on their own (`make bench-load`, `bench/faults.py`).

Each owns one section of bench/RESULTS.md, between `<!-- section:NAME -->` and
`<!-- /section:NAME -->`, and one key of bench/results.json. Writing a section replaces only
that section (or appends it); `make bench` keeps these sections when it rewrites the rest.
"""

import json
import re

from benchlib import BENCH_DIR

RESULTS_MD = BENCH_DIR / "RESULTS.md"
RESULTS_JSON = BENCH_DIR / "results.json"


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- section:{name} -->", f"<!-- /section:{name} -->"


def section_replace(text: str, name: str, body: str) -> str:
    start, end = _markers(name)
    block = f"{start}\n{body.strip()}\n{end}\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text, count=1)
    return text.rstrip() + "\n\n" + block


def kept_sections(text: str) -> list[str]:
    """Every marked section of `text`, whole, in order (for `make bench` to carry over)."""
    pattern = re.compile(r"<!-- section:([\w-]+) -->.*?<!-- /section:\1 -->", re.DOTALL)
    return [match.group(0) + "\n" for match in pattern.finditer(text)]


def record(name: str, data: dict, markdown: str) -> None:
    """Puts `data` under `name` in results.json and `markdown` in its RESULTS.md section."""
    existing = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    existing[name] = data
    RESULTS_JSON.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else "# Benchmark results\n"
    RESULTS_MD.write_text(section_replace(text, name, markdown))
