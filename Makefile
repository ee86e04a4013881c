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
	bash .ci/system-packages
	$(BIN)/pip install -e '.[test]'
	npm ci --no-audit --no-fund
	$(BIN)/python -m pytest -q

# Stop the demo store's server if a killed command left it running.
stop: $(BIN)/python
	$(BIN)/python -c "from policykg.graph.embedded import stop_server; stop_server('$(STORE)')"

clean: stop
	rm -rf $(STORE)
