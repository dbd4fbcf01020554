"""A Neo4j database behind the store interface, through the official driver."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kg.batches import batches
from kg.errors import ReadOnlyError, StoreError
from kg.model import ArticleGraph
from kg.store import rows
from kg.store.base import ClosingStore
from kg.store.schema import fill, neo4j_fulltext_index, neo4j_schema, statement

DIALECT = "neo4j"
MIN_SERVER_MAJOR = 5
# Rows per UNWIND statement: big enough to amortise a round trip, small enough for the heap.
ROWS_PER_STATEMENT = 10_000


# The URI schemes of the official driver: Bolt to one server, or neo4j routing; +s for TLS,
# +ssc for TLS with a self-signed certificate.
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
_USERINFO = re.compile(r"^(?P<scheme>[^:/?#]*://)(?P<user>[^:@/]*)(?::(?P<password>[^@/]*))?@")


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """'bolt://u:p@host:7687' -> ('bolt://host:7687', 'u', 'p'); a URI without them as is."""
    from urllib.parse import unquote

    match = _USERINFO.match(uri)
    if match is None:
        return uri, None, None
    password = match.group("password")
    return (
        match.group("scheme") + uri[match.end() :],
        unquote(match.group("user")) or None,
        unquote(password) if password is not None else None,
    )


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect; the password is never shown."""

    uri: str
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None) -> Neo4jSettings | None:
        """--neo4j URI or NEO4J_URI, with NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.

        A user and password written in the URI (bolt://user:secret@host) are taken out of it
        and used instead of the variables; the URI kept, and shown, has neither."""
        given = uri if uri is not None else os.environ.get("NEO4J_URI")
        if given is None or (uri is None and not given.strip()):
            return None
        address, user, password = split_credentials(given.strip())
        scheme = address.split("://", 1)[0].lower() if "://" in address else ""
        if scheme not in SCHEMES:
            shown = address or "an empty URI"
            raise StoreError(
                f"--neo4j / NEO4J_URI: {shown} is not a Bolt address; use one of "
                f"{', '.join(s + '://' for s in SCHEMES)} (for example neo4j://localhost:7687)"
            )
        return cls(
            uri=address,
            user=user or os.environ.get("NEO4J_USER", "neo4j"),
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )

    def __repr__(self) -> str:
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    @property
    def where(self) -> str:
        """The server and database, for messages."""
        return self.uri + (f" (database {self.database})" if self.database else "")


def _translate(exc: Exception, settings: Neo4jSettings) -> StoreError:
    """One line that says what went wrong and how to fix it."""
    from neo4j import exceptions

    code = getattr(exc, "code", "") or ""
    detail = str(exc) if isinstance(exc, exceptions.DriverError) else None
    message = (detail or getattr(exc, "message", None) or str(exc)).strip()
    reason = re.search(r"\(reason ([^)]*)\)", message)
    message = reason.group(1) if reason else message.splitlines()[0].rstrip(":")
    if settings.password:
        message = message.replace(settings.password, "***")
    where = settings.where
    if isinstance(exc, exceptions.AuthError) or "Unauthorized" in code:
        return StoreError(
            f"{where}: the server refused user {settings.user!r}; "
            "set NEO4J_USER and NEO4J_PASSWORD to valid credentials"
        )
    if "DatabaseNotFound" in code:
        return StoreError(
            f"{where}: no such database; create it (CREATE DATABASE ...) or set NEO4J_DATABASE "
            "to an existing one"
        )
    if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
        return ReadOnlyError(f"{where}: this query writes; add --write to allow it")
    if isinstance(exc, exceptions.ServiceUnavailable | OSError):
        return StoreError(
            f"{where}: cannot reach a Neo4j server there ({message}); start it or fix "
            "--neo4j / NEO4J_URI"
        )
    if isinstance(exc, exceptions.ConfigurationError | ValueError):
        return StoreError(f"{where}: not a usable Neo4j URI ({message})")
    return StoreError(f"{where}: {message}")


def server_major_version(agent: str) -> int | None:
    """'Neo4j/5.26.0' -> 5."""
    match = re.search(r"(\d+)\.\d+", agent or "")
    return int(match.group(1)) if match else None


