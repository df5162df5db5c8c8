# CareerPath — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test lint check bench browsers clean

setup: $(STAMP)

# Reinstall only when the dependency list changes, so a second `make run` starts in seconds.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_framework
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  CareerPath is starting on http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: careerpath-demo): hr, recruiter, recruiter2, viewer"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/   API docs: http://$(HOST):$(PORT)/api/docs/"
	@echo ""
	OWN_ERROR_PAGES=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

check: lint test

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/dead_broker.py
	$(BIN)/python bench/exports.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts .pytest_cache .ruff_cache .import_linter_cache
