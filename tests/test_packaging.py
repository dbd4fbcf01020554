"""A wheel ships the named queries, the loaders, the data files and the samples."""

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
        "loaders/__init__.py",
        "loaders/feed.py",
        "kg/data/gazetteer.yaml",
        "kg/data/ontology.yaml",
        "kg/store/merge_relations.cypher",
    } <= names
    assert any(n.startswith("kg/samples/") and n.endswith(".txt") for n in names)
    # every module and data file of the package, in every subpackage
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*")
               if p.suffix in (".py", ".yaml", ".cypher") and "__pycache__" not in p.parts}  # fmt: skip
    assert shipped <= names, sorted(shipped - names)
