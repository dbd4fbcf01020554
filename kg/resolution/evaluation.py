"""Resolution scored on annotated documents: every gold entity of every document is one record
(its mentions as names) and gold entities of one name and type are one actor across documents.
Pairwise precision and recall of the clusters that merging above a threshold makes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.resolution.matching import Match, Record, pairs, record
from kg.resolution.rules import NameRules, name_rules
from kg.scores import f1, share


@dataclass(frozen=True)
class ResolutionScore:
    """Pairwise figures at one threshold, and the worst mistakes."""

    threshold: float
    precision: float
    recall: float
    f1: float
    records: int
    gold_pairs: int
    false_merges: tuple[tuple[str, str, Match], ...]
    missed: int


def gold_records(
    golds: Iterable[tuple[str, dict]], rules: NameRules | None = None
) -> tuple[list[Record], dict[str, str]]:
    """One record per (document, gold entity) and the actor each stands for."""
    records: list[Record] = []
    actor: dict[str, str] = {}
    for document_id, gold in golds:
        for n, entity in enumerate(gold["entities"]):
            rec_id = f"{document_id}#{n}"
            names = [entity["name"], *entity.get("mentions", ())]
            records.append(record(rec_id, entity["type"], names, rules))
            actor[rec_id] = f"{entity['type']}:{entity['name']}"
    return records, actor


def score_resolution(
    records: list[Record],
    actor: dict[str, str],
    thresholds: Iterable[float],
    rules: NameRules | None = None,
) -> list[ResolutionScore]:
    """Pairwise scores of merging (transitively) every blocked pair at or above each threshold."""
    rules = rules or name_rules()
    scored = list(pairs(records, rules))
    sizes = Counter(actor[r.id] for r in records)
    gold_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    results = []
    for threshold in thresholds:
        clusters = _clusters(
            [r.id for r in records], [(a.id, b.id) for a, b, m in scored if m.score >= threshold]
        )
        predicted = true = 0
        for members in clusters.values():
            predicted += len(members) * (len(members) - 1) // 2
            inside = Counter(actor[m] for m in members)
            true += sum(n * (n - 1) // 2 for n in inside.values())
        precision = share(true, predicted, empty=1.0)
        recall = share(true, gold_pairs, empty=1.0)
        wrong = tuple(
            sorted(
                (
                    (actor[a.id], actor[b.id], m)
                    for a, b, m in scored
                    if m.score >= threshold and actor[a.id] != actor[b.id]
                ),
                key=lambda item: -item[2].score,
            )
        )
        results.append(
            ResolutionScore(
                threshold,
                round(precision, 4),
                round(recall, 4),
                round(f1(precision, recall), 4),
                len(records),
                gold_pairs,
                wrong,
                gold_pairs - true,
            )
        )
    return results


def _clusters(ids: list[str], links: list[tuple[str, str]]) -> dict[str, list[str]]:
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        clusters[root(i)].append(i)
    return clusters
