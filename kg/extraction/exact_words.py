"""The gazetteer ruler's matcher for its one-word patterns as written ([{"ORTH": "SAMR"}]): one
dictionary lookup per token. spaCy's Matcher tries every pattern at every token, which took
0.4 s per 150 articles for 85 such patterns; the ruler's phrase matcher, 0.004 s for 700."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.attrs import ORTH  # this module is loaded with the pipeline, never at start-up

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


class ExactWords:
    """What spacy.pipeline.EntityRuler asks of its token Matcher, for one-word ORTH patterns
    only: add, remove, len, _normalize_key and matching a Doc."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._keys: dict[int, list[int]] = {}  # the word's orth id -> the keys of its patterns

    def _normalize_key(self, key: str | int) -> int:
        return self.vocab.strings.add(key) if isinstance(key, str) else key

    def add(self, key: str | int, patterns: list[list[dict[str, Any]]]) -> None:
        """Add PATTERNS under KEY; each must be one token given by its exact text."""
        for pattern in patterns:
            if len(pattern) != 1 or set(pattern[0]) != {"ORTH"}:
                raise ValueError(f"not a one-word ORTH pattern: {pattern!r}")
            word = self.vocab.strings.add(pattern[0]["ORTH"])
            keys = self._keys.setdefault(word, [])
            if (normalized := self._normalize_key(key)) not in keys:
                keys.append(normalized)

    def remove(self, key: str | int) -> None:
        """Drop every pattern of KEY."""
        wanted = self._normalize_key(key)
        for word, keys in list(self._keys.items()):
            self._keys[word] = [k for k in keys if k != wanted]
            if not self._keys[word]:
                del self._keys[word]

    def __len__(self) -> int:
        return len({k for keys in self._keys.values() for k in keys})

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        lookup = self._keys.get
        return [
            (key, i, i + 1)
            for i, word in enumerate(doc.to_array(ORTH).tolist())
            for key in lookup(word, ())
        ]
