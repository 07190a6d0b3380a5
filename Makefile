# One entry point per task. `make book` and `make test` are all a fresh machine needs (plus Python >= 3.11).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Bytecode is cached (__pycache__, ignored by git and by the input digests) even where the environment says not to
# write it: otherwise every process compiles each module it imports from source, about 3 s for the chart and
# statistics stack in every notebook kernel and test run.
unexport PYTHONDONTWRITEBYTECODE

# uv from PATH if present, else as a module of the machine's Python (installed on first use by `ensure-uv`).
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
# `install` syncs .venv when uv.lock or pyproject.toml changed; every other target runs in it as it is.
RUN := $(UV) run --frozen --no-sync
NBVAL := $(RUN) pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:randomly
PORT ?= 8000

# nbval runs twice: natively, then under another OpenBLAS kernel, so outputs that depend on the CPU fail here.
NBVAL_ALT_KERNEL ?= Prescott
CHROMIUM_HINT := make test needs Chromium for the browser checks: install it (Debian: apt-get install chromium)

.PHONY: help ensure-uv ensure-chromium install figures book notebooks test lint unit nbval nbval-native nbval-blas \
	build-tests serve lab clean bench validate curate pdf lighthouse

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

ensure-uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

install: .venv/.synced  ## create .venv from uv.lock (exact versions)

.venv/.synced: uv.lock pyproject.toml | ensure-uv
	$(UV) sync --frozen
	touch $@

figures: install  ## export every registered figure (svg, png, csv, vl.json, figures.json) into _static/figures
	$(RUN) python -m analysis figures export

book: install figures  ## execute the notebooks (cached) and build the site into _build/html
	$(RUN) python -m analysis build

pdf: book ensure-chromium  ## the whole report as one PDF: _build/pdf/the-inference-era.pdf (also in the built site)
	$(RUN) python -m analysis pdf

notebooks: install  ## re-execute every chapter notebook in place, refreshing the committed outputs
	$(RUN) python -m analysis notebooks

lint: install  ## ruff lint and format check
	$(RUN) ruff check .
	$(RUN) ruff format --check .

unit: install  ## unit and data tests of the package
	$(RUN) pytest -m "not build and not browser" tests

ensure-chromium:  # the browser checks need Chromium: install it where we can (Debian, as root), else say what to do
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  command -v google-chrome >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || \
	  { echo "$(CHROMIUM_HINT)" >&2; exit 1; }

nbval: nbval-native nbval-blas  ## committed notebook outputs are what the code produces today, on any BLAS kernel

nbval-native: install
	$(NBVAL) chapters

nbval-blas: install
	OPENBLAS_CORETYPE=$(NBVAL_ALT_KERNEL) $(NBVAL) chapters

# The chain runs as one job (a sub-make), so that under -j it keeps its slot from the figures to the last check.
build-tests: ensure-chromium  ## build the site and the PDF, then the tests that read them (headless browser included)
	$(MAKE) --no-print-directory pdf
	$(RUN) pytest -m "build or browser" tests

# Two jobs at a time (the suite is sized for two cores); each job's output is printed whole when it ends. The
# longest chain (figures, book, PDF, then the site checks) goes first, so it never waits for a free slot at the end.
test: ensure-chromium install  ## the whole suite: lint, unit, nbval (two BLAS kernels), book and PDF, site checks
	$(MAKE) --no-print-directory -j2 --output-sync=target build-tests lint unit nbval-native nbval-blas

validate: install  ## validate every dataset against data/datapackage.json
	$(RUN) python -m analysis validate

curate: install  ## regenerate data/*.csv from data/raw and data/editorial
	$(RUN) python -m analysis curate

serve:  ## serve the built site on http://localhost:$(PORT)
	cd _build/html && python3 -m http.server $(PORT) --bind 127.0.0.1

lab: install  ## open the notebooks in JupyterLab, with the package importable
	rm -f .venv/.synced  # JupyterLab is not in the default environment: the next target syncs it away again
	$(UV) run --frozen --group lab jupyter lab chapters

bench: install  ## time a clean build, a no-change make book, make test in a lone clone; page sizes (_build/bench.json)
	$(RUN) python -m analysis bench

# npm ci --prefix tools/lighthouse (pinned lighthouse + serve) runs first when node_modules is missing or stale.
lighthouse: book  ## Lighthouse (mobile) on every page, served compressed; budgets checked (_build/lighthouse.json)
	$(RUN) python -m analysis lighthouse

clean:  ## remove the built site, caches and exports
	rm -rf _build _static/figures .pytest_cache .ruff_cache .hypothesis
