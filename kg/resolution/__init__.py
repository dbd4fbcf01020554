"""Resolution: which names, across articles, are one actor. Reads names, labels and the curated
gazetteer; may import kg.model, kg.gazetteer and kg.resources, never extraction, store or CLI."""
