"""A question read with spaCy's parser: which part the named entity plays in it (subject,
passive subject, agent after "by", object, possessor, or the complement of a noun) and the
lemmas of its words, so that paraphrases, passives and yes/no questions ask the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

# The entity's name is replaced by one plain proper noun before parsing: long names ("the
# anti-monopoly guidelines for the platform economy") would otherwise be parsed as phrases.
PLACEHOLDER = "Acme"
_SUBJECT = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE = frozenset({"nsubjpass", "csubjpass"})


@dataclass(frozen=True)
class QuestionParse:
    """ROLE of the entity: 'subject', 'passive', 'agent', 'possessor', 'of_noun' (the noun
    it complements is HEAD), 'object', or '' when the parse says nothing usable."""

    role: str
    head: str  # lemma of the word the entity hangs from
    lemmas: str  # the question's words as lemmas, the entity as X


@cache
def question_parser() -> Language:
    """The base pipeline's tagger, parser and lemmatizer, loaded once."""
    from kg.extraction.pipeline import load_model

    nlp = load_model()
    keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.remove_pipe(name)
    return nlp


def parse_question(before: list[str], after: list[str], possessive: bool) -> QuestionParse:
    """Parse the question BEFORE + entity + AFTER (words; POSSESSIVE when the entity's name
    ended in "'s")."""
    entity = PLACEHOLDER + ("'s" if possessive else "")
    text = " ".join([*before, entity, *after]) + "?"
    doc = question_parser()(text)
    start = len(" ".join([*before, ""])) if before else 0
    token = next((t for t in doc if t.idx == start), None)
    lemmas = " ".join(
        "X" if t.i == (token.i if token is not None else -1) else t.lemma_.lower()
        for t in doc
        if not t.is_punct and t.text not in ("'s", "’s")
    )
    if token is None:
        return QuestionParse("", "", lemmas)
    role, head = _role(token)
    return QuestionParse(role, head.lemma_.lower(), lemmas)


def _role(token: Token) -> tuple[str, Token]:
    dep = token.dep_
    if dep in _SUBJECT:
        # the small model often takes the subject of "Was X fined?" for an active one
        passive = any(child.dep_ == "auxpass" for child in token.head.children)
        return ("passive" if passive else "subject"), token.head
    if dep in _PASSIVE:
        return "passive", token.head
    if dep == "poss":
        return "possessor", token.head
    if dep == "pobj":
        preposition = token.head
        if preposition.dep_ == "agent" or preposition.lower_ == "by":
            return "agent", preposition.head
        if preposition.lower_ == "of" and preposition.head.pos_ in ("NOUN", "PROPN"):
            return "of_noun", preposition.head
        return "object", preposition.head
    if dep in ("dobj", "attr", "dative", "oprd", "pcomp", "appos"):
        return "object", token.head
    return "", token.head
