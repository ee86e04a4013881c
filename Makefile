# policykg: `make demo` builds the samples into ./policykg-store; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= policykg-store

.PHONY: demo test stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

demo: $(BIN)/python
	$(BIN)/pip install -e .
	$(BIN)/policykg --store $(STORE) build samples/
	$(BIN)/policykg --store $(STORE) stats

test: $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the Neo4j Cypher parse test will be skipped"; fi
	$(BIN)/python -m pytest -q

# Stop the demo store's server if a killed command left it running.
stop: $(BIN)/python
	$(BIN)/python -c "from policykg.graph.embedded import stop_server; stop_server('$(STORE)')"

clean: stop
	rm -rf $(STORE)
