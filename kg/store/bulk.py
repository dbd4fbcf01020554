"""Arrow tables of new rows, for LadybugDB's bulk COPY FROM (about 10x faster than MERGE).

COPY fails on a primary key the table already has and does not deduplicate relationships,
so every table here holds only keys the caller has checked are new, each once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from kg.model import ArticleGraph, Entity
from kg.store import rows
from kg.store.rows import RelationGroup
from kg.store.schema import RELATION_COLUMNS, lookup_keys

if TYPE_CHECKING:
    import pyarrow as pa


ARTICLE_COLUMNS = [
    (name, "STRING") for name in ("id", "url", "title", "source", "published", "digest")
]
ENTITY_COLUMNS = [("id", "STRING"), ("name", "STRING"), ("aliases", "STRING[]"),
                  ("wikidata", "STRING"), ("description", "STRING")]  # fmt: skip
MENTION_COLUMNS = [("from", "STRING"), ("to", "STRING"), ("surfaces", "STRING[]")]
RELATION_TABLE_COLUMNS = [("from", "STRING"), ("to", "STRING"), *RELATION_COLUMNS.items()]
RELATION_TABLE_NAMES = [name for name, _ in RELATION_TABLE_COLUMNS]


def _schema(columns: Iterable[tuple[str, str]]) -> pa.Schema:
    """An Arrow schema from (column, LadybugDB type) pairs."""
    import pyarrow as pa

    types = {
        "STRING": pa.string(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "STRING[]": pa.list_(pa.string()),
        "INT64": pa.int64(),
    }
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _columns() -> dict[str, list[Any]]:
    return defaultdict(list)


def _columns_table(columns: dict[str, list[Any]], spec: list[tuple[str, str]]) -> pa.Table:
    import pyarrow as pa

    return pa.table({name: columns[name] for name, _ in spec}, schema=_schema(spec))


def rows_table(records: Iterable[dict[str, Any]], spec: list[tuple[str, str]]) -> pa.Table:
    """RECORDS (dicts holding at least the columns of SPEC) as an Arrow table of SPEC's types."""
    columns = _columns()
    for row in records:
        for name, _ in spec:
            columns[name].append(row[name])
    return _columns_table(columns, spec)


def _concat(tables: list[pa.Table]) -> pa.Table:
    import pyarrow as pa

    return pa.concat_tables(tables)


def article_table(graphs: Sequence[ArticleGraph]) -> pa.Table:
    """The articles of GRAPHS, in the node table's column order."""
    return rows_table(rows.article_rows(graphs), ARTICLE_COLUMNS)


def entity_table(entities: Iterable[Entity]) -> pa.Table:
    """Entity nodes of one label, in the node table's column order."""
    columns = _columns()
    for e in entities:
        for name, value in (("id", e.id), ("name", e.name), ("aliases", list(e.aliases)),
                            ("wikidata", e.wikidata), ("description", e.description)):  # fmt: skip
            columns[name].append(value)
    return _columns_table(columns, ENTITY_COLUMNS)


def key_table(keys: list[str]) -> pa.Table:
    """Lookup key nodes."""
    return _columns_table({"key": keys}, [("key", "STRING")])


def lookup_table(entities: Iterable[Entity], kind: str) -> pa.Table:
    """Lookup key -> entity edges of KIND ("by_id" or "by_name")."""
    columns = _columns()
    for entity in entities:
        for key, how in lookup_keys(entity):
            if how == kind:
                columns["from"].append(key)
                columns["to"].append(entity.id)
    return _columns_table(columns, [("from", "STRING"), ("to", "STRING")])


class PendingRows:
    """New rows gathered chunk by chunk for one COPY per table: articles, mentions and
    relationships as Arrow tables built column by column, entities by label and id with
    their aliases merged."""

    def __init__(self) -> None:
        self.article_ids: set[str] = set()
        self._articles: list[pa.Table] = []
        self.entities: dict[str, dict[str, Entity]] = defaultdict(dict)
        self.mentions: dict[str, list[pa.Table]] = defaultdict(list)
        self.relations: dict[RelationGroup, list[pa.Table]] = defaultdict(list)

    @property
    def articles(self) -> int:
        """How many articles are pending."""
        return len(self.article_ids)

    def has_article(self, article_id: str) -> bool:
        """Whether ARTICLE_ID is already pending."""
        return article_id in self.article_ids

    def add(self, graphs: Sequence[ArticleGraph]) -> None:
        """Gather the rows of GRAPHS, articles the store does not have."""
        if not graphs:
            return
        self.article_ids.update(g.document.id for g in graphs)
        self._articles.append(article_table(graphs))
        mentions: dict[str, dict[str, list[Any]]] = defaultdict(_columns)
        relations: dict[RelationGroup, dict[str, list[Any]]] = defaultdict(_columns)
        for graph in graphs:
            label_of = {}
            for entity in graph.entities:
                label_of[entity.id] = entity.label
                surfaces = graph.mentions.get(entity.id, ())
                self._add_entity(entity, surfaces)
                columns = mentions[entity.label]
                columns["from"].append(graph.document.id)
                columns["to"].append(entity.id)
                columns["surfaces"].append(list(surfaces))
            seen = set()
            for r in graph.relations:
                if (r.subject, r.type, r.object) in seen:
                    continue
                seen.add((r.subject, r.type, r.object))
                columns = relations[(label_of[r.subject], r.type, label_of[r.object])]
                for name, value in zip(RELATION_TABLE_NAMES, rows.relation_values(r), strict=True):
                    columns[name].append(value)
        for label, columns in mentions.items():
            self.mentions[label].append(_columns_table(columns, MENTION_COLUMNS))
        for group, columns in relations.items():
            self.relations[group].append(_columns_table(columns, RELATION_TABLE_COLUMNS))

    def _add_entity(self, entity: Entity, surfaces: tuple[str, ...]) -> None:
        known = self.entities[entity.label]
        earlier = known.get(entity.id)
        if earlier is None and not surfaces:
            known[entity.id] = entity
            return
        before = earlier.aliases if earlier else ()
        aliases = tuple(dict.fromkeys((*before, *entity.aliases, *surfaces)))
        wikidata = entity.wikidata or (earlier.wikidata if earlier else None)
        known[entity.id] = Entity(entity.id, entity.name, entity.label, aliases, wikidata)

    def article_table(self) -> pa.Table:
        """Every pending article."""
        return _concat(self._articles)

    def mention_table(self, label: str) -> pa.Table:
        """Every pending MENTIONS edge to entities of LABEL."""
        return _concat(self.mentions[label])

    def relation_table(self, group: RelationGroup) -> pa.Table:
        """Every pending relationship of one (subject label, type, object label)."""
        return _concat(self.relations[group])
