"""Interface strings of the outputs (not content): one catalog per language.

Templates and Python code write them in English, wrapped in ``_()``. They share
Sphinx's ``sphinx`` domain, so ``locale/<lang>/LC_MESSAGES/sphinx.po`` holds
the theme's, the templates' and the posters' strings together: ``make gettext``
extracts the templates (Sphinx) and this package's Python (Babel) into
``build/gettext/sphinx.pot``. English needs no catalog.
"""

import sys
from pathlib import Path

from . import facts
from .catalogs import CatalogError

DOMAIN = "sphinx"
MSGID_LANGUAGE = "en"
# Sphinx's own strings that reach the pages (the titles of the permalinks,
# sphinx/writers/html5.py). Sphinx's catalogs leave them empty in Finnish and
# German and have "termin" in Swedish, and a language Sphinx does not know
# would show them in English: they are in the template, so every language
# translates them (`make pseudo` shows any other string left out).
SPHINX_STRINGS = ("Link to this heading", "Link to this term")


def translator(lang: str, table: dict[str, str]):
    """``_`` for one language over the interface strings ``table`` (English
    msgid -> translation) as Sphinx loaded them: inside Sphinx from
    :func:`sphinx_translator`, elsewhere from the language's records
    (``records.load(lang).interface``). A string without a translation raises
    CatalogError: outputs never fall back to English silently."""
    if lang == MSGID_LANGUAGE:
        return lambda msgid: msgid

    def _(msgid: str) -> str:
        try:
            return table[msgid]
        except KeyError:
            raise CatalogError(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po: no translation of {msgid!r} "
                               "(run `make update-po`, then translate it)") from None

    return _


def sphinx_translator(lang: str):
    """``_`` inside a Sphinx build: Sphinx's own catalog of the interface
    strings. A missing translation is a warning (an error under -W, the
    build's setting) that names the catalog; the build then fails."""
    from sphinx.util import logging

    from .records import interface_table

    strict = translator(lang, interface_table(lang))
    logger = logging.getLogger(__name__)

    def _(msgid: str) -> str:
        try:
            return strict(msgid)
        except CatalogError as error:
            logger.warning("%s", error, type="publication", subtype="untranslated")
            return msgid

    return _


def _theme_templates() -> list[Path]:
    """Furo's templates and the print theme's: Sphinx's gettext builder
    extracts only those in templates_path, and Sphinx's catalogs lack some of
    Furo's strings."""
    import furo

    furo_dir = Path(furo.__file__).parent / "theme" / "furo"
    return sorted(furo_dir.rglob("*.html")) + sorted((facts.ROOT / "publication" / "print_theme").rglob("*.html"))


# The calls through which Sphinx's scripts (searchtools.js, sphinx_highlight.js)
# show text: gettext's keywords, with the arguments that are msgids.
SCRIPT_KEYWORDS = {"_": None, "Documentation.gettext": None, "Documentation.ngettext": (1, 2)}


def sphinx_scripts() -> list[Path]:
    """The scripts Sphinx ships with every HTML page (its basic theme's)."""
    import sphinx

    return sorted((Path(sphinx.__file__).parent / "themes" / "basic" / "static").glob("*.js"))


def script_messages(paths) -> list:
    """The msgids that the scripts ``paths`` translate at run time, in order:
    a string, or (singular, plural) for ``Documentation.ngettext``."""
    from babel.messages.extract import extract_from_file

    found = []
    for path in paths:
        for _lineno, message, _comments, _context in extract_from_file("javascript", str(path),
                                                                       keywords=SCRIPT_KEYWORDS):
            if message and message not in found:
                found.append(message)
    return found


def extract(pot: Path) -> int:
    """Add the ``_()`` strings of Furo's templates, Sphinx's scripts,
    publication/ and build_posters.py to ``pot``."""
    import jinja2
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po, write_po

    with open(pot, "rb") as f:
        catalog = read_po(f)
    jinja = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    for path in _theme_templates():
        for lineno, _function, message in jinja.extract_translations(path.read_text(encoding="utf-8")):
            if isinstance(message, str) and message.strip():
                where = path.relative_to(facts.ROOT) if path.is_relative_to(facts.ROOT) else f"furo/{path.name}"
                catalog.add(message, locations=[(str(where), lineno)])
    for path in sphinx_scripts():
        for lineno, message, _comments, _context in extract_from_file("javascript", str(path),
                                                                      keywords=SCRIPT_KEYWORDS):
            if message:
                catalog.add(message, locations=[(f"sphinx/{path.name}", lineno)])
    files = sorted(Path(facts.ROOT / "publication").rglob("*.py")) + [facts.ROOT / "build_posters.py"]
    for path in files:
        if not path.exists() or path.name == "ui.py":
            continue
        for lineno, message, _comments, _context in extract_from_file("python", str(path), keywords={"_": None, "N_": None}):
            catalog.add(message, locations=[(str(path.relative_to(facts.ROOT)), lineno)])
    for message in SPHINX_STRINGS:
        catalog.add(message, locations=[("sphinx/writers/html5.py", 0)])
    with open(pot, "wb") as f:
        write_po(f, catalog, width=79, omit_header=False)
    return len(catalog)


if __name__ == "__main__":
    print(f"{extract(Path(sys.argv[1]))} interface strings in {sys.argv[1]}")
