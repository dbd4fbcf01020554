"""Streams the graph out as RDF, GraphML or CSV: a page of entities or a batch of articles
at a time, so memory stays flat however big the graph is."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.errors import KGError
from kg.extraction.dates import period_days
from kg.model import ArticleGraph, Entity
from kg.ontology import ontology
from kg.outputs.owl import ontology_graph, shapes_graph
from kg.outputs.vocabulary import PROV, SCHEMA, WIKIDATA, Vocabulary
from kg.store.base import GraphStore
from kg.store.judgements import read_judgements
from kg.store.reader import stored_articles, stored_documents, stored_entities, stored_facts

# Formats written one file each, with the rdflib serializer name for the RDF ones.
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
QUAD_FORMATS = frozenset({"trig", "nq"})
FORMATS = (*RDF_FORMATS, "graphml", "csv", "ontology", "shapes")
PAGE = 500
# The embedded store's page cache while exporting: memory stays bounded however big the graph.
STREAMING_CACHE_MB = 128
# Triples held before a chunk is written: memory stays flat however many facts a page has.
CHUNK_TRIPLES = 20_000


@dataclass
class ExportReport:
    """What was written."""

    entities: int = 0
    relationships: int = 0  # facts (triple formats, GraphML) or per-article statements
    articles: int = 0


def export(
    store: GraphStore | None, fmt: str, out: Path, *, base_iri: str | None = None
) -> ExportReport:
    """Write STORE's graph to OUT in FMT (one of FORMATS; csv writes a folder). The ontology
    and the shapes need no store."""
    vocabulary = Vocabulary.at(base_iri)
    if fmt in ("ontology", "shapes"):
        graph = ontology_graph(vocabulary) if fmt == "ontology" else shapes_graph(vocabulary)
        out.write_text(graph.serialize(format="turtle"), encoding="utf-8")
        return ExportReport()
    if store is None:
        raise KGError(f"exporting {fmt} needs a graph store")
    if fmt == "csv":
        return _write_csv(store, out)
    if fmt not in RDF_FORMATS and fmt != "graphml":
        raise KGError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        if fmt == "graphml":
            return _write_graphml(store, handle)
        return RdfWriter(store, vocabulary, fmt, handle).write()


def _entity_pages(store: GraphStore) -> Iterator[tuple[str, list[Entity]]]:
    for label in ontology().labels:
        for page in stored_entities(store, label, PAGE):
            yield label, page


class RdfWriter:
    """Writes RDF chunk by chunk: each chunk is a small graph serialised on its own, and the
    chunks of every format here concatenate into one valid document."""

    def __init__(self, store: GraphStore, vocabulary: Vocabulary, fmt: str, handle: IO[str]):
        self.store = store
        self.v = vocabulary
        self.fmt = fmt
        self.handle = handle
        self.report = ExportReport()
        self._json_items = 0

    def write(self) -> ExportReport:
        if self.fmt == "jsonld":
            self.handle.write("[\n")
        for label, page in _entity_pages(self.store):
            graph = self._graph()
            for entity in page:
                self._entity(graph, entity)
            self.report.entities += len(page)
            if self.fmt not in QUAD_FORMATS:
                for fact in stored_facts(self.store, label, [e.id for e in page]):
                    self._fact(graph, fact)
                    self.report.relationships += 1
                    if len(graph) >= CHUNK_TRIPLES:
                        self._emit(graph)
                        graph = self._graph()
            self._emit(graph)
        # triple formats need only the articles' metadata; quads also their statements
        if self.fmt in QUAD_FORMATS:
            batches: Iterator[list[ArticleGraph]] = stored_articles(self.store, PAGE)
        else:
            batches = (
                [ArticleGraph(d) for d in page] for page in stored_documents(self.store, PAGE)
            )
        for batch in batches:
            self._emit(self._articles(batch))
            self.report.articles += len(batch)
        self._emit(self._judgements())
        if self.fmt == "jsonld":
            self.handle.write("\n]\n")
        return self.report

    def _graph(self) -> Graph:
        return self.v.bind(Dataset() if self.fmt in QUAD_FORMATS else Graph())

    def _emit(self, graph: Graph) -> None:
        if len(graph) == 0:
            return
        text = graph.serialize(format=RDF_FORMATS[self.fmt])
        if self.fmt != "jsonld":
            self.handle.write(text if text.endswith("\n") else text + "\n")
            return
        for item in json.loads(text):
            self.handle.write(",\n" if self._json_items else "")
            self.handle.write(json.dumps(item, ensure_ascii=False))
            self._json_items += 1

    def _entity(self, graph: Graph, entity: Entity) -> None:
        iri = self.v.entity(entity.id)
        graph.add((iri, RDF.type, self.v.label_class(entity.label)))
        graph.add((iri, SCHEMA.name, Literal(entity.name)))
        graph.add((iri, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            if alias != entity.name:
                graph.add((iri, SKOS.altLabel, Literal(alias)))
        if entity.wikidata:
            graph.add((iri, OWL.sameAs, WIKIDATA[entity.wikidata]))
            graph.add((iri, SCHEMA.sameAs, WIKIDATA[entity.wikidata]))

    def _fact(self, graph: Graph, fact: dict[str, Any]) -> None:
        s, o = self.v.entity(fact["subject"]), self.v.entity(fact["object"])
        p = self.v.relation(fact["type"])
        graph.add((s, p, o))
        node = self.v.fact(fact["subject"], fact["type"], fact["object"])
        terms = self.v.terms
        graph.add((node, RDF.type, terms.Fact))
        graph.add((node, RDF.subject, s))
        graph.add((node, RDF.predicate, p))
        graph.add((node, RDF.object, o))
        graph.add((node, terms.supportingArticles, Literal(int(fact["articles"]))))
        if fact["confidence"] is not None:
            graph.add((node, terms.confidence, Literal(float(fact["confidence"]))))
        for key, term in (("first_date", "firstSeen"), ("last_date", "lastSeen")):
            if fact[key]:
                graph.add((node, terms[term], _date(fact[key])))

    def _judgements(self) -> Graph:
        """Merges in force as owl:sameAs (the entity kept is the one the graph has), rejected
        facts as kg:RejectedFact, with who judged and when."""
        graph = self._graph()
        terms = self.v.terms
        for j in read_judgements(self.store):
            if j.undone or j.kind == "split":
                continue
            s, o = self.v.entity(j.subject), self.v.entity(j.object)
            if j.kind == "merge":
                graph.add((s, OWL.sameAs, o))
                continue
            node = self.v.fact(j.subject, j.relation, j.object)
            graph.add((node, RDF.type, terms.RejectedFact))
            graph.add((node, RDF.subject, s))
            graph.add((node, RDF.predicate, self.v.relation(j.relation)))
            graph.add((node, RDF.object, o))
            graph.add((node, terms.rejected, Literal(True)))
            graph.add((node, terms.judgedBy, Literal(j.who)))
            graph.add((node, terms.judgedAt, Literal(j.at, datatype=XSD.dateTime)))
            if j.note:
                graph.add((node, terms.judgementNote, Literal(j.note)))
        return graph

    def _articles(self, batch: list[ArticleGraph]) -> Graph:
        graph = self._graph()
        terms = self.v.terms
        for article in batch:
            document = article.document
            iri = self.v.article(document.id)
            graph.add((iri, RDF.type, terms.Article))
            if document.title:
                graph.add((iri, DCTERMS.title, Literal(document.title)))
            if document.url:
                graph.add((iri, DCTERMS.source, URIRef(document.url)))
            if document.source:
                graph.add((iri, DCTERMS.publisher, Literal(document.source)))
            if document.published:
                graph.add((iri, DCTERMS.date, _date(document.published)))
            if isinstance(graph, Dataset):
                self._statements(graph.graph(iri), article)
        return graph

    def _statements(self, graph: Graph, article: ArticleGraph) -> None:
        """One article's named graph: its statements with evidence and provenance."""
        terms = self.v.terms
        article_iri = self.v.article(article.document.id)
        for r in article.relations:
            s, p, o = self.v.entity(r.subject), self.v.relation(r.type), self.v.entity(r.object)
            graph.add((s, p, o))
            node = self.v.statement(r.article_id, r.subject, r.type, r.object)
            graph.add((node, RDF.type, terms.Statement))
            graph.add((node, RDF.subject, s))
            graph.add((node, RDF.predicate, p))
            graph.add((node, RDF.object, o))
            graph.add((node, terms.evidence, Literal(r.evidence)))
            graph.add((node, terms.confidence, Literal(float(r.confidence))))
            graph.add((node, terms.method, Literal(r.method)))
            graph.add((node, terms.modality, Literal(r.modality)))
            graph.add((node, PROV.wasDerivedFrom, article_iri))
            if r.date:
                graph.add((node, DCTERMS.date, _date(r.date)))
            for key, value in r.properties:
                graph.add((node, terms[key], Literal(value)))
            self.report.relationships += 1


