"""Outputs: the graph as maps, RDF and other exports, its OWL/SHACL ontology, SPARQL over an
export, rows rendered for a terminal. May import the shared model, the store, queries and
extraction's readers of dates and money; never jobs or the CLI."""
