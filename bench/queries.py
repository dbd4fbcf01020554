"""Flat queries: every named query on a 10k- and a 1M-relationship synthetic graph.

Both graphs are built with the store's bulk path (bench/synth_graph.py). Each query runs with
the parameters of bench/query_params.yaml, warm (once unmeasured), and its median over RUNS
runs is printed for both sizes with their ratio. Target: ratio <= 3 for every query.

    python bench/queries.py [--small 10000] [--large 1000000] [--keep DIR]
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import yaml
from synth_graph import ENTITIES_PER_RELATION, LABEL_SHARES, built, entity, size_arguments

from kg.queries.library import NamedQuery, library
from kg.store.ladybug_store import LadybugStore

PARAMS = Path(__file__).with_name("query_params.yaml")
RUNS = 20
TARGET = 3.0
ANCHOR_SHARE = 0.01  # the anchor of a label: its entity at 1% of the label's rank order


def anchors(relations: int) -> dict[str, str]:
    """Placeholder values: the anchor entity of each label, by name and by id."""
    total = max(int(relations * ENTITIES_PER_RELATION), 100)
    values = {}
    for label, share in LABEL_SHARES.items():
        count = max(int(total * share), 5)
        anchor = entity(label, int(count * ANCHOR_SHARE))
        values[label.lower()] = anchor.name
        values[f"{label.lower()}_id"] = anchor.id
    return values


def with_edge(store: LadybugStore, values: dict[str, str]) -> dict[str, str]:
    """VALUES plus one relationship the regulator anchor has ({action}, {target}), so that
    queries about one fact find one in every graph."""
    (row,) = store.run(
        "MATCH (:Lookup {key: $id})-[:ID_OF]->(r)-[e]->(o) "
        "RETURN label(e) AS action, o.name AS target ORDER BY target, action LIMIT 1",
        {"id": values["regulator_id"]},
    )
    return {**values, **row}


def parameters(query: NamedQuery, placeholders: dict[str, str]) -> dict[str, Any]:
    """The query's example parameters, overridden by query_params.yaml with anchors filled."""
    chosen = yaml.safe_load(PARAMS.read_text(encoding="utf-8")).get(query.name, {})
    params = query.example_params()
    declared = {p.name: p for p in query.parameters}
    for name, raw in chosen.items():
        params[name] = declared[name].convert(str(raw).format(**placeholders))
    return params


def median_ms(store: LadybugStore, text: str, params: dict[str, Any]) -> tuple[float, int]:
    """Median wall time of RUNS warm runs, and the number of rows returned."""
    rows = store.run(text, params)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        store.run(text, params)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(rows)


def time_all(directory: Path, relations: int) -> dict[str, tuple[float, int]]:
    """Median time and row count of every named query on the graph at DIRECTORY."""
    with LadybugStore(directory, read_only=True) as store:
        placeholders = with_edge(store, anchors(relations))
        return {
            name: median_ms(store, query.text(store.dialect), parameters(query, placeholders))
            for name, query in sorted(library().items())
        }


def main() -> None:
    args = size_arguments(__doc__.splitlines()[0])
    results = {size: time_all(built(args.root, size), size) for size in (args.small, args.large)}
    small, large = results[args.small], results[args.large]
    print(f"\n{'query':<24} {'small ms':>9} {'rows':>6} {'large ms':>9} {'rows':>6} {'ratio':>6}")
    failed = []
    for name in small:
        ratio = large[name][0] / small[name][0]
        mark = "" if ratio <= TARGET else "  > target"
        if mark:
            failed.append(name)
        print(f"{name:<24} {small[name][0]:9.2f} {small[name][1]:6} "
              f"{large[name][0]:9.2f} {large[name][1]:6} {ratio:6.2f}{mark}")  # fmt: skip
    print(f"\n{len(small) - len(failed)}/{len(small)} queries within {TARGET}x "
          f"({args.large:,} vs {args.small:,} relationships)")  # fmt: skip
    if failed:
        print("over the target: " + ", ".join(failed))


if __name__ == "__main__":
    main()
