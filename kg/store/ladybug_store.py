"""The embedded store: LadybugDB in a directory on disk."""

from __future__ import annotations

import contextlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.batches import batches
from kg.errors import DiskFullError, ReadOnlyError, StoreError, StoreLockedError
from kg.model import ArticleGraph, Document, Entity
from kg.ontology import ontology
from kg.store import bulk, rollups, rows
from kg.store.base import ClosingStore
from kg.store.reader import stored_versions
from kg.store.schema import fill, ladybug_schema, lookup_keys, statement
from kg.store.space import abandon, file_size, is_disk_full, require_space

DATABASE_FILE = "graph.lbug"
LOG_FILE = DATABASE_FILE + ".wal"
SHADOW_FILE = DATABASE_FILE + ".shadow"  # a checkpoint in progress, or one that failed
RECOVERY_PENDING = "checkpoint recovery is pending"


# Write-ahead log size at which LadybugDB folds it into the database file. A checkpoint rewrites
# every relationship table a write touched, whole (each FROM-TO pair of a type is its own table):
# 2-20 s here whatever the graph's size, so fewer, larger checkpoints; LadybugDB's default is
# 16 MiB, three batches of articles.
CHECKPOINT_BYTES = 64 * 1024 * 1024


def _buffer_pool_bytes(cache_mb: int | None) -> int:
    """LadybugDB's page cache: KG_BUFFER_POOL_MB if set, else CACHE_MB, else LadybugDB's
    default (0: 80% of the machine's memory, which queries over a whole large graph need)."""
    configured = os.environ.get("KG_BUFFER_POOL_MB", "").strip()
    if configured:
        if not configured.isdigit():
            raise StoreError(f"KG_BUFFER_POOL_MB={configured!r}: give a whole number of MiB")
        return int(configured) * 1024 * 1024
    return (cache_mb or 0) * 1024 * 1024


def _rows(result: Any) -> list[dict[str, Any]]:
    """The rows of a statement's (last) result as dicts keyed by the RETURN names."""
    last = (result if isinstance(result, list) else [result])[-1]
    columns = last.get_column_names()
    return [dict(zip(columns, row, strict=True)) for row in last.get_all()]


def _translate(exc: Exception, where: Path) -> StoreError:
    message = str(exc).splitlines()[0]
    if is_disk_full(message):
        return DiskFullError(
            f"{where}: disk full, a write failed and was undone; the articles reported "
            "written are kept: free space and run it again"
        )
    if RECOVERY_PENDING in message:
        return StoreError(f"{where}: an earlier checkpoint did not finish; {message}")
    if "lock" in message.lower():
        return StoreLockedError(
            f"{where}: another kg process is writing to this store; wait for it to finish "
            "(read-only commands such as 'kg query' can run alongside)"
        )
    if "read-only" in message.lower() or "read only" in message.lower():
        return ReadOnlyError(f"{where}: this query writes; add --write to allow it")
    if _lacks_rollups(message):
        return StoreError(
            f"{where}: this store was written by an older kg and has no counts, rankings or "
            "entity index yet; open it for writing once to build them (kg query --write "
            "--cypher 'RETURN 1')"
        )
    return StoreError(f"{where}: {message}")


def _lacks_rollups(message: str) -> bool:
    """Whether MESSAGE says a table of the rollups (kg/store/rollups.py) is missing, or the
    property boards kept by year added to the rankings' edges."""
    tables = "|".join(ontology().rollups.values())
    missing = rf"Table ({tables}) does not exist|Cannot find property entity for"
    return re.search(missing, message) is not None


def _open(path: Path, read_only: bool, cache_mb: int | None) -> tuple[Any, Any]:
    import ladybug

    database = ladybug.Database(
        str(path), read_only=read_only, buffer_pool_size=_buffer_pool_bytes(cache_mb)
    )
    return database, ladybug.Connection(database)


