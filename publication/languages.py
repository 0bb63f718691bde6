"""The languages of the publication, registered in ``locale/languages.toml``.

Each has a writing system (its fonts come from the design tokens), a
direction, and whether it ships (is built by ``make all``). Standard library
only: :mod:`publication.settings` and the Makefile read it before the virtual
environment exists.

    python3 -m publication.languages            # the shipped languages: fi sv en
    python3 -m publication.languages --all      # every registered language
    python3 -m publication.languages --makefile build/.settings/registry.mk --shipped build/.settings/SHIPPED
                                                # for make: the shipped languages (see the Makefile)

The registry is read from the folder of the catalogs, ``LOCALE_DIR`` (default
``locale/``): the pseudo-locale build (``make pseudo``) registers its language
in a folder of its own, never in ``locale/``.
"""

import os
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .files import cannot_write

ROOT = Path(__file__).resolve().parent.parent
FILE_NAME = "languages.toml"
CODE = re.compile(r"[a-z]{2,3}")
SCRIPT = re.compile(r"[A-Z][a-z]{3}")
DIRECTIONS = ("ltr", "rtl")
# The pseudo-locale of `make pseudo` (publication/pseudo.py): ISO 639-2 keeps
# qaa-qtz for local use, and "qps" is the usual code of pseudo-localisation.
PSEUDO = "qps"


def locale_dir() -> Path:
    """The folder of the catalogs and the registry: LOCALE_DIR, or locale/."""
    return Path(os.environ.get("LOCALE_DIR") or ROOT / "locale")


REGISTRY = locale_dir() / FILE_NAME


class RegistryError(Exception):
    """locale/languages.toml is unusable; the message says where and why."""


@dataclass(frozen=True)
class Language:
    code: str
    script: str  # ISO 15924: Latn, Cyrl, Arab, ...
    direction: str  # ltr or rtl
    shipped: bool
    name: str = ""  # the language's name in itself when CLDR has none (the pseudo-locale)
    cldr: str = ""  # the CLDR locale of its names, numbers and units when CLDR has none of its own

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> dict[str, Language]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{path}: {error}") from None
    found = {}
    for code, table in data.items():
        where = f"{path.name} [{code}]"
        if not CODE.fullmatch(code) or not isinstance(table, dict):
            raise RegistryError(f"{where}: a language is a table named by its code (two or three letters a-z)")
        script, direction, shipped = table.get("script"), table.get("direction", "ltr"), table.get("shipped", False)
        name, cldr = table.get("name", ""), table.get("cldr", "")
        if not isinstance(script, str) or not SCRIPT.fullmatch(script):
            raise RegistryError(f"{where}: script must be an ISO 15924 code such as \"Latn\" or \"Arab\"")
        if direction not in DIRECTIONS:
            raise RegistryError(f"{where}: direction must be \"ltr\" or \"rtl\"")
        if not isinstance(shipped, bool):
            raise RegistryError(f"{where}: shipped must be true or false")
        if not isinstance(name, str) or len(name) > 60 or any(ord(c) < 32 for c in name):
            raise RegistryError(f"{where}: name must be a short line of text")
        if not isinstance(cldr, str) or (cldr and not CODE.fullmatch(cldr)):
            raise RegistryError(f"{where}: cldr must be a language code such as \"en\"")
        found[code] = Language(code, script, direction, shipped, name, cldr)
    if not found:
        raise RegistryError(f"{path}: no language")
    return found


def registry(path: Path | None = None) -> dict[str, Language]:
    """Every registered language, the source language first."""
    path = Path(path) if path is not None else REGISTRY
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as error:
        raise RegistryError(f"{path}: missing ({error.strerror})") from None
    return _load(path, mtime)


def get(code: str) -> Language:
    """A registered language; an unregistered one is a Latin-script,
    left-to-right language (a test locale, a new language's first steps)."""
    return registry().get(code, Language(code, "Latn", "ltr", False))


def shipped() -> tuple[str, ...]:
    return tuple(code for code, language in registry().items() if language.shipped)


# -- Names (CLDR through Babel: callers have the virtual environment) --------------------

def cldr_locale(code: str) -> str:
    """The CLDR locale whose data (names, numbers, units) the language uses:
    its own, or the registry's ``cldr`` for a language CLDR does not know."""
    language = get(code)
    return language.cldr or code


def autonym(code: str) -> str:
    """A language's name in itself: the registry's ``name``, else CLDR's
    (capitalised), else the code."""
    language = get(code)
    if language.name:
        return language.name
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


# -- Adding a language (publication/newlang.py) --------------------------------------------

def entry(code: str, script: str, direction: str) -> str:
    """The registry's text of a new, unshipped language."""
    return f'\n[{code}]\nscript = "{script}"\ndirection = "{direction}"\nshipped = false\n'


def add(code: str, script: str, direction: str, path: Path | None = None) -> Path:
    """Append ``code`` to the registry, unshipped; the rest of the file (its
    comments, its order) stays as it is. The file is replaced whole."""
    path = Path(path) if path is not None else REGISTRY
    if not CODE.fullmatch(code) or not SCRIPT.fullmatch(script) or direction not in DIRECTIONS:
        raise RegistryError(f"{path}: cannot register {code!r} ({script}, {direction})")
    if code in registry(path):
        raise RegistryError(f"{path}: {code!r} is registered already")
    text = path.read_text(encoding="utf-8")
    text = text.rstrip("\n") + "\n" + entry(code, script, direction)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    registry(path)  # what was written reads back
    return path


# -- The Makefile's view -----------------------------------------------------------------------

def write_for_make(makefile: Path, stamp: Path) -> None:
    """``makefile``: the registry as make variables (written each time, so
    that make sees it newer than the registry); ``stamp``: the shipped
    languages, rewritten only when they change (an input of every edition,
    whose about page names them)."""
    codes = " ".join(shipped())  # codes are letters a-z: safe as make text
    makefile.parent.mkdir(parents=True, exist_ok=True)
    source = REGISTRY.relative_to(ROOT) if REGISTRY.is_relative_to(ROOT) else REGISTRY
    _write(makefile, f"# From {source} by publication/languages.py: do not edit.\n"
                     f"SHIPPED_LANGS := {codes}\nSHIPPED_LANGS_READ := yes\n")
    try:
        if stamp.read_text(encoding="utf-8") == codes + "\n":
            return
    except (OSError, UnicodeDecodeError):
        pass
    _write(stamp, codes + "\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if len(args) == 4 and args[0] == "--makefile" and args[2] == "--shipped":
            write_for_make(Path(args[1]), Path(args[3]))
        elif args == ["--all"]:
            print(" ".join(registry()))
        elif not args:
            print(" ".join(shipped()))
        else:
            print("usage: python3 -m publication.languages [--all | --makefile FILE --shipped FILE]", file=sys.stderr)
            return 2
    except RegistryError as error:
        print(f"error: {error} (fix {FILE_NAME})", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
