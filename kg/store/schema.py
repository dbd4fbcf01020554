"""The store's schema and write statements, derived from the ontology data file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.ontology import Ontology, ontology

STATEMENTS_DIR = Path(__file__).resolve().parent
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


@cache
def statement(name: str) -> str:
    """A write statement template from kg/store/NAME.cypher."""
    return (STATEMENTS_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def fill(template: str, **labels: str) -> str:
    """Put ontology-checked labels (never user values) into a statement template."""
    model = ontology()
    for key, value in labels.items():
        if key == "TYPE":
            model.relation(value)
        else:
            model.check_label(value)
        template = template.replace(f"__{key}__", value)
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
        "title STRING, source STRING, published STRING, PRIMARY KEY(id))"
    )
    columns = ", ".join(f"{name} {kind}" for name, kind in RELATION_COLUMNS.items())
    for rel in model.relations.values():
        pairs = ", ".join(f"FROM {s} TO {o}" for s in rel.domain for o in rel.range)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.name}({pairs}, {columns})")
    mention_pairs = ", ".join(f"FROM {model.article_label} TO {label}" for label in model.labels)
    statements.append(
        f"CREATE REL TABLE IF NOT EXISTS {model.mentions_type}({mention_pairs}, surfaces STRING[])"
    )
    return statements
