"""What user Cypher may not do without --write: change the graph, read or write files, load
extensions, attach databases, change settings.

A store opened read-only does not stop all of it: LadybugDB's read-only mode lets `LOAD FROM
'/etc/passwd'`, `COPY ... TO` and `INSTALL` through, Neo4j's read transactions allow `LOAD
CSV`, and a Bolt server need not enforce read transactions at all (ArcadeDB runs a CREATE sent
in one), so graph writes are refused here too. The text is read as Cypher tokens (string
literals, quoted names and comments skipped), so a name or a string that merely contains one of
these words is not refused."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

# Statements that act on files, extensions, databases or the engine: refused at the start of a
# statement.
STATEMENT_WORDS = {
    "COPY": "copies to or from files",
    "EXPORT": "writes files",
    "IMPORT": "reads files",
    "INSTALL": "installs an extension",
    "UNINSTALL": "removes an extension",
    "UPDATE": "updates an extension",
    "ATTACH": "opens another database",
    "DETACH": "detaches a database",
    "USE": "switches database",
    "CHECKPOINT": "checkpoints the store (a write)",
    "LOAD": "reads files or loads an extension",
}
# Clauses that change the graph, wherever they stand: the word followed by a pattern or a name
# (not a property, label, parameter, map key, alias or variable: `n.set`, `:Merge`, `$create`,
# `{delete: 1}`, `AS remove`, `(create)`).
GRAPH_WRITE_WORDS = {"CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "ALTER", "RENAME",
                     "FOREACH"}  # fmt: skip
# LOAD followed by one of these reads a file or loads an extension, wherever it stands.
LOAD_OBJECTS = {"FROM", "WITH", "EXTENSION", "CSV"}
# Procedure namespaces that reach files, the network or the server's configuration.
PROCEDURE_PREFIXES = ("apoc.load", "apoc.export", "apoc.import", "apoc.cypher", "dbms.")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?(\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?)
  | (?P<quoted>`[^`]*`?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted, string or other (one character)
    text: str


def tokens(text: str) -> list[Token]:
    """TEXT as Cypher tokens, without whitespace and comments."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "line_comment", "block_comment"):
            found.append(Token(kind, match.group()))
    return found


def refusal(text: str) -> str | None:
    """Why TEXT may not run without --write, or None if nothing in it reaches beyond the
    graph."""
    seen = tokens(text)
    statement_start = True
    for index, token in enumerate(seen):
        before = seen[index - 1].text if index else ""
        after = seen[index + 1] if index + 1 < len(seen) else None
        if token.kind != "word" or before in (".", ":", "$"):
            statement_start = token.text == ";"
            continue
        word = token.text.upper()
        if word == "LOAD" and after is not None and after.text.upper() in LOAD_OBJECTS:
            return f"LOAD {after.text.upper()} {STATEMENT_WORDS['LOAD']}"
        if (
            word in GRAPH_WRITE_WORDS
            and before.upper() != "AS"
            and (after is None or after.kind in ("word", "quoted") or after.text == "(")
        ):
            return f"{word} changes the graph"
        if statement_start and word in STATEMENT_WORDS:
            return f"{word} {STATEMENT_WORDS[word]}"
        if word == "CALL":
            refused = _call_refusal(seen[index + 1 :])
            if refused:
                return refused
        statement_start = False
    return None


def _call_refusal(rest: list[Token]) -> str | None:
    """CALL name = value (a setting), or a procedure of a refused namespace."""
    name = []
    for token in rest:
        if token.kind in ("word", "quoted") or token.text == ".":
            name.append(token.text.strip("`"))
            continue
        if token.text == "=" and name:
            return f"CALL {''.join(name)} = ... changes a setting"
        break
    procedure = "".join(name).lower()
    if procedure.startswith(PROCEDURE_PREFIXES):
        return f"CALL {''.join(name)} reaches files, the network or the server's configuration"
    return None


def check_read_only(text: str) -> None:
    """Raise a one-line QueryError if TEXT reaches beyond the graph (see refusal)."""
    why = refusal(text)
    if why:
        raise QueryError(
            f"refused without --write: {why}; user Cypher may only read the graph "
            "(files, extensions, databases and settings are out of reach)"
        )
