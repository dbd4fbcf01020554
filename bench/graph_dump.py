"""Everything an embedded store holds, in a canonical order: run it on stores that two versions
of kg ingested from the same articles and compare the outputs, to show a refactoring changed
no graph (entities and aliases, facts with their provenance, mentions, counts, rankings).

    python bench/graph_dump.py STORE_DIR > graph.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.store import open_store

READS = {
    "entities": "MATCH (n) WHERE n.name IS NOT NULL RETURN label(n) AS label, n.id AS id, "
    "n.name AS name, n.aliases AS aliases, n.wikidata AS wikidata",
    "facts": "MATCH (a)-[r]->(b) WHERE r.article_id IS NOT NULL RETURN a.id AS subject, "
    "label(r) AS type, b.id AS object, r.article_id AS article, r.evidence AS evidence, "
    "r.date AS date, r.confidence AS confidence, r.method AS method, r.modality AS modality, "
    "r.amount AS amount, r.role AS role",
    "mentions": "MATCH (a:Article)-[m:MENTIONS]->(n) RETURN a.id AS article, n.id AS entity, "
    "m.surfaces AS surfaces",
    "counts": "MATCH (c:Count) RETURN c.key AS key, c.count AS count",
    "rankings": "MATCH (b:Board)-[l:LEADS]->(x) RETURN b.key AS board, x.id AS entity, "
    "l.articles AS articles, l.actions AS actions",
}


def main() -> None:
    with open_store(Path(sys.argv[1]), read_only=True) as store:
        dump = {name: sorted(map(str, store.run(query))) for name, query in READS.items()}
    json.dump(dump, sys.stdout, indent=0)
    print()


if __name__ == "__main__":
    main()
