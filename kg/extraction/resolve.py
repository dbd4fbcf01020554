"""Turns one article's mentions and claims into canonical entities and relationships."""

from __future__ import annotations

from kg.extraction.argument_names import METHOD as ARGUMENT
from kg.extraction.dates import stated_date
from kg.extraction.legal_forms import LABELS as LEGAL_FORM_LABELS
from kg.extraction.legal_forms import without_legal_form
from kg.gazetteer import CuratedEntity, family_members, gazetteer, policy_core
from kg.gazetteer import entity_id as new_entity_id
from kg.model import ArticleGraph, Claim, Document, Entity, Mention, Relation
from kg.ontology import ontology
from kg.resolution.curated import curated_variant

# Mentions found only by these methods stand for an entity only if it takes part in a claim
# ("the regulator" names no one new). A place named as the state acting ("China tightened its
# rules") is a mention of the state whatever claims are read: the metonymy rule takes places
# only where they act.
WEAK_METHODS = frozenset({"anaphora", ARGUMENT})
# Mentions that point at an entity without naming it ("the regulator") are not aliases.
NOT_NAMES = frozenset({"anaphora"})


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


class ArticleResolver:
    """Assigns each mention of one article to a canonical entity id (None: not an entity)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.entities: dict[str, Entity] = {}
        self.surfaces: dict[str, list[str]] = {}
        self.entity_of: list[str | None] = [self._resolve(i) for i in range(len(mentions))]

    def _resolve(self, index: int) -> str | None:
        mention = self.mentions[index]
        curated = gazetteer().get(mention.gazetteer_id or "")
        if curated is not None and curated.label == mention.label:
            entity = curated.as_entity()
        else:
            earlier = self._same_as_earlier(mention)
            if earlier is None and mention.label == "Person" and len(mention.text.split()) == 1:
                # a lone family name that no full name introduced: a curated person the
                # article's organisations point to, or nobody
                curated = self._family_member(mention.text)
                if curated is None:
                    return None
                earlier = curated.as_entity()
            if earlier is None and mention.method not in NOT_NAMES:
                curated = curated_variant(mention.text, mention.label)
                earlier = None if curated is None else curated.as_entity()
            entity = earlier or Entity(
                new_entity_id(mention.text, mention.label), mention.text, mention.label
            )
        self.entities.setdefault(entity.id, entity)
        surfaces = self.surfaces.setdefault(entity.id, [])
        if mention.text not in surfaces and mention.method not in NOT_NAMES:
            surfaces.append(mention.text)
        return entity.id

    def _family_member(self, word: str) -> CuratedEntity | None:
        """The one curated person of family name WORD that fits this article: the only one
        with that name and no known organisations, or the one whose organisations the
        article names most."""
        candidates = family_members(word)
        named = {m.gazetteer_id for m in self.mentions if m.gazetteer_id}
        scored = sorted(
            ((len(named.intersection(c.known_for)), c) for c in candidates),
            key=lambda pair: -pair[0],
        )
        if not scored:
            return None
        best_score, best = scored[0]
        if len(scored) > 1 and scored[1][0] == best_score:
            return None
        if best.known_for and best_score == 0:
            return None
        return best

    def _same_as_earlier(self, mention: Mention) -> Entity | None:
        """Acronyms, short forms ('Ma' after 'Jack Ma', 'Kanzhun' after 'Kanzhun Ltd')."""
        words = mention.text.split()
        for entity_id, surfaces in self.surfaces.items():
            entity = self.entities[entity_id]
            # the statistical NER often tags a known person's family name as an organisation;
            # it comes first in Chinese names ("Li" after "Li Qiang") and last in Western ones
            if (
                entity.label == "Person"
                and len(words) == 1
                and mention.method.startswith("ner")
                and any(words[0] in (s.split()[0], s.split()[-1]) for s in surfaces if " " in s)
            ):
                return entity
            if entity.label != mention.label:
                continue
            if mention.label == "Policy" and policy_core(mention.text) in {
                policy_core(s) for s in surfaces
            }:
                return entity  # "Draft Rules on X" and "Rules on X"
            if mention.alias_of is not None and (
                mention.alias_of in surfaces or mention.gazetteer_id == entity_id
            ):
                return entity
            for surface in surfaces:
                parts = surface.split()
                if mention.label in LEGAL_FORM_LABELS and without_legal_form(
                    parts
                ) == without_legal_form(words):
                    return entity  # "Kanzhun" and "Kanzhun Ltd", in either order
                if len(parts) <= len(words):
                    continue
                if mention.label == "Person" and len(words) == 1 and words[0] in parts:
                    return entity
                if mention.label != "Person" and parts[: len(words)] == words:
                    return entity
                if mention.text.isupper() and _initials(surface) == mention.text:
                    return entity
        return None

    def weak_entities(self) -> set[str]:
        """Entities every mention of which came from a weak method."""
        strong = {
            entity_id
            for mention, entity_id in zip(self.mentions, self.entity_of, strict=True)
            if entity_id is not None and mention.method not in WEAK_METHODS
        }
        return set(self.entities) - strong


def resolve_article(
    document: Document, mentions: list[Mention], claims: list[Claim]
) -> ArticleGraph:
    """Canonical entities, their surface forms and de-duplicated relationships of one article."""
    resolver = ArticleResolver(mentions)
    best: dict[tuple[str, str, str], Relation] = {}
    for claim in claims:
        subject = resolver.entity_of[claim.subject]
        obj = resolver.entity_of[claim.object]
        if subject is None or obj is None or subject == obj:
            continue
        kind = ontology().relation(claim.type)
        # a mention may resolve to an entity of another type than the one the claim was typed for
        if not kind.allows(resolver.entities[subject].label, resolver.entities[obj].label):
            continue
        if kind.symmetric and obj < subject:
            subject, obj = obj, subject
        properties = dict(claim.properties)
        stated = stated_date(properties.pop("date_text", None) or (), document.published)
        relation = Relation(
            subject=subject,
            type=claim.type,
            object=obj,
            article_id=document.id,
            evidence=claim.evidence,
            date=stated or document.published,
            confidence=claim.confidence,
            method=claim.method,
            modality=claim.modality,
            properties=tuple(properties.items()),
        )
        key = (subject, claim.type, obj)
        if key not in best or best[key].confidence < relation.confidence:
            best[key] = relation
    acting = {r.subject for r in best.values()} | {r.object for r in best.values()}
    dropped = resolver.weak_entities() - acting
    return ArticleGraph(
        document=document,
        entities=tuple(e for e in resolver.entities.values() if e.id not in dropped),
        mentions={k: tuple(v) for k, v in resolver.surfaces.items() if k not in dropped},
        relations=tuple(best.values()),
    )
