"""Sphinx configuration of the handbook (all editions).

Run as ``sphinx-build -c . source OUT -D language=xx``; the Makefile and
``publication.build`` do that for every language. Facts shared with the posters
live in ``publication/facts.py``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from publication import design, facts  # noqa: E402

# -- Project -------------------------------------------------------------------
# `project`, `copyright` and the EPUB metadata are set per edition from the
# catalogs by publication.sphinxext (config-inited): conf.py cannot know the
# language given with -D when it runs.

project = facts.TITLE
author = facts.PUBLISHER
copyright = f"{facts.EDITION}, {facts.PUBLISHER}"
# An empty version gives EPUBCheck errors (empty ibooks:version meta).
version = release = facts.EDITION
language = facts.SOURCE_LANGUAGE
root_doc = "index"
today_fmt = "%Y-%m-%d"

# -- Extensions ----------------------------------------------------------------

extensions = [
    "publication.records",
    "publication.design",
    "publication.sphinxext",
    "publication.epub",
    "publication.downloads",
]

# -- Internationalisation ----------------------------------------------------------
# The catalogs are checked and compiled into build/locale before Sphinx runs
# (`python -m publication.catalogs compile LANG`), so a broken .po stops the
# build with file:line. Only that folder is given to Sphinx: it compiles any
# sphinx.po it finds in a locale dir, which would write into locale/.

locale_dirs = [str(facts.BUILD_DIR / "locale")]
gettext_compact = False
gettext_auto_build = False
gettext_uuid = False
gettext_location = True
gettext_last_translator = facts.PUBLISHER
gettext_language_team = facts.PUBLISHER

# -- HTML (Furo) -----------------------------------------------------------------

html_theme = "furo"
# Absolute: the gettext builder resolves templates_path against the source
# folder, the HTML builder against the configuration folder.
templates_path = [str(facts.SOURCE_DIR / "_templates")]
html_static_path = [str(facts.SOURCE_DIR / "_static")]
html_css_files = ["handbook.css"]
html_favicon = str(facts.SOURCE_DIR / "_static" / "favicon.svg")
html_title = facts.TITLE  # per edition: publication.sphinxext
html_baseurl = ""  # per edition: BASE_URL + lang/
html_use_index = False
html_domain_indices = False
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_permalinks_icon = "#"
html_theme_options = {
    # Colours and fonts: the design tokens (publication/design.py).
    "light_css_variables": design.furo_variables(),
    "dark_css_variables": design.furo_variables(dark=True),
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
}
# The section pages in order: their colours (design tokens) in the PDF.
html_context = {"section_pages": list(facts.SECTION_PAGES)}
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/languages.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/downloads.html",
        "sidebar/scroll-end.html",
    ]
}

# -- EPUB ------------------------------------------------------------------------

epub_basename = facts.NAME
epub_use_index = False
epub_show_urls = "no"
epub_tocdepth = 2
epub_exclude_files = ["search.html", "downloads.xhtml"]  # the site's files, not the book's
# The book's own theme and stylesheet (publication/epub_theme, registered by
# publication.epub), not the web's handbook.css.
epub_theme = "handbook_epub"
epub_css_files = []
