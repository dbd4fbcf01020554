"""Text renderings of answers, profiles and timelines for people at a terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from kg.ask import Answer
from kg.linking import LinkedEntity
from kg.money import evidence_note

WIDTH = 100


def render_answer(answer: Answer) -> str:
    """Each answer with its type, relationships, dates, articles and evidence."""
    read = answer.interpretation
    about = ", ".join(e.name for e in read.entities)
    lines = [f"{read.question}  [{read.kind}{': ' + about if about else ''}]"]
    if not answer.rows:
        lines.append("No answer in the graph.")
        return "\n".join(lines)
    for number, row in enumerate(answer.rows, 1):
        lines.append(_headline(number, row))
        evidence = row.get("evidence")
        for item in evidence if isinstance(evidence, list) else []:
            quoted = f'"{item.get("sentence", "").strip()}" ({evidence_note(item)})'
            lines.append(
                textwrap.fill(quoted, WIDTH, initial_indent="    ", subsequent_indent="    ")
            )
    return "\n".join(lines)


def _headline(number: int, row: dict[str, Any]) -> str:
    if "relations" not in row or "articles" not in row:  # paths, timelines, profiles
        return f"{number:>2}. " + "; ".join(f"{k}: {_plain(v)}" for k, v in row.items())
    dates = row.get("first") or ""
    if row.get("last") and row.get("last") != row.get("first"):
        dates += f" to {row['last']}"
    relations = ", ".join(row.get("relations") or [])
    articles = row.get("articles", 0)
    plural = "s" if articles != 1 else ""
    return (
        f"{number:>2}. {row['name']} ({row.get('type', '?')}) - {relations}"
        f"{' - ' + dates if dates else ''} - {articles} article{plural}"
    )


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return " > ".join(str(v) for v in value)
    return str(value)


SHOWN_FACTS = 20


def render_profile(record: dict[str, Any]) -> str:
    """The profile of `kg entity`."""
    lines = [f"{record['name']} ({record['type']})"]
    if record.get("wikidata"):
        lines.append(
            f"  Wikidata: {record['wikidata']} https://www.wikidata.org/wiki/{record['wikidata']}"
        )
    if record.get("aliases"):
        lines.append(
            textwrap.fill(
                "  Also: " + "; ".join(record["aliases"]), WIDTH, subsequent_indent="    "
            )
        )
    lines.append(
        f"  Named in {record['articles']} article(s), first {record.get('first_seen') or '?'}, "
        f"last {record.get('last_seen') or '?'}"
    )
    if record["relationships"]:
        lines.append("  Relationships (supporting articles):")
        for rel in record["relationships"]:
            arrow = "->" if rel["direction"] == "out" else "<-"
            lines.append(f"    {arrow} {rel['relation']}: {rel['articles']}")
    if record["top_counterparts"]:
        lines.append("  Most connected with:")
        for other in record["top_counterparts"]:
            lines.append(f"    {other['name']} ({other['type']}): {other['articles']}")
    facts = record.get("facts") or []
    if facts:
        lines.append("  Facts (id for kg reject; supporting articles):")
        for fact in facts[:SHOWN_FACTS]:
            lines.append(f"    {fact['fact']}: {fact['articles']}")
        if len(facts) > SHOWN_FACTS:
            lines.append(f"    ... {len(facts) - SHOWN_FACTS} more (--format json lists all)")
    return "\n".join(lines)


def render_timeline(entity: LinkedEntity, rows: list[dict[str, Any]]) -> str:
    """The dated relationships of `kg timeline`, oldest first."""
    lines = [f"Timeline of {entity.name} ({entity.type}): {len(rows)} relationship(s)"]
    for row in rows:
        lines.append(
            f"{row.get('date') or 'undated'}  {row['subject']} {row['relation']} {row['object']}"
        )
        quoted = f'"{(row.get("evidence") or "").strip()}" ({evidence_note(row)})'
        lines.append(textwrap.fill(quoted, WIDTH, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(lines)
