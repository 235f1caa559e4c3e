# The two set-up commands README promises:
#   make run   — create the environment, load seeds/ into the embedded store, print what was loaded
#   make test  — the whole test suite, with a real Neo4j 5.26 built and started from tools/neo4j/
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# a second environment with every runtime dependency at the lower bound pyproject.toml declares
MIN_VENV ?= .venv-min
NEO4J_PORT ?= 7687
NEO4J_PASSWORD ?= partners-test-pw
export NEO4J_PORT NEO4J_PASSWORD

.PHONY: run test test-embedded lint bench neo4j-start neo4j-stop clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

$(MIN_VENV)/.installed: pyproject.toml tools/min_versions.py
	$(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/pip install -q --upgrade pip
	$(PYTHON) tools/min_versions.py > $(MIN_VENV)/constraints.txt
	$(MIN_VENV)/bin/pip install -q -c $(MIN_VENV)/constraints.txt -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/partners load --backend embedded

# Starts the bundled Neo4j and runs, whatever the outcome of each, then stops Neo4j:
#   1. every test against both stores;
#   2. the suite again (browser tests aside) with the lowest dependency versions pyproject.toml allows;
#   3. the built wheel installed into a fresh venv, running the commands users run (tools/wheel_check.sh).
test: $(VENV)/.installed-dev $(MIN_VENV)/.installed
	tools/neo4j/neo4j.sh start
	status=0; \
	NEO4J_URI=bolt://127.0.0.1:$(NEO4J_PORT) NEO4J_USER=neo4j $(BIN)/pytest || status=1; \
	echo "== the suite with the lowest declared dependency versions ($(MIN_VENV)/constraints.txt)"; \
	NEO4J_URI=bolt://127.0.0.1:$(NEO4J_PORT) NEO4J_USER=neo4j $(MIN_VENV)/bin/pytest -q -m "not browser" \
	  -p no:cacheprovider || status=1; \
	echo "== the installed wheel"; \
	PYTHON=$(BIN)/python tools/wheel_check.sh || status=1; \
	tools/neo4j/neo4j.sh stop; exit $$status

# Only the embedded store (Neo4j tests skip, with their reason).
test-embedded: $(VENV)/.installed-dev
	env -u NEO4J_URI $(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check graph loaders queries analysis viz reports terminal cli.py tests bench tools
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	tools/neo4j/neo4j.sh start
	NEO4J_URI=bolt://127.0.0.1:$(NEO4J_PORT) NEO4J_USER=neo4j $(BIN)/python bench/load.py; \
	  status=$$?; tools/neo4j/neo4j.sh stop; exit $$status

neo4j-start:
	tools/neo4j/neo4j.sh start

neo4j-stop:
	tools/neo4j/neo4j.sh stop

clean:
	rm -rf $(VENV) $(MIN_VENV) .partners tools/neo4j/target tools/neo4j/run
