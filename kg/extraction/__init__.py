"""Extraction that is learned: the annotated corpus, the trained recogniser and relationship
classifier, their training and cross-validation. May import kg.model, kg.ontology and the rule
modules of extraction; never a store or the CLI."""
