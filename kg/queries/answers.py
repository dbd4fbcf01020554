"""Text renderings of answers, profiles and timelines for people at a terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from kg.extraction.money import amount_text, evidence_note
from kg.queries.ask import Answer
from kg.queries.linking import LinkedEntity

WIDTH = 100


def render_answer(answer: Answer) -> str:
    """Each answer with its type, relationships, dates, articles and evidence."""
    read = answer.interpretation
    about = ", ".join(e.name for e in read.entities)
    lines = [f"{read.question}  [{read.kind}{': ' + about if about else ''}]"]
    if read.note:
        lines.append(f"({read.note})")
    if not answer.rows:
        lines.append("No answer in the graph.")
        return "\n".join(lines)
    for number, row in enumerate(answer.rows, 1):
        if "steps" in row:
            lines.extend(_connection(number, row))
            continue
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
    total = amount_text(row.get("total"), row.get("currency"))
    return (
        f"{number:>2}. {row['name']} ({row.get('type', '?')}) - {relations}"
        f"{' - ' + total + ' in total' if total else ''}"
        f"{' - ' + dates if dates else ''} - {articles} article{plural}"
    )


def _connection(number: int, row: dict[str, Any]) -> list[str]:
    """A chain of entities, then each hop's relationships and evidence."""
    lines = [f"{number:>2}. {row['path']}"]
    for step in row["steps"]:
        also = f" (also: {'; '.join(step['also'])})" if step["also"] else ""
        lines.append(f"    {step['subject']} {step['relation']} {step['object']}{also}")
        evidence = step["evidence"]
        if evidence.get("sentence"):
            quoted = f'"{evidence["sentence"].strip()}" ({evidence_note(evidence)})'
            lines.append(
                textwrap.fill(quoted, WIDTH, initial_indent="      ", subsequent_indent="      ")
            )
    return lines


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


CHART_WIDTH = 40


def render_articles(
    entity: LinkedEntity, rows: list[dict[str, Any]], chart: list[tuple[str, int]]
) -> str:
    """`kg articles`: coverage over time as a bar chart, then each article."""
    lines = [f"Articles naming {entity.name} ({entity.type}): {len(rows)}"]
    undated = sum(1 for r in rows if not r["published"])
    if chart:
        most = max(count for _, count in chart) or 1
        lines.append("Coverage:")
        for period, count in chart:
            bar = "█" * max(1 if count else 0, round(count * CHART_WIDTH / most))
            lines.append(f"  {period:<8} {bar} {count}")
        if undated:
            lines.append(f"  undated  {undated}")
    for row in rows:
        said = ", ".join(row.get("names") or [])
        heading = row.get("title") or row.get("source") or row.get("url") or row["id"]
        lines.append(
            f"{row.get('published') or 'undated':<10}  {heading}"
            f"{' (' + row['source'] + ')' if row.get('title') and row.get('source') else ''}"
        )
        details = [f"as {said}" if said else "", f"{row['relationships']} relationship(s)"]
        if row.get("url"):
            details.append(row["url"])
        lines.append("            " + "; ".join(d for d in details if d))
    return "\n".join(lines)
