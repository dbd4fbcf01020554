"""A wheel ships the named queries, the loaders (as kg_loaders), the data files and the
samples."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_cypher_loaders_data_and_samples(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_queries = {p.name for p in (ROOT / "cypher").glob("*.cypher")}
    assert {f"kg/cypher/{name}" for name in repo_queries} <= names
    assert {
        "kg_loaders/__init__.py",  # the loaders/ folder, under a name that shadows nothing
        "kg_loaders/feed.py",
        "kg/data/gazetteer.yaml",
        "kg/data/ontology.yaml",
        "kg/store/merge_relations.cypher",
    } <= names
    assert any(n.startswith("kg/samples/") and n.endswith(".txt") for n in names)
    # every module and data file of the package, in every subpackage
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*")
               if p.suffix in (".py", ".yaml", ".cypher") and "__pycache__" not in p.parts}  # fmt: skip
    assert shipped <= names, sorted(shipped - names)


def test_the_cli_runs_as_a_module_with_every_command() -> None:
    for module in ("kg", "kg.cli", "kg.cli.main"):
        result = subprocess.run(
            [sys.executable, "-m", module, "--help"], capture_output=True, text=True, check=True
        )
        assert "ask" in result.stdout and "train" in result.stdout, module


def test_every_third_party_import_is_a_declared_dependency() -> None:
    import ast
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]
    declared = {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}
    declared = {d.replace("_", "-") for d in declared}
    for r in requirements:  # "dask[distributed]" installs the distribution "distributed" too
        declared.update(re.findall(r"\[([\w-]+)\]", r))
    distributions = packages_distributions()
    undeclared = set()
    for path in [*(ROOT / "kg").rglob("*.py"), *(ROOT / "loaders").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots = [node.module.split(".")[0]]
            else:
                continue
            for root in roots:
                if root in sys.stdlib_module_names or root in {"kg", "kg_loaders"}:
                    continue
                names = {d.lower().replace("_", "-") for d in distributions.get(root, [root])}
                if not names & declared:
                    undeclared.add(f"{root} ({path.relative_to(ROOT)})")
    assert not undeclared, sorted(undeclared)
