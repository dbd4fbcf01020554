"""Where the shipped data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SAMPLES_DIR = PACKAGE_DIR / "samples"


def cypher_dir() -> Path:
    """The named-query folder: inside the package when installed, top-level in a checkout."""
    installed = PACKAGE_DIR / "cypher"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "cypher"


@cache
def _data_loader() -> type:
    """A SafeLoader with YAML 1.2 booleans: only true/false. Cue lists hold words like 'on',
    'no' and 'yes' that YAML 1.1 would turn into booleans. Built on first use so that
    commands that read no data file do not import yaml; libyaml's parser where PyYAML has it
    (several times faster on the gazetteer, read at every start)."""
    import yaml

    class DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    DataLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    DataLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return DataLoader


@cache
def load_yaml(name: str) -> Any:
    """Parse one of the package's data files (kg/data/NAME)."""
    import yaml

    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_data_loader())  # noqa: S506 - a SafeLoader subclass
