"""A live Bolt server for the Neo4j conformance tests: ArcadeDB (the `arcadedb-embedded` wheel,
JRE bundled) with its Bolt plugin, on 127.0.0.1. Run as its own process, so that its JVM never
lives in the test process:

    python tests/arcadedb_server.py ROOT_DIR BOLT_PORT HTTP_PORT PASSWORD

It serves one empty database, kg, prints "ready" once the server listens and stops when its standard input closes.
"""

from __future__ import annotations

import sys

DATABASE = "kg"


def main() -> None:
    root, bolt_port, http_port, password = sys.argv[1:5]
    import arcadedb_embedded

    server = arcadedb_embedded.create_server(
        root_path=root,
        root_password=password,
        config={
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": int(bolt_port),
            "http_port": int(http_port),
            "host": "127.0.0.1",
        },
    )
    server.start()
    server.create_database(DATABASE)
    print("ready", flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
