"""The events package shows its domain: one package per capability, no file-name prefixes, and
imports that point one way (views → services and selectors → models; notices are built from
models and selectors, and only services call them)."""

import ast
import pathlib
import re

import picketline.events

ROOT = pathlib.Path(picketline.events.__file__).parent
KINDS = ("views", "forms", "urls", "hooks", "services", "selectors", "models", "tasks")
# Shared helpers other apps keep for every app: not their pages.
ALLOWED_FOREIGN = {"picketline.core.forms", "picketline.accounts.forms"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(("picketline", "events", *path.relative_to(ROOT).with_suffix("").parts))
        yield name.removesuffix(".__init__"), path


def _imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_it_names_no_module_with_a_prefix():
    prefixed = [
        str(path.relative_to(ROOT))
        for _name, path in _modules()
        if re.fullmatch(rf"[a-z]+_({'|'.join(KINDS)})\.py", path.name)
    ]
    assert prefixed == []


def test_it_imports_no_other_apps_views_or_forms():
    wrong = [
        (name, imported)
        for name, path in _modules()
        for imported in _imports(path)
        if imported.startswith("picketline.")
        and not imported.startswith("picketline.events")
        and re.search(r"(^|\.|_)(views|forms)(\.|$)", imported.removeprefix("picketline."))
        and not any(imported.startswith(allowed) for allowed in ALLOWED_FOREIGN)
    ]
    assert wrong == []


def test_notices_and_selectors_call_no_service():
    for name, path in _modules():
        if name.endswith((".notices", ".selectors", ".models")):
            calls = [i for i in _imports(path) if re.search(r"\.(services|views)\b", i)]
            assert calls == [], name


def test_no_service_selector_or_model_imports_a_view_or_a_form():
    for name, path in _modules():
        if name.endswith((".services", ".selectors", ".models", ".notices")):
            wrong = [
                i
                for i in _imports(path)
                if i.startswith("picketline.events") and re.search(r"\.(views|forms)\b", i)
            ]
            assert wrong == [], name


def test_the_core_builds_on_no_other_part_but_the_rsvp_engine():
    """`days/` and `manage/` build on the core; the core reads their models at most. The
    app's hooks and its demo data put the parts together and are the exceptions."""
    for name, path in _modules():
        if name.count(".") != 2 or name.endswith((".hooks", ".demo")):
            continue
        for imported in _imports(path):
            for part in ("days", "manage"):
                prefix = f"picketline.events.{part}"
                if imported.startswith(prefix):
                    assert imported.startswith(f"{prefix}.models"), (name, imported)
