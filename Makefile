# Makefile of the Housing First quality recommendations (Asunto ensin
# -laatusuositukset): handbook (web, PDF, EPUB), posters and checklist in
# every language. `make help` lists the targets.
#
# The data flows one way, each step a target with exact inputs:
#   catalogs (checked, compiled; per language) -> Sphinx per language and format
#   -> records (build/records/<lang>.json) -> posters and checklist per language
#   -> site assembly (downloads, thumbnails) and the root page last.
# Settings are inputs too: each is written to build/.settings/<NAME> only
# when its value changes, and the outputs it affects depend on that file.

# -- Variables you can override ---------------------------------------------------

PYTHON_BASE   ?= python3
VENV          ?= .venv
# LANGS: by default the shipped languages of the registry (REGISTRY_MK below).
LANGS_GIVEN   := $(if $(filter undefined,$(origin LANGS)),,yes)
SPHINXOPTS    ?=
BASE_URL      ?=
BUILD         ?= build
PORT          ?= 8000
PYTESTOPTS    ?=
# The catalogs and the language registry (`make pseudo` points it at its own).
LOCALE_SRC    ?= locale
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1735689600)
endif

# Settings arrive as text, never as make syntax: a value such as
# '$(shell ...)' from the command line or the environment stays literal.
override LANGS := $(value LANGS)
override BASE_URL := $(value BASE_URL)
override SPHINXOPTS := $(value SPHINXOPTS)
override SOURCE_DATE_EPOCH := $(value SOURCE_DATE_EPOCH)
override LOCALE_SRC := $(value LOCALE_SRC)

# The registry as make reads it: $(BUILD)/.settings/registry.mk, remade from
# $(LOCALE_SRC)/languages.toml when that changes (make then starts again),
# names the shipped languages, the default of LANGS. A no-op build starts no
# process for it; make clean does not read it.
REGISTRY_MK   := $(BUILD)/.settings/registry.mk
ifneq ($(if $(MAKECMDGOALS),$(filter-out clean distclean,$(MAKECMDGOALS)),all),)
include $(REGISTRY_MK)
endif
ifeq ($(LANGS_GIVEN),)
override LANGS := $(SHIPPED_LANGS)
endif

# -- Derived; not meant to be overridden ---------------------------------------------

PYTHON    := $(VENV)/bin/python
VENV_OK   := $(VENV)/.installed
TEST_OK   := $(VENV)/.installed-test
STAMPS    := $(BUILD)/.stamps
SETTINGS  := $(BUILD)/.settings
NAME      := asunto-ensin-laatusuositukset
SOURCE_LANG := fi
TRANSLATED_LANGS = $(filter-out $(SOURCE_LANG),$(LANGS))

# LANGS reaches file names and command lines: only words of the letters a-z
# pass this point (publication.settings then checks them against the known
# languages). $(error) prints without a shell.
_no_letters = $(subst a,,$(subst b,,$(subst c,,$(subst d,,$(subst e,,$(subst f,,$(subst g,,$(subst h,,$(subst \
  i,,$(subst j,,$(subst k,,$(subst l,,$(subst m,,$(subst n,,$(subst o,,$(subst p,,$(subst q,,$(subst r,,$(subst \
  s,,$(subst t,,$(subst u,,$(subst v,,$(subst w,,$(subst x,,$(subst y,,$(subst z,,$1))))))))))))))))))))))))))
_bad_langs := $(strip $(foreach l,$(LANGS),$(if $(call _no_letters,$(l)),$(l))))
ifneq ($(_bad_langs),)
$(error LANGS: '$(firstword $(_bad_langs))' is not a language code (two or three letters a-z, e.g. LANGS="fi sv"))
endif
ifeq ($(strip $(LANGS)),)
ifneq ($(LANGS_GIVEN)$(SHIPPED_LANGS_READ),)
$(error LANGS is empty: name at least one language, e.g. LANGS=fi)
endif
endif

# Each setting's stamp file (see publication/settings.py).
SETTING_LANGS     := $(SETTINGS)/LANGS
SETTING_BASE_URL  := $(SETTINGS)/BASE_URL
SETTING_EPOCH     := $(SETTINGS)/SOURCE_DATE_EPOCH
SETTING_SPHINX    := $(SETTINGS)/SPHINXOPTS
# Not a setting: the shipped languages, named on every edition's about page.
SETTING_SHIPPED   := $(SETTINGS)/SHIPPED

