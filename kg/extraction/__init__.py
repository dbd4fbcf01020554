"""Extraction: one article's text to entities and relationships: the spaCy pipeline, the
rules, the trained recogniser and classifier, their training, scoring and cross-validation.
May import the shared model and resolution; never the store, queries, outputs, jobs or CLI."""
