# Quick start: `make run` (set up, then build seeds/ into out/) and `make test` (set up, whole suite).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint clean bench

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "publisher needs Python 3.11 or newer (python3.11 or python3 on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(VENV)/.installed
	$(BIN)/publisher build seeds/ --out out/
	@echo "Done: the model of each issue is in out/model/, every file is listed in out/manifest.json."

test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check publisher tests bench
	$(BIN)/ruff format --check publisher tests bench

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py
