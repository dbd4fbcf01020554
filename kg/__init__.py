"""A knowledge graph of China tech regulation. The path of an article: kg_loaders (the
`loaders/` folder) -> kg.extraction -> kg.resolution -> kg.store -> kg.queries and kg.outputs;
kg.jobs runs the stages together, kg.cli is the command line. Beside them, shared by every room:
kg.model (the data passed between stages), kg.ontology, kg.gazetteer, kg.data_files and
kg.rule_files (the checked data files), kg.resources, kg.errors, kg.batches and kg.scores."""

__version__ = "0.1.0"
