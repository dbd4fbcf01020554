"""Turns one article's mentions and claims into canonical entities and relationships."""

from __future__ import annotations

from kg.gazetteer import gazetteer, slugify
from kg.model import ArticleGraph, Claim, Document, Entity, Mention, Relation
from kg.ontology import ontology


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


class ArticleResolver:
    """Assigns each mention of one article to a canonical entity id."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.entities: dict[str, Entity] = {}
        self.surfaces: dict[str, list[str]] = {}
        self.entity_of: list[str] = [self._resolve(i) for i in range(len(mentions))]

    def _resolve(self, index: int) -> str:
        mention = self.mentions[index]
        curated = gazetteer().get(mention.gazetteer_id or "")
        if curated is not None and curated.label == mention.label:
            entity = Entity(
                curated.id, curated.name, curated.label, curated.aliases, curated.wikidata
            )
        else:
            entity = self._same_as_earlier(mention) or Entity(
                slugify(mention.text), mention.text, mention.label
            )
        self.entities.setdefault(entity.id, entity)
        surfaces = self.surfaces.setdefault(entity.id, [])
        if mention.text not in surfaces:
            surfaces.append(mention.text)
        return entity.id

    def _same_as_earlier(self, mention: Mention) -> Entity | None:
        """Short forms ('Ma' after 'Jack Ma', 'Kanzhun' after 'Kanzhun Ltd') and acronyms."""
        words = mention.text.split()
        for entity_id, surfaces in self.surfaces.items():
            entity = self.entities[entity_id]
            if entity.label != mention.label:
                continue
            for surface in surfaces:
                parts = surface.split()
                if len(parts) <= len(words):
                    continue
                if mention.label == "Person" and len(words) == 1 and words[0] in parts:
                    return entity
                if mention.label != "Person" and parts[: len(words)] == words:
                    return entity
                if mention.text.isupper() and _initials(surface) == mention.text:
                    return entity
        return None


def resolve_article(
    document: Document, mentions: list[Mention], claims: list[Claim]
) -> ArticleGraph:
    """Canonical entities, their surface forms and de-duplicated relationships of one article."""
    resolver = ArticleResolver(mentions)
    best: dict[tuple[str, str, str], Relation] = {}
    for claim in claims:
        subject = resolver.entity_of[claim.subject]
        obj = resolver.entity_of[claim.object]
        if subject == obj:
            continue
        if ontology().relation(claim.type).symmetric and obj < subject:
            subject, obj = obj, subject
        relation = Relation(
            subject=subject,
            type=claim.type,
            object=obj,
            article_id=document.id,
            evidence=claim.evidence,
            date=document.published,
            confidence=claim.confidence,
            method=claim.method,
            modality=claim.modality,
            properties=claim.properties,
        )
        key = (subject, claim.type, obj)
        if key not in best or best[key].confidence < relation.confidence:
            best[key] = relation
    return ArticleGraph(
        document=document,
        entities=tuple(resolver.entities.values()),
        mentions={k: tuple(v) for k, v in resolver.surfaces.items()},
        relations=tuple(best.values()),
    )
