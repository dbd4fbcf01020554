"""The store's schema and write statements, derived from the ontology data file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from kg.model import Entity, name_key
from kg.ontology import Ontology, ontology

STATEMENTS_DIR = Path(__file__).resolve().parent
# every placeholder but __ROWS__, an Arrow table's name, which the store that scans it fills
_PLACEHOLDER = re.compile(r"__(?!ROWS__)[A-Z]+__")
RELATION_COLUMNS = {
    "article_id": "STRING",
    "evidence": "STRING",
    "date": "STRING",
    "confidence": "DOUBLE",
    "method": "STRING",
    "modality": "STRING",
    "amount": "DOUBLE",
    "currency": "STRING",
    "role": "STRING",
    "former": "BOOLEAN",
    "detail": "STRING",
}
JUDGEMENT_COLUMNS = {
    "kind": "STRING",  # merge, split or reject
    "subject": "STRING",  # merge: the entity kept; split: one entity; reject: the fact's subject
    "object": "STRING",  # merge: the entity merged into it; split: the other; reject: object
    "relation": "STRING",  # reject: the fact's type
    "who": "STRING",
    "at": "STRING",  # ISO 8601 time, UTC
    "note": "STRING",
    "undone": "BOOLEAN",
    "detail": "STRING",  # JSON: what undoing needs (the articles as they were before)
}
# The scores and evidence a ranking board keeps for each of its entities (rollups.py).
LEADS_COLUMNS = {
    "entity": "STRING",
    "articles": "INT64",
    "actions": "INT64",
    "partners": "INT64",
    "relations": "STRING[]",
    "first": "STRING",
    "last": "STRING",
    "sentences": "STRING[]",
    "sources": "STRING[]",
    "dates": "STRING[]",
}


@cache
def statement(name: str, dialect: str | None = None) -> str:
    """A write statement template from kg/store/NAME.cypher, or its DIALECT variant
    (NAME.DIALECT.cypher) where the engines differ."""
    variant = STATEMENTS_DIR / f"{name}.{dialect}.cypher"
    if dialect and variant.exists():
        return variant.read_text(encoding="utf-8")
    return (STATEMENTS_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def fill(template: str, fragments: Mapping[str, str] | None = None, **labels: str) -> str:
    """The one way a statement template is filled: LABELS are ontology-checked names put in
    for `__KEY__` (LOOKUP a lookup type, TYPE a relationship type, RELATION one or the mentions
    type, anything else a node label); FRAGMENTS are Cypher pieces that code built from
    checked names (a board's MATCH pattern). Never user values; every placeholder is filled."""
    model = ontology()
    for key, value in labels.items():
        if key == "LOOKUP":
            if value not in (model.lookup["by_id"], model.lookup["by_name"]):
                raise ValueError(f"Unknown lookup type {value!r}")
        elif key == "RELATION" and value == model.mentions_type:
            pass  # the one relationship table outside the ontology's types
        elif key in ("TYPE", "RELATION"):
            model.relation(value)
        else:
            model.check_label(value)
        template = template.replace(f"__{key}__", value)
    for key, fragment in (fragments or {}).items():
        template = template.replace(f"__{key}__", fragment)
    if left := _PLACEHOLDER.findall(template):
        raise ValueError(f"statement template not filled: {', '.join(sorted(set(left)))}")
    return template


def ladybug_schema(model: Ontology | None = None) -> list[str]:
    """CREATE statements for LadybugDB: a node table per label, a rel table per type."""
    model = model or ontology()
    statements = [
        f"CREATE NODE TABLE IF NOT EXISTS {label}(id STRING, name STRING, aliases STRING[], "
        "wikidata STRING, description STRING, PRIMARY KEY(id))"
        for label in model.labels
    ]
    statements.append(
        f"CREATE NODE TABLE IF NOT EXISTS {model.article_label}(id STRING, url STRING, "
        "title STRING, source STRING, published STRING, digest STRING, PRIMARY KEY(id))"
    )
    # stores made before articles kept a digest lack it
    statements.append(f"ALTER TABLE {model.article_label} ADD IF NOT EXISTS digest STRING")
    judged = ", ".join(f"{name} {kind}" for name, kind in JUDGEMENT_COLUMNS.items())
    statements.append(
        f"CREATE NODE TABLE IF NOT EXISTS {model.judgement_label}(id STRING, {judged}, "
        "PRIMARY KEY(id))"
    )
    columns = ", ".join(f"{name} {kind}" for name, kind in RELATION_COLUMNS.items())
    for rel in model.relations.values():
        pairs = ", ".join(f"FROM {s} TO {o}" for s in rel.domain for o in rel.range)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.name}({pairs}, {columns})")
    mention_pairs = ", ".join(f"FROM {model.article_label} TO {label}" for label in model.labels)
    statements.append(
        f"CREATE REL TABLE IF NOT EXISTS {model.mentions_type}({mention_pairs}, surfaces STRING[])"
    )
    lookup = model.lookup["label"]
    statements.append(f"CREATE NODE TABLE IF NOT EXISTS {lookup}(key STRING, PRIMARY KEY(key))")
    lookup_pairs = ", ".join(f"FROM {lookup} TO {label}" for label in model.labels)
    for kind in ("by_id", "by_name"):
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {model.lookup[kind]}({lookup_pairs})")
    return [*statements, *_rollup_schema(model)]


