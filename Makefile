# Two commands matter on a fresh machine: `make site` and `make test`.
# Everything they need is installed here: Python packages into .venv, Debian
# packages (Chromium for browser tests, fonts and Pango for PDFs) with apt-get.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHIM := site_templates/vendor/iframe-worker-shim.js
DEB_PACKAGES := chromium fonts-dejavu-core fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup dist system site handouts serve validate test lint bench schema clean

setup: $(STAMP) $(SHIM)

# Material's offline plugin would load this shim from a CDN for search from file://;
# the site serves its own copy instead (MIT, from the npm registry). Building the
# package fetches it too (setup.py); it is never committed.
$(SHIM):
	$(PYTHON) tools/vendor_shim.py

# The wheel and sdist a new academy installs (`pip install dist/*.whl`).
dist: setup
	$(BIN)/python -m build --no-isolation --outdir dist .

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian packages, installed only when one is missing.
system:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

site: setup system
	$(BIN)/curriculum build
	$(BIN)/curriculum handouts

handouts: setup system
	$(BIN)/curriculum handouts

serve: setup
	$(BIN)/curriculum serve

validate: setup
	$(BIN)/curriculum validate

schema: setup
	$(BIN)/curriculum schema --out schema

lint: setup
	$(BIN)/ruff check builder tests benchmarks tools setup.py

test: setup system
	$(BIN)/ruff check builder tests benchmarks tools setup.py
	$(BIN)/python -m pytest -q

bench: setup system
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site handouts dist build .pytest_cache .hypothesis
