# Trygghet developer commands. `make` alone lists them.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Stamps make `setup` cheap when nothing changed: each is newer than the file it was built from.
VENV_STAMP := $(VENV)/.stamp-pyproject
NODE_STAMP := node_modules/.stamp-package-lock

.DEFAULT_GOAL := help
.PHONY: help setup lock run test lint format bench cards package deploy clean

help:  ## Show this list
	@echo "Trygghet: make <target>"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-8s %s\n", $$1, $$2}'

setup: $(VENV_STAMP) $(NODE_STAMP)  ## Create .venv and node_modules (does nothing if they are up to date)

# Installs exactly the locked versions (hashes checked), then the project itself without resolving again.
$(VENV_STAMP): pyproject.toml requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# requirements.txt is what App Service installs (the app's own dependencies); requirements-dev.txt adds the tools.
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --universal --quiet
lock: setup  ## Lock the dependencies again from pyproject.toml (requirements.txt, requirements-dev.txt, with hashes)
	$(UV_COMPILE) -o requirements.txt
	$(UV_COMPILE) --extra dev -o requirements-dev.txt

$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $@

run: setup  ## Start Azurite, the bot and the Agents Playground (Ctrl-C stops all)
	$(PY) -m scripts.run_local

test: setup  ## Run the tests (extra pytest options: make test PYTEST_ARGS='-k name -x')
	@rc=0; $(PY) -m pytest -q $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit code 5); counting that as a failure" >&2; fi; \
	exit $$rc

lint: setup  ## ruff check, ruff format --check and mypy
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy app.py bot scheduler scripts tests bench infra/deploy.py

format: setup  ## Rewrite the Python files in ruff's format
	$(VENV)/bin/ruff format .

bench: setup  ## Run the benchmarks (bench/run.py)
	$(PY) -m bench.run

cards: setup  ## Draw and check every card at 320 and 540 px (needs Debian's chromium); pictures in docs/cards/
	$(PY) -m scripts.card_gallery

package: setup  ## Build and check the Teams app zip (TRYGGHET_BOT_ID, TRYGGHET_BOT_DOMAIN; example values if unset)
	$(PY) infra/teams-app/package.py --example

deploy: setup  ## Deploy to Azure: Bicep, then the app's zip, then check it answers (docs/deploy.md; needs az)
	$(PY) -m infra.deploy

clean:  ## Remove .venv, node_modules, local Azurite data and caches
	rm -rf $(VENV) node_modules .azurite .pytest_cache .mypy_cache .ruff_cache *.egg-info build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
