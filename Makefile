# Quick start: `make run` (set up, then build seeds/ into out/) and `make test` (set up, whole suite).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
# DAISY Ace runs with the system Chromium; neither Puppeteer nor Electron downloads a browser.
NPM_ENV := PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1

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

# System packages (a CJK font for covers; Java and Chromium for the checkers), from apt where missing.
$(VENV)/.system-run: scripts/ensure-system-packages | $(BIN)/python
	scripts/ensure-system-packages run
	@touch $@

$(VENV)/.system-test: scripts/ensure-system-packages | $(BIN)/python
	scripts/ensure-system-packages test
	@touch $@

node_modules/.installed: package.json package-lock.json
	$(NPM_ENV) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: $(VENV)/.installed $(VENV)/.system-run
	$(BIN)/publisher build seeds/ --out out/
	@echo "Done: open out/ — EPUBs in out/epub/; feeds, podcast and audio in out/<variant>/<paper>/; models in out/model/; every file is listed in out/manifest.json."

test: $(VENV)/.installed-test $(VENV)/.system-test node_modules/.installed lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check publisher tests bench
	$(BIN)/ruff format --check publisher tests bench

$(VENV)/.system-bench: scripts/ensure-system-packages | $(BIN)/python
	scripts/ensure-system-packages bench
	@touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@

bench: $(VENV)/.installed-bench $(VENV)/.system-bench
	$(BIN)/python bench/run.py
	$(BIN)/python bench/real_pages.py

clean:
	rm -rf $(VENV) out node_modules .pytest_cache .ruff_cache