def _rollup_schema(model: Ontology) -> list[str]:
    """The tables of the store's kept counts, ranking boards and entity index
    (kg/store/rollups.py)."""
    tables = model.rollups
    board_pairs = ", ".join(f"FROM {tables['board']} TO {label}" for label in model.labels)
    leads_columns = ", ".join(f"{name} {kind}" for name, kind in LEADS_COLUMNS.items())
    index_pairs = ", ".join(f"FROM {tables['index']} TO {label}" for label in model.labels)
    return [
        f"CREATE NODE TABLE IF NOT EXISTS {tables['count']}(key STRING, kind STRING, "
        "type STRING, count INT64, PRIMARY KEY(key))",
        f"CREATE NODE TABLE IF NOT EXISTS {tables['board']}(key STRING, PRIMARY KEY(key))",
        f"CREATE REL TABLE IF NOT EXISTS {tables['leads']}({board_pairs}, {leads_columns})",
        # stores made before boards were kept by year lack it
        f"ALTER TABLE {tables['leads']} ADD IF NOT EXISTS entity STRING",
        f"CREATE NODE TABLE IF NOT EXISTS {tables['index']}(position INT64, PRIMARY KEY(position))",
        f"CREATE REL TABLE IF NOT EXISTS {tables['lists']}({index_pairs})",
    ]


def neo4j_schema(model: Ontology | None = None) -> list[str]:
    """Idempotent Neo4j schema: a uniqueness constraint on each label's id and an index on
    names (every Bolt server kg writes to must take these)."""
    model = model or ontology()
    statements = []
    for label in (*model.labels, model.article_label, model.judgement_label):
        key = label.lower()
        statements.append(
            f"CREATE CONSTRAINT kg_{key}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        )
    for label in model.labels:
        statements.append(
            f"CREATE INDEX kg_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
        )
    return statements


def neo4j_fulltext_index(model: Ontology | None = None) -> str:
    """A full-text index over every label's names and aliases, for people searching the
    database in Neo4j's own tools; kg's queries do not need it, and servers that take only
    single-label or no full-text indexes (ArcadeDB) go without."""
    labels = "|".join((model or ontology()).labels)
    return (
        f"CREATE FULLTEXT INDEX kg_names IF NOT EXISTS FOR (n:{labels}) ON EACH [n.name, n.aliases]"
    )


def lookup_keys(entity: Entity) -> list[tuple[str, str]]:
    """(key, "by_id" or "by_name") pairs under which the embedded store finds ENTITY."""
    names = dict.fromkeys(name_key(n) for n in (entity.name, *entity.aliases) if n.strip())
    return [(entity.id, "by_id"), *((name, "by_name") for name in names)]
