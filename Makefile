# Fairchase: `make run` to try it, `make test` to check it. `make help` lists the rest.
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
PY    := $(BIN)/python
# Django 6.1 needs Python >= 3.12: take the first interpreter that qualifies.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 /root/.pyenv/versions/3.12*/bin/python3 /root/.pyenv/versions/3.13*/bin/python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)
PGBIN := /usr/lib/postgresql/15/bin
TESTDATA ?= $(CURDIR)/.testdata
# Where the app keeps its SQLite database and secret key (settings.py: the checkout by default).
DATA_DIR ?= $(CURDIR)
# A command as a person runs it: with DATA_DIR in front when it is not the checkout (without
# it, `fairchase createsuperuser` or `backup` would act on the checkout's database, not this one).
OWN_DATA_DIR = $(if $(filter-out $(CURDIR),$(DATA_DIR)),DATA_DIR=$(DATA_DIR))
FAIRCHASE_HERE = $(if $(OWN_DATA_DIR),$(OWN_DATA_DIR) )$(BIN)/fairchase
CREATE_FIRST_USER = $(FAIRCHASE_HERE) createsuperuser
# The SQLite database and the files beside it (its write-ahead log, shared memory, locks).
DB_FILES = $(foreach f,fairchase.sqlite3 fairchase.sqlite3-wal fairchase.sqlite3-shm fairchase.sqlite3.locks,"$(DATA_DIR)/$(f)")
PORT ?= 8000
# The address `make run` listens on: 127.0.0.1 (this computer only) unless HOST=0.0.0.0 (README:
# "From a phone or another computer"; ALLOWED_HOSTS must then name the address you type).
HOST ?= 127.0.0.1
# DEMO=0: `make run` starts on your own data (no demo leads or logins).
DEMO ?= 1

.PHONY: help install system-deps run demo first-user test test-sqlite test-postgres bench lint fmt clean clean-data

help: ## List the targets
	@echo "Fairchase: a self-hosted follow-up system that says whom to chase today, how, and when to stop."
	@echo "Start with 'make run' (demo data, http://127.0.0.1:8000), or 'make run DEMO=0' for your own; '.venv/bin/fairchase --help' lists its commands."
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# pip says its errors only (-qq): a package it cannot find or build still stops the install, in
# pip's words, but its warnings (an index location of this machine's pip.conf that is missing,
# setuptools' notice on editable installs, a newer pip) are a screenful of noise on a first run.
PIP_INSTALL := $(BIN)/pip install -qq --disable-pip-version-check

$(BIN)/fairchase: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is required (Django 6.1)"; exit 1; }
	@echo "Installing Fairchase and its test tools into $(VENV) (a few minutes; only errors are shown)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP_INSTALL) --upgrade pip
	@$(PIP_INSTALL) -e '.[test,anymail]'
	@touch $@

install: $(BIN)/fairchase ## Create the virtualenv and install Fairchase with its test tools

system-deps: ## apt: PostgreSQL, Dovecot IMAP and Chromium for the test suite (skipped when present)
	@if ! command -v chromium >/dev/null || ! test -x $(PGBIN)/initdb || ! command -v dovecot >/dev/null; then \
	  echo "Installing PostgreSQL, Dovecot and Chromium with apt..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql dovecot-imapd chromium >/dev/null; \
	fi

run: $(if $(filter 0,$(DEMO)),first-user,demo) ## Set up, load demo data on first run (DEMO=0: none, asks for your first account), serve on http://127.0.0.1:8000 (PORT=8001 for another, HOST=0.0.0.0 for your network)
	$(BIN)/fairchase serve --addr $(HOST):$(PORT)

demo: install ## Create the database and load the demo data into it (once: a database with leads is left alone)
	$(BIN)/fairchase migrate --noinput -v 0
	$(BIN)/fairchase demo --if-empty