def _date(value: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear as precisely as the value states it; a plain
    string for anything else."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


_DATE_TYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


# (key id, for, attribute name, type): Gephi shows a node's and an edge's "label"; "start"
# and "end" (ISO days) make its timeline; "weight" is the number of supporting articles.
GRAPHML_KEYS = (
    ("n_label", "node", "label", "string"),
    ("n_type", "node", "type", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_wikidata", "node", "wikidata", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_weight", "edge", "weight", "double"),
    ("e_articles", "edge", "articles", "int"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_start", "edge", "start", "string"),
    ("e_end", "edge", "end", "string"),
    ("e_amount", "edge", "amount", "double"),
    ("e_currency", "edge", "currency", "string"),
)


def _data(key: str, value: object) -> str:
    return f'<data key="{key}">{escape(str(value))}</data>' if value not in (None, "") else ""


def _write_graphml(store: GraphStore, handle: IO[str]) -> ExportReport:
    """GraphML for Gephi and yEd: entities as nodes labelled by name, each relationship once
    with its weight, confidence, dates (start and end, for Gephi's timeline) and amount."""
    report = ExportReport()
    handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    handle.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key, scope, name, kind in GRAPHML_KEYS:
        handle.write(f'  <key id="{key}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n')
    handle.write('  <graph id="kg" edgedefault="directed">\n')
    for label, page in _entity_pages(store):
        for entity in page:
            handle.write(f"    <node id={quoteattr(entity.id)}>")
            aliases = "|".join(a for a in entity.aliases if a != entity.name)
            handle.write(
                _data("n_label", entity.name) + _data("n_type", label)
                + _data("n_aliases", aliases) + _data("n_wikidata", entity.wikidata)
            )  # fmt: skip
            handle.write("</node>\n")
        report.entities += len(page)
        # an edge may name a node of a later page: GraphML allows that
        for fact in stored_facts(store, label, [e.id for e in page]):
            first, last = fact["first_date"], fact["last_date"]
            handle.write(
                f"    <edge source={quoteattr(fact['subject'])} target={quoteattr(fact['object'])}>"
                + _data("e_label", fact["type"])
                + _data("e_weight", float(fact["articles"]))
                + _data("e_articles", int(fact["articles"]))
                + _data("e_confidence", float(fact["confidence"] or 0))
                + _data("e_start", period_days(first)[0] if first else None)
                + _data("e_end", period_days(last)[1] if last else None)
                + _data("e_amount", fact["amount"])
                + _data("e_currency", fact["currency"])
                + "</edge>\n"
            )
            report.relationships += 1
    handle.write("  </graph>\n</graphml>\n")
    return report


NODE_COLUMNS = ("id", "label", "name", "aliases", "wikidata")
RELATIONSHIP_COLUMNS = (
    "subject",
    "type",
    "object",
    "article_id",
    "date",
    "confidence",
    "modality",
    "method",
    "evidence",
    "source_url",
    "source_title",
)


def _write_csv(store: GraphStore, folder: Path) -> ExportReport:
    """nodes.csv and relationships.csv (one row per article's statement, with its source)."""
    report = ExportReport()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "nodes.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NODE_COLUMNS)
        for label, page in _entity_pages(store):
            for e in page:
                writer.writerow((e.id, label, e.name, "|".join(e.aliases), e.wikidata or ""))
            report.entities += len(page)
    with open(folder / "relationships.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(RELATIONSHIP_COLUMNS)
        for batch in stored_articles(store, PAGE):
            report.articles += len(batch)
            for article in batch:
                document = article.document
                for r in article.relations:
                    writer.writerow(
                        (
                            r.subject,
                            r.type,
                            r.object,
                            r.article_id,
                            r.date or "",
                            r.confidence,
                            r.modality,
                            r.method,
                            r.evidence,
                            document.url or "",
                            document.title or "",
                        )
                    )
                    report.relationships += 1
    return report
