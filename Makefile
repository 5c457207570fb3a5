# Meridian: the only commands a newcomer needs. `make run` and `make test` work on a fresh machine.
# The app runs from this folder (no package install): requirements.lock pins every dependency exactly.
SHELL := /bin/bash
.DEFAULT_GOAL := run
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 3000

export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export REFLEX_DIR := $(CURDIR)/.reflex-home
export BUN_INSTALL_CACHE_DIR := $(CURDIR)/.bun-cache
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-fast lint migrate seed bench i18n i18n-extract install chromium clean backup restore

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed locales/de/LC_MESSAGES/messages.mo

# Compiled catalogues are build products (git-ignored).
locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -d locales -D messages -l $*

i18n-extract: $(VENV)/.installed  ## re-extract UI strings into messages.pot and merge into each .po
	$(VENV)/bin/pybabel extract -F babel.cfg -k t -k N_ -k translate:2 -k ValidationError -k NotFound \
	  -k PermissionDenied -k NotAuthenticated -k Throttled -k DomainError -k CheckoutError:2 -k Change:2 --no-location --sort-output \
	  --project=Meridian -o locales/messages.pot marketplace
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching

i18n: install

migrate: install
	$(VENV)/bin/alembic upgrade head

seed: migrate
	$(PY) -m marketplace seed --if-empty

run: seed
	@$(PY) -m marketplace accounts
	@echo "Starting Meridian on http://localhost:$(PORT) (production build; first start takes a minute)"
	@echo "The outbox worker runs alongside: e-mails (sign-up and unlock links, receipts) are printed here."
	@$(PY) -m marketplace worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT) --loglevel warning

# Backups of DATABASE_URL (default data/marketplace.db) into backups/, safe while the app runs.
backup: $(VENV)/.installed
	$(PY) -m marketplace backup $(if $(TO),--to "$(TO)")

restore: $(VENV)/.installed  ## make restore FILE=backups/marketplace-....sqlite3
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/<file> (ls backups/)"; exit 2; }
	$(PY) -m marketplace restore "$(FILE)"

chromium: $(VENV)/.installed
	@scripts/find-chromium.sh $(VENV)/bin/playwright > .chromium-path

# Everything but the browser tests runs in TEST_WORKERS processes (pytest-xdist; each migrates its own template
# databases once, PostgreSQL ones named after the worker); then the browser tests run in one process against one
# build of the app. Both parts always run; the target fails if either failed. One worker more than cores: the
# database tests mostly wait on PostgreSQL (on 2 cores, 2 workers took 8 min 40 s and 3 took 6 min 30 s).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test: install chromium
	@bash scripts/check-services.sh
	@export CHROMIUM="$$(cat .chromium-path)"; status=0; \
	  set -x; $(VENV)/bin/pytest -n $(TEST_WORKERS) --ignore=tests/e2e || status=$$?; \
	  $(VENV)/bin/pytest tests/e2e || status=$$?; \
	  exit $$status

test-fast: install
	$(VENV)/bin/pytest tests/unit -q

lint: install
	$(VENV)/bin/ruff check marketplace tests bench
	$(VENV)/bin/lint-imports

bench: install chromium
	@for b in bench/*.py; do echo "== $$b"; CHROMIUM="$$(cat .chromium-path)" $(PY) $$b || exit 1; done

clean:
	rm -rf .web .states test-artifacts .pytest_cache
