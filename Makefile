# One command per verb; `make help` lists them. Everything runs from the project's own virtualenv (.venv),
# created from pyproject.toml + requirements.lock: `make run` installs only what the server needs, `make install`
# (and every target that lints, types, tests or benchmarks) adds the development tools.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
STAMP  := $(VENV)/.installed
JS_DIR := tests/sdk/js
JS_STAMP := $(JS_DIR)/node_modules/.installed
# The official JS SDK tests need Node.js; where npm exists, `make test` installs their workspace first.
SDK_JS := $(if $(shell command -v npm),$(JS_STAMP),)

.DEFAULT_GOAL := help
.PHONY: help install sdk-js run fmt lint type test test-pg bench check roles lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(RUNTIME_STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $(RUNTIME_STAMP)

$(STAMP): $(RUNTIME_STAMP) pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Mercato with its development tools

sdk-js: $(JS_STAMP) ## Install the official JS SDK workspace the client tests drive (tests/sdk/js; needs Node.js 20 and npm)

$(JS_STAMP): $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	npm ci --prefix $(JS_DIR) --no-audit --no-fund
	touch $(JS_STAMP)

run: $(RUNTIME_STAMP) ## Start the server on the embedded default (SQLite file ./mercato.db, created and migrated on start)
	$(BIN)/mercato serve

fmt: install ## Format and autofix
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

lint: install ## Format check, lint and import contracts
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

type: install ## mypy --strict on src, tests and bench
	$(BIN)/mypy

test: install $(SDK_JS) ## The test suite on SQLite
	$(BIN)/pytest -q

test-pg: install $(SDK_JS) ## The test suite on PostgreSQL (starts a throwaway local server unless MERCATO_TEST_DATABASE_URL is set)
	scripts/with-postgres $(BIN)/pytest -q

bench: install ## Load the server and print req/s and p50/p99 beside a bare Litestar baseline
	$(BIN)/python -m bench

check: lint type test ## Everything CI checks on SQLite: format, lint, import contracts, mypy, tests

roles: $(RUNTIME_STAMP) ## Print the role matrix of every implemented operation
	$(BIN)/mercato roles

lock: ## Re-pin requirements.lock from a fresh resolve of pyproject.toml
	rm -rf /tmp/mercato-lock && $(PYTHON) -m venv /tmp/mercato-lock
	/tmp/mercato-lock/bin/pip install --quiet --disable-pip-version-check '.[dev]'
	/tmp/mercato-lock/bin/pip freeze --exclude mercato > requirements.lock

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache tests/sdk/js/node_modules
