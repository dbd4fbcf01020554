"""IRIs of the linked-data graph: entities, articles, statements and the ontology's terms,
all under one base IRI (ontology.yaml's `base_iri`, or --base-iri / KG_BASE_IRI)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SH, SKOS

from kg.ontology import ontology

SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


def default_base_iri() -> str:
    """KG_BASE_IRI if set, else the ontology file's base IRI."""
    return os.environ.get("KG_BASE_IRI") or ontology().base_iri


def _camel(type_name: str) -> str:
    """'HOLDS_POSITION' -> 'holdsPosition'."""
    first, *rest = type_name.lower().split("_")
    return first + "".join(word.capitalize() for word in rest)


@dataclass(frozen=True)
class Vocabulary:
    """Mints every IRI from one base."""

    base: str

    @classmethod
    def at(cls, base: str | None = None) -> Vocabulary:
        base = base or default_base_iri()
        return cls(base if base.endswith(("/", "#")) else base + "/")

    def bind(self, graph: Graph) -> Graph:
        """GRAPH with this vocabulary's prefixes bound (serialisers print the used ones)."""
        graph.bind("kg", self.terms)
        graph.bind("schema", SCHEMA)
        graph.bind("prov", PROV)
        graph.bind("wd", WIKIDATA)
        graph.bind("dcterms", DCTERMS)
        graph.bind("skos", SKOS)
        graph.bind("owl", OWL)
        graph.bind("sh", SH)
        return graph

    @property
    def terms(self) -> Namespace:
        """The ontology's classes and properties."""
        return Namespace(self.base + "ontology#")

    def entity(self, entity_id: str) -> URIRef:
        return URIRef(f"{self.base}entity/{quote(entity_id, safe='')}")

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{quote(article_id, safe='')}")

    def label_class(self, label: str) -> URIRef:
        return self.terms[label]

    def relation(self, type_name: str) -> URIRef:
        return self.terms[_camel(type_name)]

    def fact(self, subject: str, type_name: str, obj: str) -> URIRef:
        """The one node that gathers every article's support for subject-type-object."""
        parts = "/".join(quote(x, safe="") for x in (subject, type_name, obj))
        return URIRef(f"{self.base}fact/{parts}")

    def statement(self, article_id: str, subject: str, type_name: str, obj: str) -> URIRef:
        """One article's statement of subject-type-object."""
        parts = "/".join(quote(x, safe="") for x in (article_id, subject, type_name, obj))
        return URIRef(f"{self.base}statement/{parts}")