class Neo4jStore(ClosingStore):
    """Reads and writes through managed transactions (retried on transient errors)."""

    dialect = DIALECT

    def __init__(
        self, settings: Neo4jSettings, *, read_only: bool = False, driver: Any = None
    ) -> None:
        self.settings = settings
        self.read_only = read_only
        self._driver = driver or self._connect()
        self.fulltext = False  # whether the server took the full-text index over names
        if not read_only:
            self._execute_write(lambda tx: [tx.run(ddl).consume() for ddl in neo4j_schema()])
            self.fulltext = self._optional_ddl(neo4j_fulltext_index())

    def _connect(self) -> Any:
        from neo4j import GraphDatabase, exceptions

        password = self.settings.password
        auth = (self.settings.user, password) if password is not None else None
        try:
            driver = GraphDatabase.driver(self.settings.uri, auth=auth)
            driver.verify_connectivity()
            agent = driver.get_server_info().agent
        except (exceptions.Neo4jError, exceptions.DriverError, OSError, ValueError) as exc:
            raise _translate(exc, self.settings) from None
        major = server_major_version(agent)
        if major is not None and major < MIN_SERVER_MAJOR:
            driver.close()
            raise StoreError(
                f"{self.settings.where}: the server is {agent}; kg needs Neo4j "
                f"{MIN_SERVER_MAJOR} or newer (upgrade it, or use the embedded store)"
            )
        return driver

    def _optional_ddl(self, ddl: str) -> bool:
        """Run DDL in its own transaction; whether the server took it (a statement it does not
        support is no error)."""
        from neo4j import exceptions

        try:
            with self._session() as session:
                session.execute_write(lambda tx: tx.run(ddl).consume())
        except exceptions.ClientError:
            return False
        except (exceptions.Neo4jError, exceptions.DriverError, OSError) as exc:
            raise _translate(exc, self.settings) from None
        return True

    def _session(self) -> Any:
        if self.settings.database:
            return self._driver.session(database=self.settings.database)
        return self._driver.session()

    def _managed(self, kind: str, work: Callable[[Any], Any]) -> Any:
        from neo4j import exceptions

        try:
            with self._session() as session:
                return getattr(session, kind)(work)
        except (exceptions.Neo4jError, exceptions.DriverError, OSError) as exc:
            raise _translate(exc, self.settings) from None

    def _execute_write(self, work: Callable[[Any], Any]) -> Any:
        return self._managed("execute_write", work)

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one query: in a read transaction when the store was opened read-only."""

        def work(tx: Any) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params or {})]

        return self._managed("execute_read" if self.read_only else "execute_write", work)

    def write(
        self, graphs: Sequence[ArticleGraph], judgements: Sequence[dict[str, Any]] = ()
    ) -> None:
        """Write whole articles, and the JUDGEMENTS (rows) that made them so, in one managed
        transaction: all of the batch or none."""
        if not graphs and not judgements:
            return
        if self.read_only:
            raise ReadOnlyError(f"{self.settings.where}: opened read-only")

        def work(tx: Any) -> None:
            if graphs:
                _write_replacing(tx, graphs)
            if judgements:
                tx.run(statement("merge_judgements"), {"rows": list(judgements)}).consume()

        self._execute_write(work)

    def set_aliases(self, label: str, entity_id: str, aliases: Sequence[str]) -> None:
        """Set one entity's aliases to exactly ALIASES."""
        if self.read_only:
            raise ReadOnlyError(f"{self.settings.where}: opened read-only")
        query = fill(statement("set_aliases"), LABEL=label)
        self._execute_write(
            lambda tx: tx.run(query, {"id": entity_id, "aliases": list(aliases)}).consume()
        )

    def refresh_rollups(self) -> None:
        """Nothing to do: a Neo4j database keeps no counts or rankings beside the graph."""

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()


def _write_replacing(tx: Any, graphs: Sequence[ArticleGraph]) -> None:
    """Write GRAPHS in transaction TX; an article written again keeps nothing of its earlier
    extraction (its relationships and mentions go, and entities no article names any more)."""
    ids = {"ids": [g.document.id for g in graphs]}
    tx.run(statement("drop_article_relations"), ids).consume()
    unlinked: dict[str, set[str]] = {}
    for row in tx.run(statement("drop_article_mentions", DIALECT), ids):
        unlinked.setdefault(row["label"], set()).add(row["id"])
    for query, params in write_statements(graphs):
        tx.run(query, params).consume()
    for label, entity_ids in unlinked.items():
        tx.run(fill(statement("drop_orphans"), LABEL=label), {"ids": sorted(entity_ids)}).consume()


def write_statements(graphs: Sequence[ArticleGraph]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The batched UNWIND ... MERGE statements that write GRAPHS, keyed as on the embedded store
    (aliases merged in Cypher here, so one round trip per statement)."""
    for batch in batches(rows.article_rows(graphs), ROWS_PER_STATEMENT):
        yield statement("merge_article"), {"rows": batch}
    for label, entities in rows.entities_by_label(graphs).items():
        entity_rows = [
            {"id": e.id, "name": e.name, "wikidata": e.wikidata, "aliases": list(e.aliases)}
            for e in entities.values()
        ]
        query = fill(statement("merge_entities", DIALECT), LABEL=label)
        for batch in batches(entity_rows, ROWS_PER_STATEMENT):
            yield query, {"rows": batch}
    for label, mention_rows in rows.mention_rows(graphs).items():
        query = fill(statement("merge_mentions"), LABEL=label)
        for batch in batches(mention_rows, ROWS_PER_STATEMENT):
            yield query, {"rows": batch}
    for (subject, rel_type, obj), relation_rows in rows.relation_rows(graphs).items():
        query = fill(
            statement("merge_relations", DIALECT), SUBJECT=subject, TYPE=rel_type, OBJECT=obj
        )
        for batch in batches(relation_rows, ROWS_PER_STATEMENT):
            yield query, {"rows": batch}
