"""The base pipeline's attribute ruler and lemmatizer, run over arrays.

They give exactly the annotations of spaCy's own components (kept inside, with their patterns
and tables), but spaCy's run a Matcher with every pattern at every word and build a Token object
per word, a quarter of the base pipeline's time on news text. Here the attribute ruler's tag map
(part of speech and morphology from the fine tag) is one lookup per word, its other patterns are
tried only where their first word can match, and a lemma is computed once per distinct (word,
part of speech, morphology)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ATTRIBUTE_RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
RULER_FACTORY = "kg_array_attribute_ruler"
LEMMATIZER_FACTORY = "kg_array_lemmatizer"
# The token attributes a pattern may test here, in the order of the columns read from a Doc.
TESTED = ("LOWER", "TAG", "DEP", "IS_SPACE")
# The order in which a pattern's first word is indexed: the rarest values first.
SELECTIVE = ("LOWER", "DEP", "TAG", "IS_SPACE")
Predicate = Callable[[Any], bool]


def _predicate(value: Any, strings: Any) -> Predicate | None:
    """A test of one attribute as the Matcher would apply it to the attribute's string, made on
    the value Doc.to_array gives (a string's hash; 0/1 for flags), or None if unsupported."""

    def key(text: Any) -> int:
        return text if isinstance(text, bool) else int(strings.add(text))

    if isinstance(value, str | bool):
        wanted = key(value)
        return lambda seen: seen == wanted
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, operand),) = value.items()
    if operator == "IN":
        allowed = frozenset(key(v) for v in operand)
        return lambda seen: seen in allowed
    if operator == "NOT_IN":
        refused = frozenset(key(v) for v in operand)
        return lambda seen: seen not in refused
    if operator == "REGEX":
        pattern = re.compile(operand)
        known: dict[int, bool] = {}

        def search(seen: int) -> bool:
            found = known.get(seen)
            if found is None:
                found = known[seen] = bool(pattern.search(strings[seen]))
            return found

        return search
    return None


class _Pattern:
    """One fixed-length Matcher pattern compiled to per-word tests."""

    def __init__(self, attr_id: int, tokens: list[dict[str, Any]], strings: Any) -> None:
        self.attr_id = attr_id
        self.strings = strings
        self.tests: list[list[tuple[int, Predicate]]] = []
        for spec in tokens:
            tests = []
            for key, value in spec.items():
                test = _predicate(value, strings) if key in TESTED else None
                if test is None:
                    raise ValueError(f"unsupported pattern {spec}")
                tests.append((TESTED.index(key), test))
            self.tests.append(tests)

    def first_keys(self, spec: dict[str, Any]) -> list[tuple[str, Any]]:
        """Index keys under which the pattern's first word must appear, or [] for 'anywhere'."""
        for key in SELECTIVE:
            value = spec.get(key)
            if isinstance(value, bool):
                return [(key, int(value))]
            if isinstance(value, str):
                return [(key, self.strings.add(value))]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return [(key, self.strings.add(v)) for v in value["IN"]]
        return []

    def matches_at(self, columns: list[list[Any]], start: int) -> bool:
        if start + len(self.tests) > len(columns[0]):
            return False
        return all(
            test(columns[column][start + offset])
            for offset, tests in enumerate(self.tests)
            for column, test in tests
        )


