# Picketline — `make run` to try it, `make test` to check it.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PICKETLINE := $(BIN)/picketline
STAMP := $(VENV)/.installed

# The first Python 3.12+ that actually runs: an explicit $(PYTHON), then versions on PATH, then
# pyenv's installed versions (its shims fail unless selected, so each candidate is executed).
PYTHON ?= $(shell for c in python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 \
	$$(command -v pyenv >/dev/null && echo $$(pyenv root)/versions/3.1[2-9]*/bin/python3) 2>/dev/null); do \
	  $$c -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 && { command -v $$c || echo $$c; } && break; \
	done)

.PHONY: help run setup install test test-browser test-postgres fuzz lint format bench bench-load \
	bench-faults messages clean

help:
	@echo "make run           set everything up and start http://127.0.0.1:8000"
	@echo "make test          run the test suite (SQLite)"
	@echo "make test-postgres run the suite on PostgreSQL (DATABASE_URL or the local server)"
	@echo "make test-browser  run the browser tests in Chromium"
	@echo "make fuzz          fuzz the JSON API against its OpenAPI document (schemathesis)"
	@echo "make bench         run the benchmarks and write bench/RESULTS.md"
	@echo "make bench-load    load gunicorn on PostgreSQL with locust (a few minutes)"
	@echo "make bench-faults  kill the database connections under load (PostgreSQL)"
	@echo "make lint          ruff check, format check and the import contracts"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Picketline needs Python 3.12 or newer, and none was found."; \
	  echo "Install it (e.g. 'apt-get install python3.12 python3.12-venv', 'pyenv install 3.13'"; \
	  echo "or from python.org), or point to it: make run PYTHON=/path/to/python3.12"; \
	  exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

setup: install
	$(PICKETLINE) migrate --no-input
	$(PICKETLINE) collectstatic --no-input --verbosity 0
	$(PICKETLINE) load-places
	$(PICKETLINE) demo
	$(PICKETLINE) demo-solidarity
	$(PICKETLINE) demo-events
	$(PICKETLINE) demo-organisations
	$(PICKETLINE) demo-members
	$(PICKETLINE) demo-charters
	$(PICKETLINE) demo-campaigns
	$(PICKETLINE) demo-appeals
	$(PICKETLINE) demo-resources
	$(PICKETLINE) demo-ballots

run: setup
	$(PICKETLINE) serve

test: install
	$(BIN)/pytest -m "not browser and not fuzz" $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(BIN)/pytest -m "not browser and not fuzz" $(PYTEST_ARGS)

test-browser: install
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# FUZZ_EXAMPLES=N sets the requests made per operation (25 by default).
fuzz: install
	$(BIN)/pytest -m fuzz tests/api/test_fuzzing.py $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	cd picketline && ../$(PICKETLINE) makemessages -l es -l ar --no-obsolete --ignore 'static/vendor/*' \
	  && ../$(PICKETLINE) makemessages -d djangojs -l es -l ar --no-obsolete --ignore 'static/vendor/*' \
	  && ../$(PICKETLINE) compilemessages

bench: install
	$(BIN)/python bench/run.py

bench-load: install
	$(BIN)/python bench/load.py $(BENCH_ARGS)

bench-faults: install
	$(BIN)/python bench/faults.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles picketline.sqlite3* .pytest_cache
