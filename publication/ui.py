"""Interface strings of the outputs (not content): one catalog per language.

Templates and Python code write them in English, wrapped in ``_()``. They share
Sphinx's ``sphinx`` domain, so ``locale/<lang>/LC_MESSAGES/sphinx.po`` holds
the theme's, the templates' and the posters' strings together: ``make gettext``
extracts the templates (Sphinx) and this package's Python (Babel) into
``build/gettext/sphinx.pot``. English needs no catalog.
"""

import sys
from functools import lru_cache
from pathlib import Path

from . import facts
from .catalogs import CatalogError, check_language, files_signature, read_catalog

DOMAIN = "sphinx"
MSGID_LANGUAGE = "en"


def _table(lang: str, locale_dir: str) -> dict[str, str]:
    path = Path(locale_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        raise CatalogError(f"{path}: missing (interface strings of {lang!r}; `make update-po`)")
    return _read(path, files_signature([path]))


@lru_cache(maxsize=32)
def _read(path: Path, signature: tuple) -> dict[str, str]:
    return {str(m.id): str(m.string) for m in read_catalog(path) if m.id and m.string and not m.fuzzy}


def translator(lang: str, locale_dir: Path = facts.LOCALE_DIR):
    """``_`` for one language: an untranslated string raises CatalogError."""
    if lang == MSGID_LANGUAGE:
        return lambda msgid: msgid
    check_language(lang, locale_dir)
    table = _table(lang, str(locale_dir))

    def _(msgid: str) -> str:
        try:
            return table[msgid]
        except KeyError:
            raise CatalogError(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po: no translation of {msgid!r}") from None

    return _


def _theme_templates() -> list[Path]:
    """Furo's templates and the print theme's: Sphinx's gettext builder
    extracts only those in templates_path, and Sphinx's catalogs lack some of
    Furo's strings."""
    import furo

    furo_dir = Path(furo.__file__).parent / "theme" / "furo"
    return sorted(furo_dir.rglob("*.html")) + sorted((facts.ROOT / "publication" / "print_theme").rglob("*.html"))


def extract(pot: Path) -> int:
    """Add the ``_()`` strings of Furo's templates, publication/ and
    build_posters.py to ``pot``."""
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
    files = sorted(Path(facts.ROOT / "publication").rglob("*.py")) + [facts.ROOT / "build_posters.py"]
    for path in files:
        if not path.exists() or path.name == "ui.py":
            continue
        for lineno, message, _comments, _context in extract_from_file("python", str(path), keywords={"_": None}):
            catalog.add(message, locations=[(str(path.relative_to(facts.ROOT)), lineno)])
    with open(pot, "wb") as f:
        write_po(f, catalog, width=79, omit_header=False)
    return len(catalog)


if __name__ == "__main__":
    print(f"{extract(Path(sys.argv[1]))} interface strings in {sys.argv[1]}")
