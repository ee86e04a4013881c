# policykg: `make demo` builds the samples into ./policykg-store; `make test` runs the tests
# (on the embedded store and on a Neo4j 5 server the tests start); `make test-neo4j` only
# the Neo4j ones.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= policykg-store

.PHONY: demo test test-neo4j install-test stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

demo: $(BIN)/python
	$(BIN)/pip install -e .
	$(BIN)/policykg --store $(STORE) build samples/
	$(BIN)/policykg --store $(STORE) stats

install-test: $(BIN)/python
	bash .ci/system-packages
	$(BIN)/pip install -e '.[test]'
	npm ci --no-audit --no-fund

test: install-test
	$(BIN)/python -m pytest -q

# Neo4j Community and APOC Core come from Maven Central on the first run (cached in ~/.m2).
test-neo4j: install-test
	$(BIN)/python -m pytest -q -m neo4j

# Stop the demo store's server if a killed command left it running.
stop: $(BIN)/python
	$(BIN)/python -c "from policykg.graph.embedded import stop_server; stop_server('$(STORE)')"

clean: stop
	rm -rf $(STORE)
