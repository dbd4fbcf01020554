"""The embedded store: LadybugDB in a directory on disk."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.errors import ReadOnlyError, StoreError, StoreLockedError
from kg.model import ArticleGraph
from kg.store import rows
from kg.store.base import ClosingStore
from kg.store.schema import fill, ladybug_schema, statement

DATABASE_FILE = "graph.lbug"


def _translate(exc: Exception, where: Path) -> StoreError:
    message = str(exc).splitlines()[0]
    if "lock" in message.lower():
        return StoreLockedError(
            f"{where}: another kg process is writing to this store; wait for it to finish "
            "(read-only commands such as 'kg query' can run alongside)"
        )
    if "read-only" in message.lower() or "read only" in message.lower():
        return ReadOnlyError(f"{where}: this query writes; add --write to allow it")
    return StoreError(f"{where}: {message}")


class LadybugStore(ClosingStore):
    """A LadybugDB database in DIRECTORY (created on first write)."""

    dialect = "ladybug"

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        import ladybug

        self.directory = directory
        self.read_only = read_only
        path = directory / DATABASE_FILE
        if read_only and not path.exists():
            raise StoreError(f"{directory}: no graph here yet; run 'kg ingest' or 'kg demo' first")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._database = ladybug.Database(str(path), read_only=read_only)
            self._connection = ladybug.Connection(self._database)
        except (RuntimeError, OSError) as exc:
            raise _translate(exc, directory) from None
        if not read_only:
            for ddl in ladybug_schema():
                self._execute(ddl)

    def _execute(self, query: str, params: dict[str, Any] | None = None) -> Any:
        try:
            return self._connection.execute(query, params or {})
        except RuntimeError as exc:
            raise _translate(exc, self.directory) from None

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one Cypher query; rows as dicts keyed by the RETURN names."""
        result = self._execute(query, params)
        results = result if isinstance(result, list) else [result]
        last = results[-1]
        columns = last.get_column_names()
        return [dict(zip(columns, row, strict=True)) for row in last.get_all()]

    def write(self, graphs: Sequence[ArticleGraph]) -> None:
        """Write whole articles in one transaction: all of the batch or none of it."""
        if not graphs:
            return
        self._execute("BEGIN TRANSACTION")
        try:
            self._write_batch(graphs)
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def _rollback(self) -> None:
        # A failed statement may already have ended the transaction.
        with contextlib.suppress(RuntimeError):
            self._connection.execute("ROLLBACK")

    def _write_batch(self, graphs: Sequence[ArticleGraph]) -> None:
        self._execute(statement("merge_article"), {"rows": rows.article_rows(graphs)})
        for label, entities in rows.entities_by_label(graphs).items():
            stored = {
                row["id"]: row["aliases"] or []
                for row in self.run(
                    fill(statement("existing_aliases"), LABEL=label), {"ids": list(entities)}
                )
            }
            entity_rows = [
                {
                    "id": e.id,
                    "name": e.name,
                    "wikidata": e.wikidata,
                    "aliases": list(dict.fromkeys((*stored.get(e.id, []), *e.aliases))),
                }
                for e in entities.values()
            ]
            self._execute(fill(statement("merge_entities"), LABEL=label), {"rows": entity_rows})
        for label, mention_rows in rows.mention_rows(graphs).items():
            self._execute(fill(statement("merge_mentions"), LABEL=label), {"rows": mention_rows})
        for (subject, rel_type, obj), relation_rows in rows.relation_rows(graphs).items():
            query = fill(statement("merge_relations"), SUBJECT=subject, TYPE=rel_type, OBJECT=obj)
            self._execute(query, {"rows": relation_rows})

    def close(self) -> None:
        """Close the connection and the database (releasing the write lock)."""
        self._connection.close()
        self._database.close()
