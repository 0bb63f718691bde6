"""The languages of the publication, registered in ``locale/languages.toml``.

Each has a writing system (its fonts come from the design tokens), a
direction, and whether it ships (is built by ``make all``). Standard library
only: :mod:`publication.settings` reads it before the virtual environment exists.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGISTRY = Path(__file__).resolve().parent.parent / "locale" / "languages.toml"
CODE = re.compile(r"[a-z]{2,3}")
SCRIPT = re.compile(r"[A-Z][a-z]{3}")


class RegistryError(Exception):
    """locale/languages.toml is unusable; the message says where and why."""


@dataclass(frozen=True)
class Language:
    code: str
    script: str  # ISO 15924: Latn, Cyrl, Arab, ...
    direction: str  # ltr or rtl
    shipped: bool

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
        if not isinstance(script, str) or not SCRIPT.fullmatch(script):
            raise RegistryError(f"{where}: script must be an ISO 15924 code such as \"Latn\" or \"Arab\"")
        if direction not in ("ltr", "rtl"):
            raise RegistryError(f"{where}: direction must be \"ltr\" or \"rtl\"")
        if not isinstance(shipped, bool):
            raise RegistryError(f"{where}: shipped must be true or false")
        found[code] = Language(code, script, direction, shipped)
    if not found:
        raise RegistryError(f"{path}: no language")
    return found


def registry(path: Path = REGISTRY) -> dict[str, Language]:
    """Every registered language, the source language first."""
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
