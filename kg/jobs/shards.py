"""Article graphs as Parquet shards: one file per table (articles, entities, mentions,
relationships) per partition, written by a worker and read back whole by the one writer.

A shard holds everything an ArticleGraph does but the article's text (extraction is done; the
digest stays), so that graphs read back are written exactly as if extracted here.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import ArticleGraph, Document, Entity, Relation

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = ("articles", "entities", "mentions", "relations")
_STRING, _LIST = "string", "list"
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [(c, _STRING) for c in ("id", "url", "title", "source", "published", "digest")],
    "entities": [("article", _STRING), ("id", _STRING), ("name", _STRING), ("label", _STRING),
                 ("aliases", _LIST), ("wikidata", _STRING), ("description", _STRING)],
    "mentions": [("article", _STRING), ("entity", _STRING), ("surfaces", _LIST)],
    "relations": [("article", _STRING), ("subject", _STRING), ("type", _STRING),
                  ("object", _STRING), ("evidence", _STRING), ("date", _STRING),
                  ("confidence", "double"), ("method", _STRING), ("modality", _STRING),
                  ("properties", _STRING)],
}  # fmt: skip


def _schema(table: str) -> pa.Schema:
    import pyarrow as pa

    kinds = {_STRING: pa.string(), _LIST: pa.list_(pa.string()), "double": pa.float64()}
    return pa.schema([(name, kinds[kind]) for name, kind in COLUMNS[table]])


def tables(graphs: Sequence[ArticleGraph]) -> dict[str, pa.Table]:
    """GRAPHS as the four Arrow tables of a shard, rows in article order."""
    import pyarrow as pa

    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for graph in graphs:
        d = graph.document
        article = d.id
        rows["articles"].append({"id": article, "url": d.url, "title": d.title,
                                 "source": d.source, "published": d.published,
                                 "digest": d.digest})  # fmt: skip
        for e in graph.entities:
            rows["entities"].append({
                "article": article, "id": e.id, "name": e.name, "label": e.label,
                "aliases": list(e.aliases), "wikidata": e.wikidata, "description": e.description,
            })  # fmt: skip
        for entity, surfaces in graph.mentions.items():
            rows["mentions"].append({"article": article, "entity": entity,
                                     "surfaces": list(surfaces)})  # fmt: skip
        for r in graph.relations:
            rows["relations"].append({
                "article": r.article_id, "subject": r.subject, "type": r.type,
                "object": r.object, "evidence": r.evidence, "date": r.date,
                "confidence": r.confidence, "method": r.method, "modality": r.modality,
                # values keep their JSON types (amounts as numbers, flags as booleans)
                "properties": json.dumps([list(p) for p in r.properties]),
            })  # fmt: skip
    return {t: pa.Table.from_pylist(rows[t], schema=_schema(t)) for t in TABLES}


def graphs_of(shard: dict[str, pa.Table]) -> list[ArticleGraph]:
    """The ArticleGraphs of a shard's four tables, in article order."""
    entities: dict[str, list[Entity]] = defaultdict(list)
    for row in shard["entities"].to_pylist():
        entities[row["article"]].append(
            Entity(
                row["id"],
                row["name"],
                row["label"],
                tuple(row["aliases"] or ()),
                row["wikidata"],
                row["description"],
            )  # fmt: skip
        )
    mentions: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for row in shard["mentions"].to_pylist():
        mentions[row["article"]][row["entity"]] = tuple(row["surfaces"] or ())
    relations: dict[str, list[Relation]] = defaultdict(list)
    for row in shard["relations"].to_pylist():
        properties = tuple(tuple(p) for p in json.loads(row["properties"]))
        relations[row["article"]].append(
            Relation(
                row["subject"],
                row["type"],
                row["object"],
                row["article"],
                row["evidence"],
                row["date"],
                row["confidence"],
                row["method"],
                row["modality"],
                properties,
            )  # fmt: skip
        )
    return [
        ArticleGraph(
            document=Document(text="", **row),
            entities=tuple(entities[row["id"]]),
            mentions=mentions[row["id"]],
            relations=tuple(relations[row["id"]]),
        )
        for row in shard["articles"].to_pylist()
    ]


def shard_paths(directory: Path, name: str) -> dict[str, Path]:
    """Where shard NAME's tables live under DIRECTORY: TABLE/NAME.parquet."""
    return {table: directory / table / f"{name}.parquet" for table in TABLES}


def write_shard(graphs: Sequence[ArticleGraph], directory: Path, name: str) -> None:
    """Write GRAPHS as shard NAME under DIRECTORY (each file written whole, then renamed, so a
    reader never sees half a file)."""
    import pyarrow.parquet as pq

    data = tables(graphs)
    for table, path in shard_paths(directory, name).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        pq.write_table(data[table], partial)
        partial.replace(path)


def read_shard(directory: Path, name: str) -> list[ArticleGraph]:
    """The graphs of shard NAME under DIRECTORY."""
    import pyarrow.parquet as pq

    return graphs_of({t: pq.read_table(p) for t, p in shard_paths(directory, name).items()})


def shard_bytes(graphs: Sequence[ArticleGraph]) -> dict[str, bytes]:
    """GRAPHS as a shard's four Parquet files in memory, for a worker with no shared folder."""
    import pyarrow.parquet as pq

    out = {}
    for table, data in tables(graphs).items():
        buffer = io.BytesIO()
        pq.write_table(data, buffer)
        out[table] = buffer.getvalue()
    return out


def graphs_from_bytes(shard: dict[str, bytes]) -> list[ArticleGraph]:
    """The inverse of shard_bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return graphs_of({t: pq.read_table(pa.BufferReader(shard[t])) for t in TABLES})
