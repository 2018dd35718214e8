"""The solidarity app's parts keep their arrows one way: no part imports another app's views or
forms, services never import tasks (tasks call services), and every part is a package of its own
rather than a set of files sharing a name prefix."""

import ast
from pathlib import Path

import picketline.solidarity

ROOT = Path(picketline.solidarity.__file__).parent
PARTS = ("messages", "funds", "pickets", "delegations", "levels", "dashboard")


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    """Which solidarity modules each one imports, at module level or inside a function."""
    modules = {_module_name(path): path for path in _modules()}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(f"{imported}."):
                targets.add(imported)
        graph[name] = targets
    return graph


def test_it_imports_no_views_or_forms_of_another_app():
    wrong = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _modules()
        for name in _imports(path)
        if name.startswith("picketline.")
        and not name.startswith(("picketline.solidarity.", "picketline.core."))
        and name.split(".")[-1].endswith(("views", "forms"))
    ]
    assert wrong == []


def test_no_module_imports_one_that_imports_it_back():
    graph = _graph()
    cycles = []

    def visit(name, path):
        for target in graph.get(name, ()):
            if target == path[0]:
                cycles.append(" -> ".join([*path, target]))
            elif target not in path and len(path) < 8:
                visit(target, [*path, target])

    for start in graph:
        if start != "picketline.solidarity.apps":  # ready() imports every part's hooks
            visit(start, [start])
    assert cycles == []


def test_picket_tasks_call_services_and_services_never_import_tasks():
    graph = _graph()
    assert "picketline.solidarity.pickets.services" in graph["picketline.solidarity.pickets.tasks"]
    for part in PARTS:
        services = graph.get(f"picketline.solidarity.{part}.services", set())
        assert f"picketline.solidarity.{part}.views" not in services
    assert (
        "picketline.solidarity.pickets.tasks" not in graph["picketline.solidarity.pickets.services"]
    )


def test_every_part_is_a_package_and_no_file_carries_a_part_prefix():
    for part in PARTS:
        assert (ROOT / part / "__init__.py").exists()
    prefixed = [
        p.name for p in ROOT.glob("*.py") if p.stem.startswith(tuple(f"{x}_" for x in PARTS))
    ]
    assert prefixed == []
