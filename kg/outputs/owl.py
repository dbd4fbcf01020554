"""The ontology as OWL/RDFS and its SHACL shapes, generated from ontology.yaml."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.gazetteer import gazetteer
from kg.ontology import ontology
from kg.outputs.vocabulary import PROV, SCHEMA, WIKIDATA, Vocabulary

# Data properties of statements (one article's claim) and facts (all articles' claims).
STATEMENT_PROPERTIES = {
    "evidence": XSD.string,
    "confidence": XSD.double,
    "method": XSD.string,
    "modality": XSD.string,
    "amount": XSD.double,
    "currency": XSD.string,
    "role": XSD.string,
    "former": XSD.boolean,
    "detail": XSD.string,
    "supportingArticles": XSD.integer,
}
# Data properties of a judgement a person made on the graph (kg merge, kg reject).
JUDGEMENT_PROPERTIES = {
    "rejected": XSD.boolean,
    "judgedBy": XSD.string,
    "judgedAt": XSD.dateTime,
    "judgementNote": XSD.string,
}


def ontology_graph(vocabulary: Vocabulary) -> Graph:
    """Classes aligned to schema.org, one object property per relationship type with its
    domain and range, the statement vocabulary, and curated entities' Wikidata links."""
    model = ontology()
    terms = vocabulary.terms
    graph = vocabulary.bind(Graph())
    root = URIRef(vocabulary.base + "ontology")
    graph.add((root, RDF.type, OWL.Ontology))
    graph.add((root, RDFS.label, Literal("China tech regulation knowledge graph ontology")))
    for label in model.labels:
        cls = terms[label]
        graph.add((cls, RDF.type, OWL.Class))
        graph.add((cls, RDFS.label, Literal(label)))
        graph.add((cls, RDFS.subClassOf, SCHEMA[model.schema_org[label]]))
    graph.add((terms.Article, RDF.type, OWL.Class))
    graph.add((terms.Article, RDFS.subClassOf, SCHEMA.NewsArticle))
    for name in ("Statement", "Fact"):
        graph.add((terms[name], RDF.type, OWL.Class))
        graph.add((terms[name], RDFS.subClassOf, RDF.Statement))
    graph.add((terms.Statement, RDFS.subClassOf, PROV.Entity))
    graph.add((terms.RejectedFact, RDF.type, OWL.Class))
    graph.add((terms.RejectedFact, RDFS.subClassOf, RDF.Statement))
    graph.add(
        (
            terms.RejectedFact,
            RDFS.comment,
            Literal("A fact a person judged wrong (kg reject); not asserted by the graph."),
        )
    )
    for rel in model.relations.values():
        prop = vocabulary.relation(rel.name)
        graph.add((prop, RDF.type, OWL.ObjectProperty))
        graph.add((prop, RDFS.label, Literal(rel.name)))
        if rel.symmetric:
            graph.add((prop, RDF.type, OWL.SymmetricProperty))
        graph.add((prop, RDFS.domain, _union(graph, [terms[x] for x in rel.domain])))
        graph.add((prop, RDFS.range, _union(graph, [terms[x] for x in rel.range])))
        for label in rel.domain:
            graph.add((prop, SCHEMA.domainIncludes, terms[label]))
        for label in rel.range:
            graph.add((prop, SCHEMA.rangeIncludes, terms[label]))
    for name, datatype in {**STATEMENT_PROPERTIES, **JUDGEMENT_PROPERTIES}.items():
        graph.add((terms[name], RDF.type, OWL.DatatypeProperty))
        graph.add((terms[name], RDFS.range, datatype))
    for entity in gazetteer().values():
        if entity.wikidata:
            iri = vocabulary.entity(entity.id)
            graph.add((iri, RDF.type, OWL.NamedIndividual))
            graph.add((iri, RDF.type, terms[entity.label]))
            graph.add((iri, RDFS.label, Literal(entity.name)))
            graph.add((iri, SCHEMA.name, Literal(entity.name)))
            graph.add((iri, OWL.sameAs, WIKIDATA[entity.wikidata]))
            graph.add((iri, SCHEMA.sameAs, WIKIDATA[entity.wikidata]))
    return graph


def _union(graph: Graph, classes: list[Node]) -> Node:
    if len(classes) == 1:
        return classes[0]
    node, members = BNode(), BNode()
    Collection(graph, members, classes)
    graph.add((node, RDF.type, OWL.Class))
    graph.add((node, OWL.unionOf, members))
    return node


def shapes_graph(vocabulary: Vocabulary) -> Graph:
    """SHACL: every entity has one name; each relationship from an entity ends at an entity
    of a type its range allows; statements and facts carry valid provenance values."""
    model = ontology()
    terms = vocabulary.terms
    graph = vocabulary.bind(Graph())
    shapes = URIRef(vocabulary.base + "shapes#")
    for label in model.labels:
        shape = URIRef(f"{shapes}{label}Shape")
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, SH.targetClass, terms[label]))
        _property(graph, shape, SCHEMA.name, min_count=1, max_count=1, datatype=XSD.string)
        for rel in model.relations.values():
            if label not in rel.domain:
                continue
            allowed = [terms[x] for x in rel.range]
            prop = _property(graph, shape, vocabulary.relation(rel.name))
            options: list[Node] = []
            for cls in allowed:
                option = BNode()
                graph.add((option, SH["class"], cls))
                options.append(option)
            members = BNode()
            Collection(graph, members, options)
            graph.add((prop, SH["or"], members))
    for name in ("Statement", "Fact"):
        shape = URIRef(f"{shapes}{name}Shape")
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, SH.targetClass, terms[name]))
        for part in (RDF.subject, RDF.predicate, RDF.object):
            _property(graph, shape, part, min_count=1, max_count=1, kind=SH.IRI)
        confidence = _property(graph, shape, terms.confidence, max_count=1, datatype=XSD.double)
        graph.add((confidence, SH.minInclusive, Literal(0.0)))
        graph.add((confidence, SH.maxInclusive, Literal(1.0)))
    statement_shape = URIRef(f"{shapes}StatementShape")
    _property(graph, statement_shape, PROV.wasDerivedFrom, min_count=1, kind=SH.IRI)
    _property(graph, statement_shape, terms.evidence, min_count=1, datatype=XSD.string)
    fact_shape = URIRef(f"{shapes}FactShape")
    support = _property(
        graph, fact_shape, terms.supportingArticles, min_count=1, max_count=1, datatype=XSD.integer
    )
    graph.add((support, SH.minInclusive, Literal(1)))
    return graph


def _property(
    graph: Graph,
    shape: URIRef,
    path: URIRef,
    *,
    min_count: int | None = None,
    max_count: int | None = None,
    datatype: URIRef | None = None,
    kind: URIRef | None = None,
) -> BNode:
    prop = BNode()
    graph.add((shape, SH.property, prop))
    graph.add((prop, SH.path, path))
    if min_count is not None:
        graph.add((prop, SH.minCount, Literal(min_count)))
    if max_count is not None:
        graph.add((prop, SH.maxCount, Literal(max_count)))
    if datatype is not None:
        graph.add((prop, SH.datatype, datatype))
    if kind is not None:
        graph.add((prop, SH.nodeKind, kind))
    return prop
