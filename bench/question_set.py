"""Writes a question file for `kg eval-questions` from a question spec (corpus/questions/*.yaml):
each question's gold answers are the gold entities the corpus gold links to its anchor by its
relationship types, at the end it names, each with every surface form the gold gives it.

    python bench/question_set.py corpus/questions/analyst.yaml corpus/dev corpus/train \
        --out corpus/questions/analyst.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from kg.ontology import ontology

ENDS = ("subjects", "objects", "both")


def gold_facts(directories: list[Path]) -> tuple[set[tuple[str, str, str]], dict, dict]:
    """(subject, type, object) over the gold, each name's surface forms and its types. Facts
    the ontology does not allow between their entities' types are left out: no graph holds
    them (`kg eval-questions --gold` leaves them out too)."""
    facts: set[tuple[str, str, str]] = set()
    surfaces: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for directory in directories:
        for path in sorted(directory.glob("*.gold.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            types = {}
            for entity in gold["entities"]:
                surfaces[entity["name"]].update([entity["name"], *entity.get("mentions", ())])
                labels[entity["name"]].add(entity["type"])
                types[entity["name"]] = entity["type"]
            facts.update(
                (r["subject"], r["type"], r["object"])
                for r in gold["relations"]
                if r["type"] in ontology().relations
                and ontology().relation(r["type"]).allows(types[r["subject"]], types[r["object"]])
            )
    return facts, surfaces, labels


def answers(spec: dict, facts, labels) -> list[str]:
    """The gold answer names of one question spec."""
    if spec["answers"] not in ENDS:
        raise ValueError(f"{spec['q']!r}: answers must be one of {ENDS}")
    anchor, types = spec["anchor"], set(spec["types"])
    found = set()
    for subject, rel, obj in facts:
        if rel not in types:
            continue
        if obj == anchor and spec["answers"] in ("subjects", "both"):
            found.add(subject)
        if subject == anchor and spec["answers"] in ("objects", "both"):
            found.add(obj)
    wanted = set(spec.get("labels", ()))
    return sorted(n for n in found if not wanted or labels[n] & wanted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    facts, surfaces, labels = gold_facts(args.corpus)
    questions, empty = [], []
    for spec in yaml.safe_load(args.spec.read_text(encoding="utf-8"))["questions"]:
        if spec["anchor"] not in surfaces:
            empty.append(f"{spec['q']} (no gold entity {spec['anchor']!r})")
            continue
        names = answers(spec, facts, labels)
        if not names:
            empty.append(spec["q"])
            continue
        questions.append(
            {
                "question": spec["q"],
                "intent": spec["intent"],
                "answers": [{"name": n, "accept": sorted(surfaces[n])} for n in names],
            }
        )
    args.out.write_text(json.dumps(questions, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(questions)} questions written to {args.out}")
    for question in empty:
        print(f"left out, no gold answer: {question}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
