"""Queries: the named-query library, plain-English questions (kg ask), entity profiles and
their text answers. May import the shared model, the store and extraction's parsing; never
outputs, jobs or the CLI."""
