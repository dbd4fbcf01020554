"""What every kg command shares: error handling, the --db and --model options, the store."""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.errors import DataWarning, KGError

if TYPE_CHECKING:
    from kg.store.neo4j_store import Neo4jSettings

FORMAT = click.Choice(["table", "json", "csv"])
_SHOW_WARNING = warnings.showwarning


class KGGroup(click.Group):
    """Turns library errors into one-line messages with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", DataWarning)
                warnings.showwarning = _show_data_warning
                return super().invoke(ctx)
        except KGError as exc:
            from kg.store.space import abandoned, exit_without_closing

            if abandoned():
                click.echo(f"Error: {exc}", err=True)
                exit_without_closing(1)
            raise click.ClickException(str(exc)) from None


def _show_data_warning(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    if issubclass(category, DataWarning):
        click.echo(f"warning: {message}", err=True)
    else:
        _SHOW_WARNING(message, category, *args, **kwargs)


class UserText(click.ParamType):
    """Text typed by the user (a question, a name, a query): valid Unicode, or a one-line
    error (a terminal in another encoding passes undecodable bytes through)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("not valid text: it holds bytes that are not UTF-8", param, ctx)
        return text


TEXT = UserText()


class PartialDate(click.ParamType):
    """A date of a filter: YYYY, YYYY-MM or YYYY-MM-DD; anything else is a usage error."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from kg.extraction.dates import check_period

        if value in ("", None):
            return ""
        try:
            return check_period(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = PartialDate()


@dataclass(frozen=True)
class StoreTarget:
    """Which graph a command works on: a Neo4j database if one is named, else the embedded
    store directory."""

    db: Path | None = None
    neo4j_uri: str | None = None

    @property
    def neo4j(self) -> Neo4jSettings | None:
        from kg.store.neo4j_store import Neo4jSettings  # not at import: keeps `kg --help` fast

        return Neo4jSettings.from_env(self.neo4j_uri)


def embedded_db_option(function: Any) -> Any:
    """The --db option: the embedded store directory."""
    return click.option(
        "--db",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="KG_DB",
        default=None,
        help="Embedded store directory (default: $KG_DB, else a per-user data directory).",
    )(function)


def neo4j_option(function: Any) -> Any:
    """The --neo4j option: a Neo4j server to use instead of the embedded store."""
    return click.option(
        "--neo4j",
        "neo4j",
        metavar="URI",
        default=None,
        help="Use the Neo4j server at URI (default: $NEO4J_URI; credentials from "
        "$NEO4J_USER / $NEO4J_PASSWORD, database from $NEO4J_DATABASE).",
    )(function)


def db_option(function: Any) -> Any:
    """--db and --neo4j, given to the command as one StoreTarget named `db`."""

    @functools.wraps(function)
    def with_target(*args: Any, db: Path | None, neo4j: str | None, **kwargs: Any) -> Any:
        return function(*args, db=StoreTarget(db, neo4j), **kwargs)

    return embedded_db_option(neo4j_option(with_target))


def model_option(function: Any) -> Any:
    """The --model option of every command that parses text."""
    return click.option(
        "--model",
        default=None,
        help="A model folder from kg train, 'rules' (no trained parts), or an installed spaCy "
        "pipeline to run the rules on (default: the model shipped with kg).",
    )(function)


def dask_options(function: Any) -> Any:
    """--dask and --shards, for the commands that extract."""
    function = click.option(
        "--shards",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="With --dask: a folder shared by the workers and this machine, where workers "
        "write Parquet shards (default: shards come back over the network).",
    )(function)
    return click.option(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="Extract on a Dask cluster: a scheduler address, or local:N for N worker "
        "processes here (needs china-tech-kg[dask]).",
    )(function)


@contextmanager
def open_graph(
    target: StoreTarget, *, read_only: bool, cache_mb: int | None = None
) -> Iterator[Any]:
    from kg.store import open_store

    store = open_store(target.db, read_only=read_only, neo4j=target.neo4j, cache_mb=cache_mb)
    try:
        yield store
    finally:
        store.close()


def fail_if(failures: list[str]) -> None:
    if failures:
        click.echo(f"{len(failures)} source(s) failed; see the messages above.", err=True)
        sys.exit(1)