first-user: install ## Create the database and, while it has no account, ask for the first one (an owner); no demo data
	$(BIN)/fairchase migrate --noinput -v 0
	@if $(BIN)/fairchase shell -v 0 -c 'from django.contrib.auth import get_user_model; raise SystemExit(get_user_model().objects.exists())'; then \
	  if [ -t 0 ]; then \
	    echo "No account yet: create yours (the first is an owner, who sees every lead and sets up the business)."; \
	    $(BIN)/fairchase createsuperuser; \
	  else \
	    echo "No account yet, and no terminal here to ask for it: run $(CREATE_FIRST_USER) in one (the first account is an owner), then log in."; \
	  fi; \
	fi

test: install system-deps ## Run the whole suite on SQLite, then on a throw-away PostgreSQL server
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# The browser tests run on a SQLite file, as the app does: their page polls while a background
# thread writes, and the in-memory test database's table locks fail a writer at once instead of
# letting it wait its turn (WAL and the busy timeout need a file).
test-sqlite: install
	$(BIN)/pytest -p no:cacheprovider -q -m "not browser"
	@d=$$(mktemp -d); SQLITE_TEST_PATH="$$d/test.sqlite3" $(BIN)/pytest -p no:cacheprovider -q -m browser; rc=$$?; rm -rf "$$d"; exit $$rc

# The postgres user cannot enter this directory: its commands run from /tmp.
test-postgres: install system-deps ## Start PostgreSQL on 127.0.0.1:54329 in a temp dir and run the suite against it
	@d=$$(mktemp -d); chown postgres "$$d"; here=$$PWD; cd /tmp; \
	runuser -u postgres -- $(PGBIN)/initdb -D "$$d/data" -A trust -U fairchase >/dev/null && \
	runuser -u postgres -- $(PGBIN)/pg_ctl -D "$$d/data" -o "-k $$d -p 54329 -c listen_addresses=127.0.0.1 -c fsync=off" -l "$$d/log" -w start >/dev/null && \
	(cd "$$here" && DATABASE_URL=postgres://fairchase@127.0.0.1:54329/postgres $(BIN)/pytest -p no:cacheprovider -q -m "not browser"); rc=$$?; \
	runuser -u postgres -- $(PGBIN)/pg_ctl -D "$$d/data" -m fast stop >/dev/null; rm -rf "$$d"; exit $$rc

bench: install ## Benchmarks: decision core, simulator quality, app speed (tables and ratios)
	$(PY) -m bench

lint: install ## ruff (lint and formatting) and mypy on the decision core
	$(BIN)/ruff check fairchase tests bench
	$(BIN)/ruff format --check fairchase tests bench
	$(BIN)/mypy fairchase/policy

fmt: install ## ruff format + import sort
	$(BIN)/ruff check --fix --select I fairchase tests bench
	$(BIN)/ruff format fairchase tests bench

clean: ## Remove what can be rebuilt: the virtualenv, caches, what tests, benchmarks and simulations wrote (never your data)
	rm -rf $(VENV) $(TESTDATA) test-output/ .hypothesis/ out/ staticfiles/ .pytest_cache/ .mypy_cache/ .ruff_cache/

clean-data: ## Delete the SQLite lead database in DATA_DIR (every lead, user and opt-out): only with CONFIRM=yes
	@if [ "$(CONFIRM)" != "yes" ]; then \
	  echo "Nothing was deleted (without CONFIRM=yes this only says what it would delete)."; \
	  echo "make clean-data CONFIRM=yes$(if $(OWN_DATA_DIR), $(OWN_DATA_DIR)) deletes every lead, user, opt-out and message: these files"; \
	  for f in $(DB_FILES); do echo "  $$f"; done; \
	  echo "It keeps the secret key $(DATA_DIR)/.secret_key. Back up first: $(FAIRCHASE_HERE) backup FILE"; \
	else \
	  rm -rf $(DB_FILES) && echo "Deleted the lead database in $(DATA_DIR)."; \
	fi
