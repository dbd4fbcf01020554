"""Jobs: the stages run together for a command: ingest (loaders, extraction, resolution,
store), distributed ingest on Dask, people's judgements on a stored graph, pushes to another
store, the demo. May import every room but the CLI."""
