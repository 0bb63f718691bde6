# Makefile of the Housing First quality recommendations (Asunto ensin
# -laatusuositukset): handbook (web, PDF, EPUB) and posters in every language.
# `make help` lists the targets.

# -- Variables you can override ---------------------------------------------------

PYTHON_BASE   ?= python3
VENV          ?= .venv
LANGS         ?= fi sv en
SOURCE_LANG   ?= fi
SPHINXOPTS    ?=
BASE_URL      ?=
BUILD         ?= build
FORMATS       ?= html epub pdf
POSTEROPTS    ?=
PORT          ?= 8000
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1735689600)

# -- Derived; not meant to be overridden ---------------------------------------------

PYTHON   := $(VENV)/bin/python
VENV_OK  := $(VENV)/.installed
STAMPS   := $(BUILD)/.stamps
NAME     := asunto-ensin-laatusuositukset
TRANSLATED_LANGS := $(filter-out $(SOURCE_LANG),$(LANGS))
space    := $(subst ,, )
comma    := ,
FORMAT_TAG := $(subst $(space),-,$(strip $(FORMATS)))

# What an edition is made of (the catalogs of its language are added per rule).
EDITION_DEPS := conf.py $(wildcard source/*.rst source/_templates/*/*.html source/_static/*) \
	$(wildcard publication/*.py publication/print_theme/* publication/print_theme/static/*) \
	$(BUILD)/cache/hyphenation-fi.json $(VENV_OK)
POSTER_DEPS  := build_posters.py $(wildcard source/*.rst publication/*.py publication/posters/*.py) \
	$(wildcard $(foreach l,$(LANGS),locale/$(l)/LC_MESSAGES/*.po)) \
	$(BUILD)/cache/hyphenation-fi.json $(VENV_OK)
CHECKLIST_DEPS := build_checklist.py $(wildcard source/*.rst publication/*.py publication/checklist/*.py) \
	$(wildcard $(foreach l,$(LANGS),locale/$(l)/LC_MESSAGES/*.po)) \
	$(BUILD)/cache/hyphenation-fi.json $(VENV_OK)

export SOURCE_DATE_EPOCH BASE_URL SPHINXOPTS
export BUILD_DIR := $(abspath $(BUILD))
export PYTHONDONTWRITEBYTECODE := 1

.SECONDEXPANSION:
.DEFAULT_GOAL := all

# -- Main targets --------------------------------------------------------------------

.PHONY: help
help:
	@echo "make all        build every output of every language (default; creates $(VENV))"
	@echo "make html       web editions and the root page    -> $(BUILD)/html/"
	@echo "make epub       EPUB 3 editions                   -> $(BUILD)/epub/"
	@echo "make pdf        A4 PDF editions                   -> $(BUILD)/pdf/"
	@echo "make posters    posters: A3 office and print shop, A4 -> $(BUILD)/posters/"
	@echo "make checklist  fillable self-assessment, A4 PDF  -> $(BUILD)/checklist/"
	@echo "make test       build into a temporary folder and check every output"
	@echo "make check      check the outputs in $(BUILD)/ (EPUBCheck, axe-core, links, PDF tags, spelling)"
	@echo "make dist       release files and SHA256SUMS       -> $(BUILD)/dist/"
	@echo "make serve      serve $(BUILD)/html on http://127.0.0.1:$(PORT)/"
	@echo "make bench      time a clean build and a no-op rebuild"
	@echo "make clean      remove $(BUILD)/ (keeps $(VENV))"
	@echo "Translations:   gettext, update-po, stats, fuzzy, wrap"
	@echo "make spell      spelling of every language: Voikko (fi), Hunspell (sv, en) + locale/<lang>/wordlist.txt"
	@echo "Variables:      LANGS='$(LANGS)' BASE_URL='$(BASE_URL)' FORMATS='$(FORMATS)' SPHINXOPTS='$(SPHINXOPTS)'"

.PHONY: all
all: editions site posters checklist
	@echo "Built in $(BUILD)/: html/ (open html/index.html), pdf/, epub/, posters/, checklist/"

.PHONY: editions
editions: $(foreach l,$(LANGS),$(STAMPS)/$(FORMAT_TAG)-$(l))

# One process per language builds its formats on one Sphinx environment. The
# web edition's downloads page copies the posters and the checklist.
$(STAMPS)/$(FORMAT_TAG)-%: $(EDITION_DEPS) $$(wildcard locale/$$*/LC_MESSAGES/*.po) \
		$(if $(filter html,$(FORMATS)),$(STAMPS)/posters $(STAMPS)/checklist)
	$(PYTHON) -m publication.build --lang $* --formats $(subst $(space),$(comma),$(strip $(FORMATS)))
	@mkdir -p $(@D) && touch $@

.PHONY: html
html:
	@$(MAKE) --no-print-directory editions site FORMATS="epub pdf html"
	@echo "Web site in $(BUILD)/html/ (open $(BUILD)/html/index.html)"

.PHONY: epub
epub:
	@$(MAKE) --no-print-directory editions FORMATS=epub
	@echo "EPUB files in $(BUILD)/epub/"

.PHONY: pdf
pdf:
	@$(MAKE) --no-print-directory editions FORMATS=pdf
	@echo "PDF files in $(BUILD)/pdf/"

.PHONY: site
site: $(BUILD)/html/index.html

$(BUILD)/html/index.html: publication/site.py publication/sphinxext.py $$(wildcard $$(foreach l,$$(LANGS),locale/$$(l)/LC_MESSAGES/*.po)) $(VENV_OK)
	$(PYTHON) -m publication.site $(LANGS)

.PHONY: posters
posters: $(STAMPS)/posters

$(STAMPS)/posters: $(POSTER_DEPS)
	$(PYTHON) build_posters.py --out $(BUILD)/posters $(foreach l,$(LANGS),--lang $(l)) $(POSTEROPTS)
	@mkdir -p $(@D) && touch $@

.PHONY: checklist
checklist: $(STAMPS)/checklist

$(STAMPS)/checklist: $(CHECKLIST_DEPS)
	$(PYTHON) build_checklist.py --out $(BUILD)/checklist $(foreach l,$(LANGS),--lang $(l))
	@mkdir -p $(@D) && touch $@

# Finnish hyphenation breaks of every word of the source and the Finnish
# interface strings (see publication/hyphenation.py).
$(BUILD)/cache/hyphenation-fi.json: $(wildcard source/*.rst) locale/fi/LC_MESSAGES/sphinx.po publication/hyphenation.py $(VENV_OK)
	$(PYTHON) -m publication.hyphenation

# Release files for partners: per language the PDF, EPUB, posters, checklist
# and one zip with a README; the site as .tar.gz; SHA256SUMS.
.PHONY: dist
dist: all
	$(PYTHON) -m publication.dist $(LANGS)
	@echo "Release files in $(BUILD)/dist/ (verify: cd $(BUILD)/dist && sha256sum -c SHA256SUMS)"

# -- Environment ---------------------------------------------------------------------

# The virtual environment, from the exact versions of requirements.lock.
$(VENV_OK): pyproject.toml requirements.lock
	@test -x $(PYTHON) || $(PYTHON_BASE) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

.PHONY: venv
venv: $(VENV_OK)

# Re-resolve the dependencies of pyproject.toml into requirements.lock.
.PHONY: lock
lock:
	rm -rf $(BUILD)/lock-venv && $(PYTHON_BASE) -m venv $(BUILD)/lock-venv
	$(BUILD)/lock-venv/bin/pip install --quiet --disable-pip-version-check \
		$$($(PYTHON_BASE) -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
	$(BUILD)/lock-venv/bin/pip freeze | sort > requirements.lock
	rm -rf $(BUILD)/lock-venv
	@echo "Wrote requirements.lock"

# -- Checks ----------------------------------------------------------------------------

.PHONY: test
test: $(VENV_OK)
	$(PYTHON) -m pytest $(PYTESTOPTS) tests

# The gate on the outputs in $(BUILD)/: EPUBCheck, axe-core, request log,
# links, PDF tags and fonts, spelling (the same tests `make test` runs on a
# fresh build).
.PHONY: check
check: all
	HANDBOOK_BUILD=$(abspath $(BUILD)) $(PYTHON) -m pytest $(PYTESTOPTS) -m gate tests

.PHONY: serve
serve: html
	$(PYTHON) -m http.server --directory $(BUILD)/html --bind 127.0.0.1 $(PORT)

.PHONY: bench
bench: $(VENV_OK)
	$(PYTHON) -m publication.bench --jobs 2

# -- Translations (gettext workflow) ---------------------------------------------------

# Templates of every message: the handbook (Sphinx) and the interface strings
# of the templates and the Python code (Babel) into build/gettext/*.pot.
.PHONY: gettext
gettext: $(VENV_OK)
	$(PYTHON) -m sphinx -b gettext -c . -q -d $(BUILD)/doctrees/gettext $(SPHINXOPTS) source $(BUILD)/gettext
	$(PYTHON) -m publication.ui $(BUILD)/gettext/sphinx.pot

# Merge the templates into locale/<lang>/LC_MESSAGES/*.po. The source
# language needs only the interface strings (sphinx.po).
.PHONY: update-po
update-po: gettext
	$(foreach l,$(TRANSLATED_LANGS),$(VENV)/bin/sphinx-intl update -p $(BUILD)/gettext -d locale -l $(l) -w 79 &&) true
	@# Interface msgids are English: English needs no catalog of them.
	rm -f locale/en/LC_MESSAGES/sphinx.po
ifneq ($(filter $(SOURCE_LANG),$(LANGS)),)
	rm -rf $(BUILD)/gettext-ui && mkdir -p $(BUILD)/gettext-ui && cp $(BUILD)/gettext/sphinx.pot $(BUILD)/gettext-ui/
	$(VENV)/bin/sphinx-intl update -p $(BUILD)/gettext-ui -d locale -l $(SOURCE_LANG) -w 79
endif

# Translated, fuzzy and untranslated messages per catalog.
.PHONY: stats
stats: $(VENV_OK)
	$(VENV)/bin/sphinx-intl stat -d locale $(foreach l,$(LANGS),-l $(l))

# Every fuzzy or untranslated message, as file:line.
.PHONY: fuzzy
fuzzy: $(VENV_OK)
	$(PYTHON) -m publication.catalogs $(LANGS)

# Unknown words of every edition, as "lang: word (file:line)": Voikko for
# Finnish, Hunspell's sv_FI and en_GB dictionaries (Debian: hunspell,
# hunspell-sv, hunspell-en-gb) and the word lists locale/<lang>/wordlist.txt.
.PHONY: spell
spell: $(VENV_OK)
	$(PYTHON) -m publication.spelling $(LANGS)

# Rewrap the catalogs the way sphinx-intl writes them (smaller diffs).
.PHONY: wrap
wrap: gettext
	$(MAKE) --no-print-directory update-po

# -- Cleaning -----------------------------------------------------------------------------

.PHONY: clean
clean:
	rm -rf $(BUILD)

.PHONY: distclean
distclean: clean
	rm -rf $(VENV)
