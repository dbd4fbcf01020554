"""The layout shows the architecture: every module of kg is in a room named by its path, and no
import runs against the path of an article (loaders -> extraction -> resolution -> store ->
queries and outputs; jobs run them together; the CLI on top)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = {
    "model",
    "errors",
    "ontology",
    "resources",
    "gazetteer",
    "batches",
    "scores",
    "data_files",
    "rule_files",
    "__init__",
}
ROOMS = {"extraction", "resolution", "store", "queries", "outputs", "jobs", "cli"}
# what each room may import besides itself
MAY_IMPORT = {
    "shared": set(),
    "loaders": {"shared"},
    "resolution": {"shared"},
    "extraction": {"shared", "loaders", "resolution"},
    "store": {"shared"},
    "queries": {"shared", "store", "resolution", "extraction"},
    "outputs": {"shared", "store", "queries", "extraction"},
    "jobs": {"shared", "loaders", "extraction", "resolution", "store", "queries", "outputs"},
    "cli": {
        "shared",
        "loaders",
        "extraction",
        "resolution",
        "store",
        "queries",
        "outputs",
        "jobs",
    },  # fmt: skip
}


def room_of(module: str) -> str | None:
    """The room of a dotted module name; None outside the project."""
    parts = module.split(".")
    if parts[0] == "kg_loaders":
        return "loaders"
    if parts[0] != "kg":
        return None
    if len(parts) == 1 or parts[1] in SHARED:
        return "shared"
    if parts[1] == "__main__":
        return "cli"
    return parts[1] if parts[1] in ROOMS else f"unknown:{parts[1]}"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    for path in sorted((ROOT / "loaders").glob("*.py")):
        name = "kg_loaders" if path.stem == "__init__" else f"kg_loaders.{path.stem}"
        found.append((name, path))
    return found


def imports(path: Path) -> list[str]:
    """Every absolute import of PATH, those inside functions too."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_every_module_is_in_a_room() -> None:
    rooms = {module: room_of(module) for module, _ in modules()}
    assert not {m: r for m, r in rooms.items() if r is None or r.startswith("unknown")}
    top = {p.stem for p in (ROOT / "kg").glob("*.py")}
    assert top == SHARED | {"__main__"}


@pytest.mark.parametrize("room", sorted(MAY_IMPORT))
def test_no_import_runs_against_the_path_of_an_article(room: str) -> None:
    wrong = sorted(
        f"{module} imports {name}"
        for module, path in modules()
        if room_of(module) == room
        for name in imports(path)
        if (other := room_of(name)) not in (None, room) and other not in MAY_IMPORT[room]
    )
    assert wrong == []


def test_each_room_says_what_it_is_for_and_what_it_may_import() -> None:
    for room in ROOMS:
        doc = ast.get_docstring(ast.parse((ROOT / "kg" / room / "__init__.py").read_text()))
        assert doc and "import" in doc, room


def test_loaders_install_under_a_name_that_shadows_nothing() -> None:
    spec = importlib.util.find_spec("kg_loaders")
    assert spec is not None and spec.origin is not None
    assert Path(spec.origin).resolve().parent == ROOT / "loaders"
    for module, path in modules():
        assert not [n for n in imports(path) if n == "loaders" or n.startswith("loaders.")], module
