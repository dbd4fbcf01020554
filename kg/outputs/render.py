"""Renders rows as a table, JSON (an array of row objects) or CSV."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not str(k).startswith("_")}
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) >= 1000 else f"{value:g}"
    return str(value)


def _csv_cell(value: Any) -> str:
    """A value as a spreadsheet reads it: numbers plain ('18228000000', '0.87'), lists of
    names joined by '; ', nested records as JSON."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list) and all(not isinstance(v, list | dict) for v in value):
        return "; ".join(_csv_cell(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render_rows(
    rows: Sequence[dict[str, Any]], fmt: str = "table", title: str | None = None
) -> str:
    """ROWS as text in FMT: 'table' for people, 'json' and 'csv' for scripts."""
    if fmt == "json":
        return json.dumps([_plain(r) for r in rows], ensure_ascii=False, indent=2)
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row[c]) for c in columns])
        return buffer.getvalue().rstrip("\n")
    return _table(rows, columns, title)


def _table(rows: Sequence[dict[str, Any]], columns: list[str], title: str | None) -> str:
    from rich.console import Console
    from rich.table import Table

    if not rows:
        return f"{title + ': ' if title else ''}no results"
    table = Table(title=title, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row[c]) for c in columns))
    console = Console(width=140, record=True, file=io.StringIO(), force_terminal=False)
    console.print(table)
    return console.export_text().rstrip("\n")
