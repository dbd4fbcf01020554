"""The spaCy component that ends the pipeline: mentions, rule claims and, with a trained model,
the classifier's claims, kept on the Doc for the resolver."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.model import Claim, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.extraction.classifier import RelationClassifier

FACTORY = "kg_relations"
EXTENSION = "kg_extraction"


class RelationStage:
    """Finds mentions and claims; the classifier, once set, decides the claims."""

    def __init__(self, cross_sentence: bool, overrides: list[str]) -> None:
        self.cross_sentence = cross_sentence
        self.overrides = tuple(overrides)
        self.classifier: RelationClassifier | None = None

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, self.extract(doc))
        return doc

    def extract(self, doc: Doc) -> tuple[list[Mention], list[Claim]]:
        """The mentions of a parsed Doc and the claims between them."""
        from kg.extraction.mentions import find_mentions
        from kg.extraction.namesakes import as_firms
        from kg.extraction.relations import find_claims

        mentions = find_mentions(doc)
        rule_claims = find_claims(doc, mentions)
        mentions = as_firms(mentions, rule_claims)
        if self.classifier is None:
            return mentions, rule_claims
        from kg.extraction.relate import classified_claims

        claims = classified_claims(doc, mentions, rule_claims, self.classifier, self.cross_sentence)
        chosen = {(c.subject, c.type, c.object) for c in claims}
        claims += [
            c
            for c in rule_claims
            if c.method.split(":", 1)[0] in self.overrides
            and (c.subject, c.type, c.object) not in chosen
        ]
        return mentions, claims


def register() -> None:
    """Register the component factory and the Doc extension, once per process."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)
    if Language.has_factory(FACTORY):
        return

    @Language.factory(FACTORY, default_config={"cross_sentence": True, "overrides": []})
    def make_relation_stage(
        nlp: Language, name: str, cross_sentence: bool, overrides: list[str]
    ) -> RelationStage:
        return RelationStage(cross_sentence, overrides)


def extraction_of(doc: Doc) -> tuple[list[Mention], list[Claim]]:
    """What the component found in DOC."""
    found: Any = doc._.get(EXTENSION)
    if found is None:
        raise ValueError(f"the pipeline has no {FACTORY} component")
    return found  # type: ignore[no-any-return]
