"""Writes synthetic news-style articles about China tech regulation as JSON Lines.

The same seed gives the same articles. Curated actors come from the gazetteer; invented firms,
people, products and policies exercise the statistical NER and resolution as real news does.

    python bench/synth_corpus.py --count 2000 --seed 7 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import yaml

from kg.gazetteer import gazetteer

MATERIAL = Path(__file__).with_name("corpus.yaml")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


class ArticleWriter:
    """Fills the sentence templates of corpus.yaml with curated and invented names."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.material: dict[str, Any] = yaml.safe_load(MATERIAL.read_text(encoding="utf-8"))
        curated = list(gazetteer().values())
        self.curated = {
            label: [e.name for e in curated if e.label == label]
            for label in ("Regulator", "Company", "Product", "Media", "Person")
        }

    def _pick(self, options: list[str]) -> str:
        return self.random.choice(options)

    def _invented(self, kind: str) -> str:
        parts = self.material["name_parts"]
        if kind == "company":
            return f"{self._pick(parts['company_stems'])} {self._pick(parts['company_kinds'])}"
        if kind == "product":
            return f"{self._pick(parts['company_stems'])}{self._pick(parts['product_kinds'])}"
        if kind == "person":
            return f"{self._pick(parts['family_names'])} {self._pick(parts['given_names'])}"
        subject = self._pick(parts["policy_subjects"])
        return self._pick(parts["policy_forms"]).format(subject=subject)

    def _either(self, label: str, kind: str, curated_share: float) -> str:
        if self.curated[label] and self.random.random() < curated_share:
            return self._pick(self.curated[label])
        return self._invented(kind)

    def _slots(self) -> dict[str, str]:
        parts = self.material["name_parts"]
        regulator, regulator2 = self.random.sample(self.curated["Regulator"], 2)
        return {
            "regulator": regulator,
            "regulator2": regulator2,
            "company": self._either("Company", "company", 0.4),
            "company2": self._either("Company", "company", 0.4),
            "person": self._either("Person", "person", 0.2),
            "product": self._either("Product", "product", 0.4),
            "policy": self._invented("policy"),
            "media": self._pick(self.curated["Media"]),
            "amount": self._pick(parts["amounts"]),
            "role": self._pick(parts["roles"]),
            "city": self._pick(parts["cities"]),
            "month": f"{self._pick(MONTHS)} {self.random.randint(2019, 2025)}",
        }

    def _sentence(self, section: str) -> str:
        return self._pick(self.material[section]).format(**self._slots())

    def article(self, index: int, words: int) -> dict[str, Any]:
        """One article of about WORDS words: a title, then paragraphs of claims, context and
        filler."""
        paragraphs: list[str] = []
        count = 0
        while count < words:
            sentences = [self._sentence("claims"), self._sentence("context")]
            sentences += [self._sentence("filler") for _ in range(self.random.randint(2, 3))]
            self.random.shuffle(sentences)
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        day = self.random.randint(0, 6 * 365)
        year, rest = 2019 + day // 365, day % 365
        return {
            "id": f"synthetic-{index:05d}",
            "url": f"https://news.example.org/{index:05d}",
            "title": self._sentence("titles"),
            "source": "Synthetic Daily",
            "published": f"{year}-{rest // 31 % 12 + 1:02d}-{rest % 28 + 1:02d}",
            "text": "\n\n".join(paragraphs),
        }


def write_corpus(path: Path, count: int, seed: int = 7, words: int = 600) -> int:
    """Write COUNT articles to PATH (JSON Lines); returns the number of words written."""
    writer = ArticleWriter(seed)
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            record = writer.article(index, words)
            total += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=600, help="Words per article (about).")
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    total = write_corpus(args.out, args.count, args.seed, args.words)
    print(f"{args.count} articles, {total} words -> {args.out}")


if __name__ == "__main__":
    main()
