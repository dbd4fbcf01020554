"""The named-query library: one .cypher file per query, with a comment header."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.model import name_key
from kg.resources import cypher_dir

if TYPE_CHECKING:
    from kg.store.base import GraphStore

_HEADER = re.compile(r"^//\s*(name|description|param):\s*(.*)$")
_PARAM = re.compile(
    r"^(\w+)\s+(string|name|int|float|bool|list|ranking|year)\s+(.*?)(?:\s+Example:\s*(.+))?$"
)


@dataclass(frozen=True)
class Parameter:
    """One declared query parameter."""

    name: str
    type: str
    description: str
    example: str | None

    def convert(self, raw: str) -> Any:
        """Turn a command-line string into this parameter's type."""
        try:
            if self.type == "int":
                return int(raw)
            if self.type == "float":
                return float(raw)
            if self.type == "bool":
                return raw.lower() in ("1", "true", "yes")
            if self.type in ("list", "ranking"):
                items = [item.strip() for item in raw.split(",") if item.strip()]
                return _ranked(items) if self.type == "ranking" else items
            if self.type == "name":
                return name_key(raw)
            if self.type == "year" and raw and not re.fullmatch(r"\d{4}", raw):
                raise ValueError(raw)
        except ValueError:
            kind = "a year such as 2021, or empty" if self.type == "year" else self.type
            raise QueryError(f"parameter {self.name!r} must be {kind}, got {raw!r}") from None
        return raw


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name, description, parameters and text per dialect."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    path: Path
    variants: dict[str, Path]

    def text(self, dialect: str | None = None) -> str:
        """The query text, preferring DIALECT's variant file when there is one."""
        return _read(self.variants.get(dialect or "", self.path))

    def normalise(self, params: dict[str, Any]) -> dict[str, Any]:
        """PARAMS with names in lookup form, however the caller wrote them, and ranked type
        sets checked."""
        names = {p.name for p in self.parameters if p.type == "name"}
        rankings = {p.name for p in self.parameters if p.type == "ranking"}
        return {
            k: name_key(v) if k in names and isinstance(v, str)
            else _ranked(list(v)) if k in rankings else v
            for k, v in params.items()
        }  # fmt: skip

    def example_params(self) -> dict[str, Any]:
        """Parameters filled with the header's examples."""
        return {
            p.name: p.convert(p.example.strip('"'))
            for p in self.parameters
            if p.example is not None
        }

    def bind(self, raw: dict[str, str]) -> dict[str, Any]:
        """Typed parameters from key=value strings; missing or unknown names are errors."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(known) or 'none'}"
            )
        missing = [name for name in known if name not in raw]
        if missing:
            hints = ", ".join(f"-p {n}={known[n].example or '...'}" for n in missing)
            raise QueryError(f"query {self.name!r} needs {hints}")
        return {name: known[name].convert(value) for name, value in raw.items()}


def _ranked(types: list[str]) -> list[str]:
    """TYPES if the store keeps a ranking for that set of relationship types."""
    from kg.store.rollups import target_type_sets

    kept = target_type_sets()
    if ",".join(sorted(set(types))) not in kept:
        raise QueryError(
            f"no ranking is kept for relationship types {','.join(types) or '(none)'}; "
            f"the store ranks by: {'; '.join(kept)}"
        )
    return types


def parse_query_file(path: Path) -> NamedQuery:
    """Read a query file's header."""
    name, description, parameters = path.name.split(".")[0], "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.strip().startswith("//"):
                break
            continue
        key, value = match.groups()
        if key == "name":
            name = value.strip()
        elif key == "description":
            description = value.strip()
        else:
            param = _PARAM.match(value.strip())
            if not param:
                raise QueryError(f"{path}: malformed parameter line {value!r}")
            parameters.append(Parameter(*param.groups()))
    return NamedQuery(name, description, tuple(parameters), path, {})


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def library(directory: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries by name, each with its dialect variants: the shipped library is read
    once per process (one `kg ask` looks up dozens of queries)."""
    if directory is None:
        return dict(_shipped())
    return _read_library(directory)


@cache
def _shipped() -> dict[str, NamedQuery]:
    return _read_library(cypher_dir())


def _read_library(directory: Path) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        if path.name.count(".") == 1:
            queries[path.stem] = parse_query_file(path)
    for path in sorted(directory.glob("*.*.cypher")):
        base, dialect = path.name.split(".")[:2]
        if base in queries:
            queries[base].variants[dialect] = path
    return queries


def find_query(name: str) -> NamedQuery:
    """The named query NAME, or an error listing the available ones."""
    queries = _shipped()
    if name not in queries:
        raise QueryError(f"Unknown query {name!r}. Available: {', '.join(sorted(queries))}")
    return queries[name]


def run_named(store: GraphStore, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Run the named query NAME on STORE, in the store's dialect variant where there is one."""
    query = find_query(name)
    return store.run(query.text(store.dialect), query.normalise(params))


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """key=value strings from the command line into a dict."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"parameter {pair!r} must look like key=value")
        out[key.strip()] = value
    return out