class ArrayAttributeRuler:
    """Applies a spaCy AttributeRuler's patterns in its order, with its own setter."""

    def __init__(self) -> None:
        self.inner: Any = None
        self._tag_map: dict[int, tuple[int | None, int | None]] = {}
        self._index: dict[tuple[str, Any], list[_Pattern]] = {}
        self._anywhere: list[_Pattern] = []
        self._keys: dict[str, list[int]] = {}

    def wrap(self, inner: Any) -> None:
        """Compile INNER's patterns: the leading run of tag-only patterns that set part of
        speech or morphology becomes a table; every later pattern is indexed by first word."""
        from spacy.attrs import MORPH, POS

        self.inner = inner
        in_table = True
        for attr_id, entry in enumerate(inner.patterns):
            attrs = inner.attrs[attr_id]
            tag_only = all(
                len(p) == 1 and set(p[0]) == {"TAG"} and isinstance(p[0]["TAG"], str)
                for p in entry["patterns"]
            )
            in_table = in_table and tag_only and set(attrs) <= {POS, MORPH}
            if in_table:
                for tokens in entry["patterns"]:
                    tag = inner.vocab.strings.add(tokens[0]["TAG"])
                    pos, morph = self._tag_map.get(tag, (None, None))
                    self._tag_map[tag] = (attrs.get(POS, pos), attrs.get(MORPH, morph))
                continue
            for tokens in entry["patterns"]:
                pattern = _Pattern(attr_id, tokens, inner.vocab.strings)
                keys = pattern.first_keys(tokens[0])
                for key in keys:
                    self._index.setdefault(key, []).append(pattern)
                if not keys:
                    self._anywhere.append(pattern)
        self._keys = {
            key: sorted({value for k, value in self._index if k == key}) for key in TESTED
        }

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import MORPH, POS, TAG

        if self.inner is None:
            raise ValueError(f"{RULER_FACTORY} has no attribute ruler to wrap")
        table: Any = doc.to_array([TAG, POS, MORPH])
        tags = table[:, 0]
        for tag in set(tags.tolist()):
            pos, morph = self._tag_map.get(tag, (None, None))
            if pos is not None:
                table[tags == tag, 1] = pos
            if morph is not None:
                table[tags == tag, 2] = morph
        doc.from_array([POS, MORPH], table[:, 1:])
        self._exceptions(doc)
        return doc

    def _exceptions(self, doc: Doc) -> None:
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        array = doc.to_array([LOWER, TAG, DEP, IS_SPACE])
        columns = array.T.tolist()
        index = self._index
        possible = numpy.zeros(len(doc), dtype=bool)
        for column, key in enumerate(TESTED):
            possible |= numpy.isin(array[:, column], self._keys[key])
        found: set[tuple[int, int, int]] = set()
        for start in numpy.flatnonzero(possible).tolist():
            candidates: list[_Pattern] = []
            for column, key in enumerate(TESTED):
                candidates += index.get((key, columns[column][start]), ())
            for pattern in candidates:
                if pattern.matches_at(columns, start):
                    found.add((pattern.attr_id, start, start + len(pattern.tests)))
        for pattern in self._anywhere:  # tested on each distinct value, then where it occurs
            first = numpy.ones(len(doc), dtype=bool)
            for column, test in pattern.tests[0]:
                values = array[:, column]
                passing = [v for v in set(values.tolist()) if test(v)]
                first &= numpy.isin(values, passing)
            for start in numpy.flatnonzero(first).tolist():
                if pattern.matches_at(columns, start):
                    found.add((pattern.attr_id, start, start + len(pattern.tests)))
        for attr_id, start, end in sorted(found):
            offset = self.inner.indices[attr_id]
            position = start + offset if offset >= 0 else end + offset
            if not start <= position < end:
                raise ValueError(f"attribute ruler pattern {attr_id}: index {offset} outside")
            set_token_attrs(doc[position], self.inner.attrs[attr_id])


class ArrayLemmatizer:
    """Wraps a spaCy rule Lemmatizer; its tables and modes decide every new lemma."""

    def __init__(self) -> None:
        self.inner: Any = None
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        inner = self.inner
        if inner is None:
            raise ValueError(f"{LEMMATIZER_FACTORY} has no lemmatizer to wrap")
        table: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not inner.overwrite:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                found = self.lemmas[key] = strings.add(inner.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULER_FACTORY):
        Language.factory(RULER_FACTORY)(lambda nlp, name: ArrayAttributeRuler())
    if not Language.has_factory(LEMMATIZER_FACTORY):
        Language.factory(LEMMATIZER_FACTORY)(lambda nlp, name: ArrayLemmatizer())


def use_array_annotators(nlp: Language) -> None:
    """Put the array versions in place of NLP's attribute ruler and rule lemmatizer, where it
    has them and their patterns are of the kinds compiled here (else spaCy's stay)."""
    _register()
    if ATTRIBUTE_RULER in nlp.pipe_names:
        inner: Any = nlp.get_pipe(ATTRIBUTE_RULER)
        ruler = ArrayAttributeRuler()
        try:
            ruler.wrap(inner)
        except ValueError:
            pass
        else:
            replaced: Any = nlp.replace_pipe(ATTRIBUTE_RULER, RULER_FACTORY)
            replaced.wrap(inner)
    if LEMMATIZER in nlp.pipe_names:
        lemmatizer: Any = nlp.get_pipe(LEMMATIZER)
        if getattr(lemmatizer, "mode", None) == "rule":
            wrapper: Any = nlp.replace_pipe(LEMMATIZER, LEMMATIZER_FACTORY)
            wrapper.inner = lemmatizer
