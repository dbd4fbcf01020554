"""Exports: every format parses back (rdflib, XML, CSV) with the store's counts, the RDF
conforms to the generated SHACL shapes, provenance survives in named graphs, SPARQL runs."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import DEV_CORPUS
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.cli.main import main
from kg.ontology import ontology
from kg.outputs.export import export
from kg.outputs.owl import ontology_graph, shapes_graph
from kg.outputs.vocabulary import PROV, Vocabulary
from kg.resources import DATA_DIR
from kg.store import open_store

BASE = "https://regwatch.example.net/kg/"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """The dev corpus ingested into an on-disk store."""
    from kg_loaders import load_sources

    from kg.jobs.ingest import ingest

    db = tmp_path_factory.mktemp("dev") / "db"
    with open_store(db) as store:
        report = ingest(load_sources([str(DEV_CORPUS)]), store, nlp)
    assert report.articles == len(list(DEV_CORPUS.glob("*.gold.json"))) and not report.failures
    return db


@pytest.fixture
def store(corpus_db: Path) -> Iterator[object]:
    with open_store(corpus_db, read_only=True) as opened:
        yield opened


def store_counts(store) -> dict[str, int]:
    entities = sum(
        store.run(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"] for label in ontology().labels
    )
    rows = store.run(
        "MATCH (a:Article)-[:MENTIONS]->(s)-[r]->(o) WHERE r.article_id = a.id "
        "RETURN s.id AS s, label(r) AS t, o.id AS o, r.article_id AS a"
    )
    return {
        "entities": entities,
        "statements": len(rows),
        "facts": len({(r["s"], r["t"], r["o"]) for r in rows}),
        "articles": store.run("MATCH (a:Article) RETURN count(a) AS c")[0]["c"],
    }


def typed_entities(graph: Graph, vocabulary: Vocabulary) -> set[URIRef]:
    classes = {vocabulary.label_class(label) for label in ontology().labels}
    return {s for s, _, o in graph.triples((None, RDF.type, None)) if o in classes}


@pytest.mark.parametrize(
    ("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_triple_formats_parse_back_with_one_fact_per_relationship(store, tmp_path, fmt, parser):
    counts = store_counts(store)
    out = tmp_path / f"graph.{fmt}"
    report = export(store, fmt, out, base_iri=BASE)
    graph = Graph().parse(out, format=parser)
    vocabulary = Vocabulary.at(BASE)
    assert len(typed_entities(graph, vocabulary)) == counts["entities"] == report.entities
    facts = set(graph.subjects(RDF.type, vocabulary.terms.Fact))
    assert len(facts) == counts["facts"] == report.relationships
    support = sum(int(graph.value(f, vocabulary.terms.supportingArticles)) for f in facts)
    assert support == counts["statements"]
    assert all(str(s).startswith(BASE) for s in typed_entities(graph, vocabulary))


@pytest.mark.parametrize(("fmt", "parser"), [("trig", "trig"), ("nq", "nquads")])
def test_quad_formats_keep_each_article_as_a_named_graph(store, tmp_path, fmt, parser):
    counts = store_counts(store)
    out = tmp_path / f"graph.{fmt}"
    export(store, fmt, out, base_iri=BASE)
    dataset = Dataset().parse(out, format=parser)
    vocabulary = Vocabulary.at(BASE)
    statements = list(dataset.quads((None, RDF.type, vocabulary.terms.Statement, None)))
    assert len(statements) == counts["statements"]
    for node, _, _, graph_name in statements:
        context = dataset.graph(graph_name)
        assert context.value(node, PROV.wasDerivedFrom) == graph_name
        assert context.value(node, vocabulary.terms.evidence) is not None
    articles = set(dataset.default_graph.subjects(RDF.type, vocabulary.terms.Article))
    assert len(articles) == counts["articles"]
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(typed_entities(union, vocabulary)) == counts["entities"]


def test_exports_conform_to_the_generated_shapes(store, tmp_path) -> None:
    from pyshacl import validate

    vocabulary = Vocabulary.at(BASE)
    out = tmp_path / "graph.ttl"
    export(store, "ttl", out, base_iri=BASE)
    data = Graph().parse(out, format="turtle") + ontology_graph(vocabulary)
    conforms, _, report = validate(data, shacl_graph=shapes_graph(vocabulary))
    assert conforms, report
    # and the shapes do catch a relationship that ends at the wrong kind of entity
    policy = next(iter(data.subjects(RDF.type, vocabulary.label_class("Policy"))))
    regulator = next(iter(data.subjects(RDF.type, vocabulary.label_class("Regulator"))))
    data.add((regulator, vocabulary.relation("FINED"), policy))
    conforms, _, _ = validate(data, shacl_graph=shapes_graph(vocabulary))
    assert not conforms


def test_graphml_and_csv_hold_the_same_graph(store, tmp_path) -> None:
    counts = store_counts(store)
    export(store, "graphml", tmp_path / "graph.graphml")
    root = ET.parse(tmp_path / "graph.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall("g:graph/g:node", ns)
    edges = root.findall("g:graph/g:edge", ns)
    assert (len(nodes), len(edges)) == (counts["entities"], counts["facts"])
    node_ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in node_ids and e.get("target") in node_ids for e in edges)
    # read as Gephi would (networkx's reader follows the GraphML keys): names as labels,
    # types apart, whole days for the timeline, amounts as numbers
    import networkx

    graph = networkx.read_graphml(tmp_path / "graph.graphml")
    assert {graph.nodes[n]["type"] for n in graph.nodes} <= set(ontology().labels)
    assert all(graph.nodes[n]["label"] and graph.nodes[n]["label"] != graph.nodes[n]["type"]
               for n in graph.nodes)  # fmt: skip
    facts = [graph.edges[e] for e in graph.edges]
    assert {f["label"] for f in facts} <= set(ontology().relations)
    dated = [f for f in facts if "start" in f]
    assert dated and all(date.fromisoformat(f["start"]) <= date.fromisoformat(f["end"])
                         for f in dated)  # fmt: skip
    assert all(isinstance(f["weight"], float) and f["weight"] == f["articles"] for f in facts)
    fines = [f for f in facts if "amount" in f]
    assert fines and all(isinstance(f["amount"], float) and f["label"] == "FINED" for f in fines)
    export(store, "csv", tmp_path / "csv")
    with open(tmp_path / "csv" / "nodes.csv", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == counts["entities"]
    with open(tmp_path / "csv" / "relationships.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == counts["statements"]
    assert all(r["evidence"] and r["article_id"] for r in rows)


def test_shipped_ontology_and_shapes_are_the_generated_ones() -> None:
    vocabulary = Vocabulary.at(ontology().base_iri)
    for name, generated in (("ontology.ttl", ontology_graph), ("shapes.ttl", shapes_graph)):
        shipped = Graph().parse(DATA_DIR / name, format="turtle")
        assert shipped.isomorphic(generated(vocabulary)), f"regenerate kg/data/{name}"


def test_ontology_aligns_classes_with_schema_org_and_links_wikidata(runner, tmp_path) -> None:
    out = tmp_path / "ontology.ttl"
    result = runner.invoke(
        main, ["export", "--format", "ontology", "-o", str(out), "--base-iri", BASE]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "schema:GovernmentOrganization" in text and "schema:NewsMediaOrganization" in text
    assert "owl:sameAs wd:Q" in text and BASE in text


def test_kg_sparql_over_an_export_and_over_the_store(runner, corpus_db, tmp_path) -> None:
    out = tmp_path / "graph.trig"
    result = runner.invoke(
        main, ["export", "--format", "trig", "-o", str(out), "--db", str(corpus_db)]
    )
    assert result.exit_code == 0, result.output
    query = (
        "PREFIX kg: <https://kg.example.org/china-tech-reg/ontology#> "
        "PREFIX schema: <https://schema.org/> "
        "SELECT DISTINCT ?name WHERE { ?who kg:summoned ?firm . ?who schema:name ?name }"
    )
    from_file = runner.invoke(main, ["sparql", query, "--data", str(out), "--format", "json"])
    from_store = runner.invoke(main, ["sparql", query, "--db", str(corpus_db), "--format", "json"])
    assert from_file.exit_code == 0 and from_store.exit_code == 0, from_file.output
    with open_store(corpus_db, read_only=True) as store:
        expected = {
            r["name"] for r in store.run("MATCH (r)-[:SUMMONED]->() RETURN DISTINCT r.name AS name")
        }
    assert expected
    assert {row["name"] for row in json.loads(from_file.output)} == expected
    assert json.loads(from_store.output) and sorted(from_file.output.splitlines()) == sorted(
        from_store.output.splitlines()
    )
    bad = runner.invoke(main, ["sparql", "SELEC ?x", "--data", str(out)])
    assert bad.exit_code == 1 and "SPARQL syntax error" in bad.output


def test_quad_export_of_a_graph_with_hubs_streams_in_the_small_cache(runner, tmp_path) -> None:
    """A thousand articles whose facts mostly start at one regulator: the named graphs read
    back article by article within the export's 128 MiB page cache (reading each article's
    facts in one MATCH once needed more than 512 MiB here)."""
    from kg.model import ArticleGraph, Document, Entity, Relation
    from kg.store.ladybug_store import LadybugStore

    hub = Entity("hub-regulator", "Hub Regulator", "Regulator", ("Hub Regulator",))
    firms = [Entity(f"firm-{n}", f"Firm {n}", "Company", (f"Firm {n}",)) for n in range(100)]
    graphs = []
    for number in range(1000):
        article = f"hub-{number}"
        named = [firms[(number + k) % 100] for k in range(10)]
        relations = tuple(
            Relation(
                "hub-regulator",
                "FINED",
                firm.id,
                article,
                f"Hub fined {firm.name}.",
                "2023-01-02",
                0.9,
                "test",
            )  # fmt: skip
            for firm in named
        )
        graphs.append(
            ArticleGraph(
                Document(article, "text", published="2023-01-02"),
                (hub, *named),
                {e.id: e.aliases for e in (hub, *named)},
                relations,
            )
        )
    with LadybugStore(tmp_path / "db") as store:
        store.bulk_write(graphs)
    out = tmp_path / "hubs.nq"
    result = runner.invoke(
        main, ["export", "--format", "nq", "-o", str(out), "--db", str(tmp_path / "db")]
    )
    assert result.exit_code == 0, result.output
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    named_graphs = [g for g in dataset.graphs() if "hub-" in str(g.identifier)]
    assert len(named_graphs) == 1000