def recover(directory: Path) -> None:
    """Finish a checkpoint that did not (a full disk, a killed process): open the store for
    writing, fold its log into the database, close. Readers need this first."""
    require_space(directory, directory / LOG_FILE, 0, "finishing the last checkpoint")
    try:
        database, connection = _open(directory / DATABASE_FILE, False, None)
    except RuntimeError as exc:
        raise _translate(exc, directory) from None
    try:
        connection.execute("CHECKPOINT")
    except RuntimeError as exc:
        raise _translate(exc, directory) from None
    finally:
        connection.close()
        database.close()


class LadybugStore(ClosingStore):
    """A LadybugDB database in DIRECTORY (created on first write); CACHE_MB bounds its page
    cache, for long streaming reads whose memory must not grow with the graph."""

    dialect = "ladybug"

    def __init__(
        self, directory: Path, *, read_only: bool = False, cache_mb: int | None = None
    ) -> None:
        self.directory = directory
        self.read_only = read_only
        self._log = directory / LOG_FILE
        self._log_mark = 0  # the log's size before the transaction being written
        self._wrecked = False  # a write failed for want of space: never touch the store again
        path = directory / DATABASE_FILE
        if read_only and not path.exists():
            raise StoreError(f"{directory}: no graph here yet; run 'kg ingest' or 'kg demo' first")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _translate(exc, directory) from None
        pending = (directory / SHADOW_FILE).exists()
        if not read_only:
            require_space(
                directory,
                self._log,
                0,
                "finishing the last checkpoint" if pending else "opening the store for writing",
            )
        try:
            self._database, self._connection = _open(path, read_only, cache_mb)
        except RuntimeError as exc:
            if not (read_only and RECOVERY_PENDING in str(exc)):
                raise _translate(exc, directory) from None
            recover(directory)
            try:
                self._database, self._connection = _open(path, read_only, cache_mb)
            except RuntimeError as again:
                raise _translate(again, directory) from None
        self._rollups = rollups.Rollups(self.run, self.load)
        if not read_only:
            if pending:
                self._execute("CHECKPOINT")
            self._execute(f"CALL checkpoint_threshold={CHECKPOINT_BYTES}")
            for ddl in ladybug_schema():
                self._execute(ddl)
            self._build_missing_rollups()

    def _build_missing_rollups(self) -> None:
        """Create the ranking boards, and fill those, the counts and the entity index a store
        written before them lacks (one pass over the graph, once)."""
        self._execute("BEGIN TRANSACTION")
        try:
            created = self._rollups.create_boards()
            if self.run("MATCH (a:Article) RETURN a.id LIMIT 1"):
                if not self._rollups.has_counts():
                    self._rollups.recount(rollups.all_tables())
                self._rollups.rescore(dict.fromkeys(created))
                if not self._rollups.index_complete():
                    self._rollups.index()
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def refresh_rollups(self) -> None:
        """Counts, rankings and the entity index brought up to date after Cypher that wrote to
        the graph directly (kg query --write), in one transaction."""
        self._execute("BEGIN TRANSACTION")
        try:
            self._rollups.refresh()
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def _execute(self, query: str, params: dict[str, Any] | None = None) -> Any:
        if self._wrecked:
            raise DiskFullError(f"{self.directory}: disk full; the store takes no more writes")
        try:
            return self._connection.execute(query, params or {})
        except RuntimeError as exc:
            error = _translate(exc, self.directory)
            if isinstance(error, DiskFullError) and LOG_FILE in str(exc):
                self._wrecked = True  # a failed append leaves a torn log behind it (see close)
            raise error from None

    def _begin(self, articles: int) -> None:
        """Check the room for ARTICLES, mark the log and start a transaction."""
        self._require_space(articles)
        self._log_mark = file_size(self._log)
        self._execute("BEGIN TRANSACTION")

    def _require_space(self, articles: int) -> None:
        require_space(self.directory, self._log, articles, f"writing {articles} article(s)")

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one Cypher query; rows as dicts keyed by the RETURN names."""
        return _rows(self._execute(query, params))

    def load(self, query: str, rows: Any) -> list[dict[str, Any]]:
        """Run QUERY, which reads the Arrow table ROWS as `LOAD FROM __ROWS__`.

        Many rows go in faster this way: LadybugDB scans the table where it is, while each row
        of a `$rows` parameter is converted value by value (~80 us for a row of ten values).
        """
        return _rows(self._scan(query, rows))

    def _scan(self, query: str, rows: Any) -> Any:
        """Run QUERY over the Arrow table ROWS, which the query calls `__ROWS__`. LadybugDB
        finds a Python table by the name of a variable in the calling frames: that variable,
        and the name put into the query for it, are here and nowhere else."""
        scanned_rows = rows  # noqa: F841 - read by LadybugDB under this name
        return self._execute(fill(query, {"ROWS": "scanned_rows"}))

    def write(
        self, graphs: Sequence[ArticleGraph], judgements: Sequence[dict[str, Any]] = ()
    ) -> None:
        """Write whole articles, and the JUDGEMENTS (rows) that made them so, in one
        transaction: all of the batch or none of it."""
        if not graphs and not judgements:
            return
        with self._one_thread():
            self._write(graphs, judgements)

    @contextlib.contextmanager
    def _one_thread(self) -> Iterator[None]:
        """Statements run on one thread meanwhile. A write's statements are small, so
        LadybugDB's threads mostly wait on one another, and `kg ingest` parses on the other
        core while its writer thread writes (400 real articles, one worker: the large write
        took 1.7 s instead of 1.9 s, and parsing slowed less beside it)."""
        threads = self.run(statement("current_threads"))[0]["threads"]
        self._connection.set_max_threads_for_exec(1)
        try:
            yield
        finally:
            self._connection.set_max_threads_for_exec(int(threads))

    def _write(self, graphs: Sequence[ArticleGraph], judgements: Sequence[dict[str, Any]]) -> None:
        self._begin(len(graphs))
        try:
            if graphs:
                replaced = self._write_batch(graphs)
                both = [*graphs, *replaced]
                self._rollups.recount(rollups.tables_of(both))
                self._rollups.rescore(rollups.touched(both))
                self._rollups.index(rollups.entities_of(graphs))
            if judgements:
                self._execute(statement("merge_judgements"), {"rows": list(judgements)})
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def set_aliases(self, label: str, entity_id: str, aliases: Sequence[str]) -> None:
        """Set one entity's aliases to exactly ALIASES (and its name keys to match), in one
        transaction."""
        self._begin(0)
        try:
            params = {"id": entity_id, "aliases": list(aliases)}
            self._execute(fill(statement("set_aliases"), LABEL=label), params)
            rows = self.run(fill(statement("existing_names"), LABEL=label), {"ids": [entity_id]})
            name = rows[0]["name"] if rows else ""
            entity = Entity(entity_id, name, label, tuple(aliases))
            keys = sorted(k for k, how in lookup_keys(entity) if how == "by_name")
            self._execute(
                fill(statement("drop_name_keys"), LABEL=label), {"id": entity_id, "keys": keys}
            )
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")

    def bulk_write(self, graphs: Iterable[ArticleGraph], chunk_size: int = 10_000) -> int:
        """Write many whole articles in one transaction, fast; returns how many were new.

        Articles the store does not have go in by COPY FROM, all at the end (COPY into empty
        tables is the fast path), with their mentions and relationships, whose keys include
        the article and so are new too. Articles the store has are merged as write() does.
        Rows wait as Arrow tables, not Python objects, until the copy.

        Every COPY comes before any MERGE: in LadybugDB 0.22 a COPY into a table that this
        transaction has already added nodes to corrupts its primary-key index (names go
        missing, or a later COPY fails; tests/test_bulk_load.py).
        """
        model = ontology()
        pending = bulk.PendingRows()
        known: dict[str, ArticleGraph] = {}  # articles the store holds: merged after the copy
        tables: set[str] = set()
        touched: dict[str, set[str]] = defaultdict(set)
        written: dict[str, set[str]] = defaultdict(set)
        self._begin(0)
        try:
            for chunk in batches(graphs, chunk_size):
                self._require_space(len(chunk))  # the stream's length is not known up front
                tables |= rollups.tables_of(chunk)
                for key, entity_ids in rollups.touched(chunk).items():
                    touched[key] |= entity_ids
                for label, entity_ids in rollups.entities_of(chunk).items():
                    written[label] |= entity_ids
                unique = [g for g in {g.document.id: g for g in chunk}.values()
                          if not pending.has_article(g.document.id)]  # fmt: skip
                stored = self._stored_ids(model.article_label, [g.document.id for g in unique])
                known |= {g.document.id: g for g in unique if g.document.id in stored}
                pending.add([g for g in unique if g.document.id not in stored])
            self._copy_pending(pending)
            if known:
                replaced = self._write_batch(list(known.values()), set(known))
                tables |= rollups.tables_of(replaced)
                for key, entity_ids in rollups.touched(replaced).items():
                    touched[key] |= entity_ids
            self._rollups.recount(tables)
            self._rollups.rescore(touched)
            self._rollups.index(written)
        except BaseException:
            self._rollback()
            raise
        self._execute("COMMIT")
        return pending.articles

    def _stored_ids(self, label: str, ids: list[str], key: str = "id") -> set[str]:
        name = "existing_keys" if key == "key" else "existing_ids"
        return {row["id"] for row in self.run(fill(statement(name), LABEL=label), {"ids": ids})}

    def _copy_pending(self, pending: bulk.PendingRows) -> None:
        """COPY the pending articles, their entities that are not stored yet, their mentions
        and relationships; then merge the entities the store already had."""
        model = ontology()
        if not pending.articles:
            return
        self._copy(model.article_label, pending.article_table())
        fresh_by_label = {}
        stored_by_label: dict[str, tuple[list[Entity], dict[str, list[str]]]] = {}
        for label, entities in pending.entities.items():
            stored = self._stored_aliases(label, list(entities))
            stored_by_label[label] = ([e for e in entities.values() if e.id in stored], stored)
            if fresh := [e for e in entities.values() if e.id not in stored]:
                self._copy(label, bulk.entity_table(fresh))
                fresh_by_label[label] = fresh
        self._copy_lookup(fresh_by_label)
        for label in pending.mentions:
            table = pending.mention_table(label)
            self._copy(model.mentions_type, table, model.article_label, label)
        for subject, rel_type, obj in pending.relations:
            self._copy(rel_type, pending.relation_table((subject, rel_type, obj)), subject, obj)
        for label, (known, aliases) in stored_by_label.items():
            self._merge_entities(label, known, aliases)

    def _copy_lookup(self, entities_by_label: dict[str, list[Entity]]) -> None:
        """COPY the lookup keys of entities that were just copied, and their edges."""
        lookup = ontology().lookup
        keys = {key for es in entities_by_label.values() for e in es for key, _ in lookup_keys(e)}
        if not keys:
            return
        new_keys = keys - self._stored_ids(lookup["label"], sorted(keys), key="key")
        if new_keys:
            self._copy(lookup["label"], bulk.key_table(sorted(new_keys)))
        for label, entities in entities_by_label.items():
            for kind in ("by_id", "by_name"):
                edges = bulk.lookup_table(entities, kind)
                self._copy(lookup[kind], edges, lookup["label"], label)

    def _copy(self, table: str, new_rows: Any, source: str = "", target: str = "") -> None:
        # a table is never reused (copying one Arrow table twice crashed LadybugDB 0.22)
        pair = f" (from='{source}', to='{target}')" if source else ""
        self._scan(f"COPY {table} FROM __ROWS__{pair}", new_rows)

    def _rollback(self) -> None:
        if self._wrecked:
            return
        # A failed statement may already have ended the transaction.
        with contextlib.suppress(RuntimeError):
            self._connection.execute("ROLLBACK")

    def _write_batch(
        self, graphs: Sequence[ArticleGraph], known_ids: set[str] | None = None
    ) -> list[ArticleGraph]:
        """MERGE GRAPHS, replacing what the store held for those of its articles it had
        (KNOWN_IDS, when the caller has looked them up): an article written again keeps nothing
        of its earlier extraction. Returns the earlier versions."""
        model = ontology()
        ids = [g.document.id for g in graphs]
        if known_ids is None:
            known_ids = self._stored_ids(model.article_label, ids)
        replaced = stored_versions(self, [Document(id=i, text="") for i in ids if i in known_ids])
        if replaced:
            known = {"ids": sorted(known_ids)}
            self._execute(statement("drop_article_relations"), known)
            self._execute(statement("drop_article_mentions"), known)
        self._execute(statement("merge_article"), {"rows": rows.article_rows(graphs)})
        for label, entities in rows.entities_by_label(graphs).items():
            stored = self._stored_aliases(label, list(entities))
            self._merge_entities(label, list(entities.values()), stored)
        for label, mention_rows in rows.mention_rows(graphs).items():
            self._execute(fill(statement("merge_mentions"), LABEL=label), {"rows": mention_rows})
        for (subject, rel_type, obj), relation_rows in rows.relation_rows(graphs).items():
            query = fill(statement("merge_relations"), SUBJECT=subject, TYPE=rel_type, OBJECT=obj)
            self._execute(query, {"rows": relation_rows})
        freed: list[int] = []
        for label, entity_ids in rollups.entities_of(replaced).items():
            ids_of = {"ids": sorted(entity_ids)}
            freed += [r["position"] for r in self.run(fill(statement("orphan_positions"),
                                                           LABEL=label), ids_of)]  # fmt: skip
            self._execute(fill(statement("drop_orphans"), LABEL=label), ids_of)
        self._rollups.close_gaps(freed)
        return replaced

    def _stored_aliases(self, label: str, ids: list[str]) -> dict[str, list[str]]:
        query = fill(statement("existing_aliases"), LABEL=label)
        return {row["id"]: row["aliases"] or [] for row in self.run(query, {"ids": ids})}

    def _merge_entities(
        self, label: str, entities: list[Entity], stored: dict[str, list[str]]
    ) -> None:
        """MERGE entities of one label, appending new surface forms to the stored aliases, and
        their lookup keys."""
        if not entities:
            return
        merged = [
            Entity(e.id, e.name, label, tuple(stored.get(e.id, ()))).absorb(e) for e in entities
        ]
        entity_rows = [
            {"id": e.id, "name": e.name, "wikidata": e.wikidata, "aliases": list(e.aliases)}
            for e in merged
        ]
        self._execute(fill(statement("merge_entities"), LABEL=label), {"rows": entity_rows})
        lookup = ontology().lookup
        for kind in ("by_id", "by_name"):
            key_rows = [{"key": k, "id": e.id} for e in merged for k, how in lookup_keys(e)
                        if how == kind]  # fmt: skip
            keys = sorted({row["key"] for row in key_rows})
            self._execute(statement("merge_lookup_keys"), {"keys": keys})
            query = fill(statement("merge_lookup"), LABEL=label, LOOKUP=lookup[kind])
            self._execute(query, {"rows": key_rows})

    def close(self) -> None:
        """Fold the log into the database (a failure is a DiskFullError or StoreError: the
        articles stay in the log, for the next opening to fold in) and close the connection and
        the database, releasing the write lock.

        After a write that failed for want of space the store is not closed: LadybugDB would
        append the failed write's remains to the log and abort the process. The log is cut back
        to where that transaction began and the handles are abandoned (see space.abandon)."""
        if self._wrecked:
            with contextlib.suppress(OSError):
                if file_size(self._log) > self._log_mark:
                    os.truncate(self._log, self._log_mark)
            abandon(self._database, self._connection)
            return
        failure = None
        if not self.read_only:
            try:
                self._connection.execute("CHECKPOINT")
            except RuntimeError as exc:
                failure = _translate(exc, self.directory)
        self._connection.close()
        self._database.close()
        if isinstance(failure, DiskFullError):
            raise DiskFullError(
                f"{self.directory}: disk full, the final checkpoint failed; every article "
                "written is kept in the store's log, which the next kg command folds in once "
                "there is room: free space and run any kg command"
            )
        if failure is not None:
            raise failure
