"""The command line: one module per command group (main: ingest, extract, query; analyst;
data; judgements; model). Parses, calls the library, renders; nothing imports it."""
