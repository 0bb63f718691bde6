"""The facts every output needs, in one place.

Text that readers see (the title, the publisher) is given here in Finnish,
exactly as it stands in ``source/``; each edition takes its own wording from
the catalogs in ``locale/`` (see :func:`publication.catalogs.translator`).
"""

import os
from pathlib import Path

from . import languages

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "source"
# The catalogs and the language registry: locale/, or LOCALE_DIR (the
# pseudo-locale build points it at catalogs of its own).
LOCALE_DIR = languages.locale_dir()
BUILD_DIR = Path(os.environ.get("BUILD_DIR", ROOT / "build"))

# The publication
NAME = "asunto-ensin-laatusuositukset"  # file names of the outputs
TITLE = "Asunto ensin -laatusuositukset"  # the H1 of source/index.rst
PUBLISHER = "Asunto ensin Verkostokehittäjät"  # a field of source/about.rst, as the original writes it
EDITION = "2025"
TEXT_LICENCE = "CC BY 4.0"
CODE_LICENCE = "MIT"

# Languages: registered in locale/languages.toml (publication/languages.py);
# the shipped ones, the source language first, are built by `make all`.
SOURCE_LANGUAGE = "fi"
try:
    LANGUAGES = languages.shipped()
except languages.RegistryError as error:  # a user's edit: one line, no traceback
    raise SystemExit(f"error: {error} (fix locale/languages.toml)") from None

# Pages of the handbook that hold one section each, in order: section 0 is
# the structures and prerequisites, 1-4 the principles.
SECTION_PAGES = ("structures", "principle-1", "principle-2", "principle-3", "principle-4")

# Colours, fonts and sizes: publication/design.py (the design tokens).

# The settings of a build (BASE_URL, LANGS, SOURCE_DATE_EPOCH, ...) are
# read and checked in publication/settings.py.
