"""SPARQL over an export, with Oxigraph."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError
from kg.outputs.export import export
from kg.store.base import GraphStore

EXTENSIONS = {
    ".ttl": "TURTLE",
    ".nt": "N_TRIPLES",
    ".jsonld": "JSON_LD",
    ".json": "JSON_LD",
    ".trig": "TRIG",
    ".nq": "N_QUADS",
}


def load_export(path: Path) -> Any:
    """An in-memory Oxigraph store holding the export at PATH (format from its extension)."""
    import pyoxigraph

    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise KGError(f"{path}: not an RDF export; use one of {', '.join(EXTENSIONS)}")
    if not path.is_file():
        raise KGError(f"{path}: no such file")
    oxigraph = pyoxigraph.Store()
    try:
        oxigraph.bulk_load(path=str(path), format=getattr(pyoxigraph.RdfFormat, kind))
    except (SyntaxError, ValueError, OSError) as exc:
        raise KGError(f"{path}: cannot be read as {kind}: {exc}") from None
    return oxigraph


def store_as_rdf(store: GraphStore, base_iri: str | None = None) -> Any:
    """The graph in STORE as an Oxigraph store (through a streamed N-Quads export)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.nq"
        export(store, "nq", path, base_iri=base_iri)
        return load_export(path)


def run_sparql(oxigraph: Any, query: str) -> list[dict[str, Any]]:
    """SELECT rows as dicts of plain values; ASK as one row {'answer': bool}."""
    try:
        result = oxigraph.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return [{"answer": bool(result)}]
    variables = getattr(result, "variables", None)
    if variables is None:
        return [
            {"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value}
            for t in result
        ]
    names = [v.value for v in variables]
    return [
        {name: (None if row[name] is None else row[name].value) for name in names} for row in result
    ]