# What each step reads besides its data. The edition code is the Sphinx
# extension and everything it imports (not the posters, checklist, dist, site).
EDITION_CODE  := conf.py $(filter-out $(addprefix publication/,assemble.py bench.py dist.py printing.py site.py \
	spelling.py),$(wildcard publication/*.py)) $(wildcard publication/print_theme/* publication/print_theme/static/* \
	publication/epub_theme/* publication/epub_theme/static/* source/_templates/*/*.html source/_static/*)
PRINT_CODE    := publication/printing.py publication/fonts.py publication/design.py publication/hyphenation.py \
	publication/records.py publication/facts.py publication/settings.py publication/files.py publication/cli.py \
	publication/ui.py publication/catalogs.py publication/shaping.py publication/languages.py publication/tagging.py \
	publication/pdfx.py publication/trust.py $(wildcard $(LOCALE_SRC)/languages.toml)
POSTER_CODE   := build_posters.py $(wildcard publication/posters/*.py publication/icc/*.icc) $(PRINT_CODE)
CHECKLIST_CODE := build_checklist.py $(wildcard publication/checklist/*.py) $(PRINT_CODE)
HYPHENATION   := $(BUILD)/cache/hyphenation-fi.json
# The Finnish outputs hyphenate with the cache; the others do not read it.
hyphenation_of = $(if $(filter $(SOURCE_LANG),$1),$(HYPHENATION))

# The outputs of one language.
records_of   = $(BUILD)/records/$1.json
epub_of      = $(BUILD)/epub/$(NAME)-$1.epub
pdf_of       = $(BUILD)/pdf/$(NAME)-$1.pdf
html_of      = $(BUILD)/html/$1/index.html
posters_of   = $(STAMPS)/posters-$1
checklist_of = $(BUILD)/checklist/$(NAME)-$1.pdf
catalogs_of  = $(STAMPS)/catalogs-$1
site_of      = $(STAMPS)/site-$1

export SOURCE_DATE_EPOCH BASE_URL SPHINXOPTS LANGS
export BUILD_DIR := $(abspath $(BUILD))
export LOCALE_DIR := $(abspath $(LOCALE_SRC))
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := all
.SECONDEXPANSION:
# Every output is a file people use: none is an intermediate to delete.
.SECONDARY:

# -- Main targets --------------------------------------------------------------------

.PHONY: help
help:
	@echo "make all        build every output of every language (default; creates $(VENV))"
	@echo "make html       web editions, downloads and the root page -> $(BUILD)/html/"
	@echo "make epub       EPUB 3 editions                   -> $(BUILD)/epub/"
	@echo "make pdf        A4 PDF editions                   -> $(BUILD)/pdf/"
	@echo "make posters    posters: A3 office and print shop, A4 -> $(BUILD)/posters/"
	@echo "make checklist  fillable self-assessment, A4 PDF  -> $(BUILD)/checklist/"
	@echo "make records    the text of every edition as Sphinx made it -> $(BUILD)/records/"
	@echo "make test       build into a temporary folder and check every output"
	@echo "make check      check the outputs in $(BUILD)/ (EPUBCheck, axe-core, links, PDF tags, spelling)"
	@echo "make dist       release files and SHA256SUMS (needs BASE_URL) -> $(BUILD)/dist/"
	@echo "make serve      serve $(BUILD)/html on http://127.0.0.1:$(PORT)/"
	@echo "make proof      contact sheets of every output for review -> $(BUILD)/proof/<lang>/"
	@echo "make bench      time a clean build, a no-op rebuild, one catalog changed, the posters"
	@echo "make clean      remove $(BUILD)/ (keeps $(VENV))"
	@echo "Translations:   gettext, update-po, stats, fuzzy, wrap, spell"
	@echo "make new-language LANG=xx   catalogs and registry entry of a new language (unshipped)"
	@echo "make preview LANG=xx        one web edition on http://127.0.0.1:$(PORT)/, rebuilt on each save"
	@echo "make pseudo     every output in the pseudo-locale $(PSEUDO) -> $(PSEUDO_BUILD)/"
	$(info Variables:      LANGS='$(LANGS)' BASE_URL='$(BASE_URL)' SPHINXOPTS='$(SPHINXOPTS)' BUILD='$(BUILD)')

.PHONY: all
all: html pdf epub posters checklist
	@echo "Built in $(BUILD)/: html/ (open html/index.html), pdf/, epub/, posters/, checklist/, records/"

.PHONY: records
records: $(foreach l,$(LANGS),$(call records_of,$(l)))

.PHONY: epub
epub: $(foreach l,$(LANGS),$(call epub_of,$(l)))
	@echo "EPUB files in $(BUILD)/epub/"

.PHONY: pdf
pdf: $(foreach l,$(LANGS),$(call pdf_of,$(l)))
	@echo "PDF files in $(BUILD)/pdf/"

.PHONY: posters
posters: $(foreach l,$(LANGS),$(call posters_of,$(l)))
	@echo "Posters in $(BUILD)/posters/"

.PHONY: checklist
checklist: $(foreach l,$(LANGS),$(call checklist_of,$(l)))
	@echo "Checklists in $(BUILD)/checklist/"

# The web site needs everything its downloads pages offer.
.PHONY: html
html: $(foreach l,$(LANGS),$(call site_of,$(l))) $(BUILD)/html/index.html
	@echo "Web site in $(BUILD)/html/ (open $(BUILD)/html/index.html)"

.PHONY: catalogs
catalogs: $(foreach l,$(LANGS),$(call catalogs_of,$(l)))

# -- The steps, per language ---------------------------------------------------------

# Settings: checked before anything is built (one line and exit 2 when bad);
# each stamp is rewritten only when its value changed.
$(SETTING_LANGS) $(SETTING_BASE_URL) $(SETTING_EPOCH) $(SETTING_SPHINX): _settings ;

# The check runs only when a raw value differs from the last checked one
# (publication.settings writes .checked after a successful check): a no-op
# build starts no process.
_settings_raw  := $(LANGS)|$(BASE_URL)|$(SOURCE_DATE_EPOCH)|$(SPHINXOPTS)
_settings_seen := $(file <$(SETTINGS)/.checked)
.PHONY: _settings
_settings:
ifneq ($(_settings_raw),$(_settings_seen))
	@$(PYTHON_BASE) -m publication.settings $(SETTINGS)
endif

# The registry for make (REGISTRY_MK, written each time) and the shipped
# languages, an input of every edition (SHIPPED, rewritten only when they
# change); a missing SHIPPED remakes both.
$(REGISTRY_MK): $(LOCALE_SRC)/languages.toml $(if $(wildcard $(SETTING_SHIPPED)),,_shipped_missing)
	@$(PYTHON_BASE) -m publication.languages --makefile $@ --shipped $(SETTING_SHIPPED)
$(SETTING_SHIPPED): $(REGISTRY_MK) ;
.PHONY: _shipped_missing

# Catalogs: checked (syntax, completeness, the trust boundary of
# publication/trust.py, the font's glyphs) and compiled into build/locale,
# the only catalog folder Sphinx reads. The folder is an input too: a deleted
# catalog must not leave its compiled copy in use.
$(STAMPS)/catalogs-%: $$(wildcard $(LOCALE_SRC)/$$*/LC_MESSAGES $(LOCALE_SRC)/$$*/LC_MESSAGES/*.po) publication/catalogs.py \
		publication/trust.py $(VENV_OK) | $(SETTING_LANGS)
	$(PYTHON) -m publication.catalogs compile $*
	@mkdir -p $(@D) && touch $@

# One Sphinx builder per rule; the formats of a language share one Sphinx
# environment (build/doctrees/<lang>, locked while in use).
EDITION_INPUTS = $(EDITION_CODE) $(wildcard source/*.rst) $(call catalogs_of,$1) $(SETTING_SPHINX) $(SETTING_SHIPPED) \
	$(VENV_OK)

# The records file is rewritten only when the text changed (its stamp says
# when it was last checked), so that posters and checklist follow the text.
$(BUILD)/records/%.json: $(STAMPS)/records-% ;
$(STAMPS)/records-%: $$(call EDITION_INPUTS,$$*)
	$(PYTHON) -m publication.build --lang $* --formats records
	@mkdir -p $(@D) && touch $@

$(BUILD)/epub/$(NAME)-%.epub: $$(call EDITION_INPUTS,$$*) $(SETTING_EPOCH)
	$(PYTHON) -m publication.build --lang $* --formats epub

$(BUILD)/pdf/$(NAME)-%.pdf: $$(call EDITION_INPUTS,$$*) $(SETTING_EPOCH) $$(call hyphenation_of,$$*)
	$(PYTHON) -m publication.build --lang $* --formats pdf

# Links to the other editions (LANGS) and absolute addresses (BASE_URL).
$(BUILD)/html/%/index.html: $$(call EDITION_INPUTS,$$*) $(SETTING_LANGS) $(SETTING_BASE_URL) $$(call hyphenation_of,$$*)
	$(PYTHON) -m publication.build --lang $* --formats html

# Posters and checklist read only the records (and the Finnish hyphenation).
$(STAMPS)/posters-%: $(BUILD)/records/%.json $(POSTER_CODE) $(SETTING_BASE_URL) $(SETTING_EPOCH) \
		$$(call hyphenation_of,$$*) $(VENV_OK)
	$(PYTHON) build_posters.py --lang $* --out $(BUILD)/posters
	@mkdir -p $(@D) && touch $@

$(BUILD)/checklist/$(NAME)-%.pdf: $(BUILD)/records/%.json $(CHECKLIST_CODE) $(SETTING_EPOCH) \
		$$(call hyphenation_of,$$*) $(VENV_OK)
	$(PYTHON) build_checklist.py --lang $* --out $(BUILD)/checklist

# Site assembly: the downloads of an edition, after all of them exist.
$(STAMPS)/site-%: $$(call html_of,$$*) $$(call pdf_of,$$*) $$(call epub_of,$$*) $$(call posters_of,$$*) \
		$$(call checklist_of,$$*) publication/assemble.py publication/downloads.py $(VENV_OK)
	$(PYTHON) -m publication.assemble --lang $*
	@mkdir -p $(@D) && touch $@

# The root page offers the editions of LANGS.
$(BUILD)/html/index.html: $(foreach l,$(LANGS),$(call records_of,$(l))) publication/site.py publication/design.py \
		publication/sphinxext.py publication/hyphenation.py $(HYPHENATION) $(SETTING_LANGS) $(SETTING_BASE_URL) $(VENV_OK)
	$(PYTHON) -m publication.site

# Finnish hyphenation breaks of every word of the source and the Finnish
# interface strings (publication/hyphenation.py). The cache file is rewritten
# only when the breaks change, so its outputs rebuild only then.
$(HYPHENATION): $(STAMPS)/hyphenation ;
$(STAMPS)/hyphenation: $(wildcard source/*.rst) locale/fi/LC_MESSAGES/sphinx.po publication/hyphenation.py $(VENV_OK)
	$(PYTHON) -m publication.hyphenation
	@mkdir -p $(@D) && touch $@

# Release files for partners: per language the PDF, EPUB, posters, checklist
# and one zip with a README; the site as .tar.gz; SHA256SUMS.
ifneq ($(filter dist,$(MAKECMDGOALS)),)
ifeq ($(strip $(BASE_URL)),)
$(error BASE_URL is not set: released posters need their QR code and the web edition its address (make dist BASE_URL=https://…/))
endif
endif
.PHONY: dist
dist: all
	$(PYTHON) -m publication.dist
	@echo "Release files in $(BUILD)/dist/ (verify: cd $(BUILD)/dist && sha256sum -c SHA256SUMS)"

# -- Environment ---------------------------------------------------------------------

# Debian packages: the build needs WeasyPrint's Pango and HarfBuzz, the tests
# more (tools/debian-packages.txt lists both groups; installed when missing
# and run as root, otherwise one line names the command to run).
.PHONY: _system-test
_system-test:
	@tools/debian-packages test

# The virtual environment, from the exact versions (and hashes) of the locks.
$(VENV_OK): pyproject.toml requirements.lock
	@tools/debian-packages build
	@test -x $(PYTHON) || $(PYTHON_BASE) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(TEST_OK): requirements-test.lock $(VENV_OK)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	@touch $@

.PHONY: venv
venv: $(VENV_OK)

# Re-resolve pyproject.toml into requirements.lock (the build) and
# requirements-test.lock (the test group), with hashes.
.PHONY: lock
lock:
	rm -rf $(BUILD)/lock-venv && $(PYTHON_BASE) -m venv $(BUILD)/lock-venv
	$(BUILD)/lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(BUILD)/lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml
	$(BUILD)/lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra test \
		--constraint requirements.lock --output-file $(BUILD)/lock-all.txt pyproject.toml
	$(BUILD)/lock-venv/bin/python tools/split-lock requirements.lock $(BUILD)/lock-all.txt requirements-test.lock
	rm -rf $(BUILD)/lock-venv $(BUILD)/lock-all.txt
	@echo "Wrote requirements.lock and requirements-test.lock"

# -- Checks ----------------------------------------------------------------------------

.PHONY: test
test: $(TEST_OK) _system-test
	$(PYTHON) -m pytest $(PYTESTOPTS) tests

# The gate on the outputs in $(BUILD)/: EPUBCheck, axe-core, request log,
# links, PDF tags and fonts, posters, checklist, spelling (the same tests
# `make test` runs on a fresh build).
.PHONY: check
check: all $(TEST_OK) _system-test
	HANDBOOK_BUILD=$(abspath $(BUILD)) $(PYTHON) -m pytest $(PYTESTOPTS) -m gate tests

# Contact sheets of every output of every language (posters, PDF, checklist,
# EPUB, web pages at phone and desktop width) for review: build/proof/<lang>/.
.PHONY: proof
proof: all $(TEST_OK) _system-test
	$(PYTHON) -m publication.proof
	@echo "Proof sheets in $(BUILD)/proof/<lang>/ (posters, pdf, checklist, epub, web-phone, web-desktop)"

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
	$(PYTHON) -m sphinx -b gettext -c . -q -d $(BUILD)/doctrees/gettext source $(BUILD)/gettext
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

# Translated, fuzzy and untranslated messages per language and catalog:
# every registered language unless LANGS is given.
.PHONY: stats
stats: $(VENV_OK)
	@$(PYTHON) -m publication.newlang stats $(if $(LANGS_GIVEN),$(LANGS))

# Every fuzzy or untranslated message, as file:line.
.PHONY: fuzzy
fuzzy: $(VENV_OK)
	$(PYTHON) -m publication.catalogs $(LANGS)

# Unknown words of every edition, as "lang: word (file:line)": Voikko for
# Finnish, Hunspell's sv_FI and en_GB dictionaries (Debian: hunspell,
# hunspell-sv, hunspell-en-gb) and the word lists locale/<lang>/wordlist.txt.
.PHONY: spell
spell: $(VENV_OK) _system-test
	$(PYTHON) -m publication.spelling $(LANGS)

# Rewrap the catalogs the way sphinx-intl writes them (smaller diffs).
.PHONY: wrap
wrap: gettext
	$(MAKE) --no-print-directory update-po

# LANG names the language of `make new-language` and `make preview`; given
# on the command line it is no locale, so programs do not see it.
ifeq ($(origin LANG),command line)
unexport LANG
endif

# A new language in one command: `make new-language LANG=de` checks the
# code, makes the templates (gettext), creates locale/de/LC_MESSAGES/*.po
# with sphinx-intl (sphinx.po too: the interface strings, English msgids) and
# registers it in locale/languages.toml unshipped, its script and direction
# from CLDR (SCRIPT=Arab DIR=rtl override them). LANG reaches the programs
# as an environment variable, never as shell text.
.PHONY: new-language
new-language: export NEW_LANGUAGE := $(value LANG)
new-language: export NEW_SCRIPT := $(value SCRIPT)
new-language: export NEW_DIRECTION := $(value DIR)
new-language: $(VENV_OK)
	@$(PYTHON) -m publication.newlang check
	@$(MAKE) --no-print-directory gettext
	$(VENV)/bin/sphinx-intl update -p $(BUILD)/gettext -d locale -l "$$NEW_LANGUAGE" -w 79
	@$(PYTHON) -m publication.newlang register

# The pseudo-locale: every output (web, PDF, EPUB, posters, checklist) in
# $(PSEUDO), made from the templates by publication/pseudo.py (accented
# letters, PSEUDO_EXPANSION per cent longer, «…» around each message), in its
# own build folder. Its catalogs and registry live in
# $(PSEUDO_BUILD)/locale-src, never in locale/. It keeps going past an output
# that fails (a poster that does not fit) and then stops naming each one.
PSEUDO       := qps
PSEUDO_BUILD := $(BUILD)/pseudo
PSEUDO_EXPANSION ?= 40

.PHONY: pseudo
pseudo: export PSEUDO_EXPANSION := $(value PSEUDO_EXPANSION)
pseudo: gettext
	$(PYTHON) -m publication.pseudo $(BUILD)/gettext $(PSEUDO_BUILD)/locale-src
	+@$(MAKE) --no-print-directory -k all BUILD=$(PSEUDO_BUILD) LANGS=$(PSEUDO) LOCALE_SRC=$(PSEUDO_BUILD)/locale-src
	@echo "Pseudo-locale $(PSEUDO): $(PSEUDO_BUILD)/html/index.html, pdf/, epub/, posters/, checklist/"

# One web edition served on 127.0.0.1:$(PORT) and rebuilt on each save of a
# .po of the language or a page of source/ (sphinx-autobuild reloads the
# browser). Each rebuild first checks and compiles the catalogs as the build
# does, but an untranslated message is only counted (it shows in Finnish).
.PHONY: preview
preview: export PREVIEW_LANGUAGE := $(value LANG)
preview: export PREVIEW_PORT := $(value PORT)
preview: $(VENV_OK)
	@$(PYTHON) -m publication.preview --build $(BUILD)/preview

# -- Cleaning -----------------------------------------------------------------------------

.PHONY: clean
clean:
	rm -rf $(BUILD)

.PHONY: distclean
distclean: clean
	rm -rf $(VENV)
