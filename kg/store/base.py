"""The one interface every graph store implements."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any, Protocol, Self

from kg.model import ArticleGraph


class GraphStore(Protocol):
    """run / write / close, usable as a context manager."""

    dialect: str  # which named-query variant to prefer ("ladybug" or "neo4j")

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one Cypher query with parameters; rows as dicts."""
        ...

    def write(
        self, graphs: Sequence[ArticleGraph], judgements: Sequence[dict[str, Any]] = ()
    ) -> None:
        """Write whole articles (an article written again replaces its earlier version) and
        judgement rows in one transaction; idempotent."""
        ...

    def set_aliases(self, label: str, entity_id: str, aliases: Sequence[str]) -> None:
        """Set one entity's aliases to exactly ALIASES (stores otherwise only add aliases)."""
        ...

    def refresh_rollups(self) -> None:
        """Bring what the store keeps beside the graph (counts, rankings, indexes) up to date
        after Cypher that wrote to the graph directly."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class ClosingStore:
    """`with store:` closes it; each store supplies close()."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
