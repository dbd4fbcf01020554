"""A knowledge graph of China tech regulation."""

__version__ = "0.1.0"
