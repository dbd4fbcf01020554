"""Commands that let people correct the graph: kg dedupe lists likely duplicates, kg merge,
kg split and kg reject judge, kg undo takes the latest judgement back, kg judgements lists,
exports and imports them."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from kg.cli.common import TEXT, StoreTarget, db_option, open_graph


def _who_option(function: Any) -> Any:
    return click.option(
        "--who",
        type=TEXT,
        default=None,
        help="Who judges (default: $KG_USER, else the login name).",
    )(function)


def _note_option(function: Any) -> Any:
    return click.option("--note", type=TEXT, default="", help="Why, for whoever reads it later.")(
        function
    )


def _who(given: str | None) -> str:
    if given:
        return given
    try:
        return os.environ.get("KG_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@click.command("dedupe")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@db_option
def dedupe_command(limit: int, fmt: str, db: StoreTarget) -> None:
    """List pairs of entities of one type whose names suggest one actor, best first, with
    the names that matched and why; judge them with kg merge or kg split.

    \b
    Example:
      kg dedupe --limit 20
    """
    from kg.jobs.judging import candidates

    with open_graph(db, read_only=True) as store:
        found = candidates(store, limit)
    if fmt == "json":
        rows = [
            {
                "score": round(c.match.score, 3),
                "reason": c.match.reason,
                "type": c.left.label,
                "left": {"id": c.left.id, "name": c.left.name, "matched": c.match.left},
                "right": {"id": c.right.id, "name": c.right.name, "matched": c.match.right},
            }
            for c in found
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("No candidate pairs.")
        return
    for c in found:
        click.echo(
            f"{c.match.score:.2f}  {c.left.label:<9} {c.left.id}  ~  {c.right.id}  "
            f"({c.match.reason}: {c.match.left!r} / {c.match.right!r})"
        )
    click.echo("Judge a pair: kg merge KEEP_ID OTHER_ID, or kg split ID OTHER_ID.")


@click.command("merge")
@click.argument("keep", type=TEXT)
@click.argument("other", type=TEXT)
@_who_option
@_note_option
@db_option
def merge_command(keep: str, other: str, who: str | None, note: str, db: StoreTarget) -> None:
    """Judge entity OTHER to be entity KEEP (ids, as kg entity and kg dedupe print): OTHER's
    edges, aliases and mentions move to KEEP and OTHER goes. Later ingests keep to it.

    \b
    Example:
      kg merge kanzhun kanzhun-ltd --note "same company"
    """
    from kg.jobs.judging import merge

    with open_graph(db, read_only=False) as store:
        judgement = merge(store, keep, other, _who(who), note)
    click.echo(f"Merged {other} into {keep} ({judgement.id}).")


@click.command("split")
@click.argument("first", type=TEXT)
@click.argument("second", type=TEXT)
@_who_option
@_note_option
@db_option
def split_command(first: str, second: str, who: str | None, note: str, db: StoreTarget) -> None:
    """Judge FIRST and SECOND to be different actors: resolution never merges them (the
    second may be the id of a name no article has brought yet).

    \b
    Example:
      kg split bank-of-china peoples-bank-of-china
    """
    from kg.jobs.judging import split

    with open_graph(db, read_only=False) as store:
        judgement = split(store, first, second, _who(who), note)
    click.echo(f"Kept {first} and {second} apart ({judgement.id}).")


@click.command("reject")
@click.argument("fact", type=TEXT)
@_who_option
@_note_option
@db_option
def reject_command(fact: str, who: str | None, note: str, db: StoreTarget) -> None:
    """Judge FACT wrong (subject/TYPE/object, as kg entity, kg ask --format json and maps
    print it): it leaves the graph, queries, maps, rankings and exports, and later ingests
    leave it out. It stays in the judgement (kg judgements list).

    \b
    Example:
      kg reject samr/FINED/tencent --note "the fine was on a subsidiary"
    """
    from kg.jobs.judging import reject

    with open_graph(db, read_only=False) as store:
        judgement = reject(store, fact, _who(who), note)
    click.echo(f"Rejected {fact} ({judgement.id}).")


@click.command("undo")
@_who_option
@db_option
def undo_command(who: str | None, db: StoreTarget) -> None:
    """Take back the latest judgement still in force: the articles it rewrote go back to how
    they were.

    \b
    Example:
      kg undo
    """
    from kg.jobs.judging import undo

    with open_graph(db, read_only=False) as store:
        judgement = undo(store, _who(who))
    target = (
        f"{judgement.subject}/{judgement.relation}/{judgement.object}"
        if judgement.kind == "reject"
        else f"{judgement.subject} {judgement.object}"
    )
    click.echo(f"Undid {judgement.kind} {target} ({judgement.id}).")


@click.group("judgements")
def judgements_group() -> None:
    """List, export and import judgements (merges, splits, rejected facts).

    \b
    Examples:
      kg judgements list
      kg judgements export team.jsonl
      kg judgements import team.jsonl --db /tmp/other
    """


@judgements_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Undone judgements too.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@db_option
def judgements_list(show_all: bool, fmt: str, db: StoreTarget) -> None:
    """The judgements in force, oldest first, with the facts each rejection hides."""
    from kg.jobs.judging import rejected_relations
    from kg.store.judgements import read_judgements

    with open_graph(db, read_only=True) as store:
        judgements = [j for j in read_judgements(store) if show_all or not j.undone]
    if fmt == "json":
        rows = [
            {**{k: v for k, v in asdict(j).items() if k != "detail"},
             "hidden": [asdict(r) for r in rejected_relations(j)]}
            for j in judgements
        ]  # fmt: skip
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not judgements:
        click.echo("No judgements.")
        return
    for j in judgements:
        what = (
            f"{j.subject}/{j.relation}/{j.object}"
            if j.kind == "reject"
            else f"{j.subject} {j.object}"
        )
        state = " (undone)" if j.undone else ""
        note = f"  {j.note}" if j.note else ""
        click.echo(f"{j.at}  {j.kind:<6} {what}  by {j.who}  {j.id}{state}{note}")
        for r in [] if j.undone else rejected_relations(j):
            click.echo(f"    hidden: [{r.article_id}] {r.evidence}")


@judgements_group.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def judgements_export(out: Path, db: StoreTarget) -> None:
    """Write every judgement to OUT as JSON Lines, for another store to import."""
    from kg.jobs.judging import export_rows

    with open_graph(db, read_only=True) as store:
        rows = list(export_rows(store))
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    click.echo(f"Wrote {len(rows)} judgement(s) to {out}")


@judgements_group.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option
def judgements_import(source: Path, db: StoreTarget) -> None:
    """Add the judgements of SOURCE (JSON Lines from kg judgements export) and apply those
    in force; ones this store has are skipped. A malformed line stops the import before
    anything is written."""
    from kg.jobs.judging import JudgementError, import_rows

    rows = []
    with open(source, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise JudgementError(f"{source}:{n}:{exc.colno}: not JSON ({exc.msg})") from None
    with open_graph(db, read_only=False) as store:
        added, skipped = import_rows(store, rows, str(source))
    click.echo(f"Imported {added} judgement(s); {skipped} already here.")
