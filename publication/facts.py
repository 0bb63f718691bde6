"""The facts every output needs, in one place.

Text that readers see (the title, the publisher) is given here in Finnish,
exactly as it stands in ``source/``; each edition takes its own wording from
the catalogs in ``locale/`` (see :func:`publication.catalogs.translator`).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "source"
LOCALE_DIR = ROOT / "locale"
BUILD_DIR = Path(os.environ.get("BUILD_DIR", ROOT / "build"))

# The publication
NAME = "asunto-ensin-laatusuositukset"  # file names of the outputs
TITLE = "Asunto ensin -laatusuositukset"  # the H1 of source/index.rst
PUBLISHER = "Asunto ensin -verkostokehittäjät"  # a field of source/about.rst
EDITION = "2025"
TEXT_LICENCE = "CC BY 4.0"
CODE_LICENCE = "MIT"

# Languages: the source language first. A new edition is one more code here
# (and `make update-po LANGS=xx`).
SOURCE_LANGUAGE = "fi"
LANGUAGES = ("fi", "sv", "en")

# Pages of the handbook that hold one section each, in order: section 0 is
# the structures and prerequisites, 1-4 the principles.
SECTION_PAGES = ("structures", "principle-1", "principle-2", "principle-3", "principle-4")

# Colours, fonts and sizes: publication/design.py (the design tokens).

# Where the web edition is published; empty means "not yet known": outputs
# then use relative links and posters carry no QR code.
BASE_URL = os.environ.get("BASE_URL", "").strip()


def base_url() -> str:
    """BASE_URL with exactly one trailing slash, or '' when unset."""
    url = os.environ.get("BASE_URL", BASE_URL).strip()
    return url.rstrip("/") + "/" if url else ""


def page_url(lang: str, page: str) -> str:
    """Absolute URL of a page of an edition's web site ('' without BASE_URL)."""
    root = base_url()
    return f"{root}{lang}/{page}.html" if root else ""


def source_date_epoch() -> int:
    """The build's timestamp: SOURCE_DATE_EPOCH, set by the Makefile from the
    last commit; 2025-01-01 when unset (outside git and make)."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", "1735689600"))
