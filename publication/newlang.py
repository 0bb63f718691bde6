"""Adding a language, and the translation progress of every language.

``make new-language LANG=de`` runs, in order:

    python -m publication.newlang check      # the code (NEW_LANGUAGE) can be added
    make gettext                              # the templates, build/gettext/*.pot
    sphinx-intl update -p build/gettext -d locale -l de
    python -m publication.newlang register   # locale/languages.toml, unshipped; what next

The code and the optional script and direction arrive in the environment
(``NEW_LANGUAGE``, ``NEW_SCRIPT``, ``NEW_DIRECTION``), never as shell text.
A refused language is one line and exit status 2, before anything is written.
The script and direction come from CLDR (Babel): the likely script of the
language (``de`` -> ``de_Latn_DE``) and its character order.

``make stats`` runs ``python -m publication.newlang stats [LANG ...]``: per
language, the messages translated, fuzzy and untranslated (every registered
language by default), per catalog for those not complete.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import facts, languages, settings
from .files import cannot_write

MSGID_LANGUAGE = "en"  # the interface strings' msgids (publication.ui)


class Refused(Exception):
    """The language cannot be added; the message is one line."""


@dataclass(frozen=True)
class NewLanguage:
    code: str
    script: str
    direction: str


def _shown(value: str) -> str:
    return repr(value.encode("unicode_escape").decode("ascii"))


def cldr_script_and_direction(code: str) -> tuple[str, str] | None:
    """(ISO 15924 script, "ltr"/"rtl") of a language CLDR knows, else None."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None
    likely = get_global("likely_subtags").get(code, "")
    parts = likely.split("_")
    script = locale.script or next((p for p in parts[1:] if languages.SCRIPT.fullmatch(p)), "")
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return (script or None) and (script, direction)


def plan(code: str, script: str = "", direction: str = "", registry_path: Path | None = None) -> NewLanguage:
    """What ``make new-language`` would register, or Refused (one line)."""
    example = "e.g. make new-language LANG=de"
    if not languages.CODE.fullmatch(code):
        raise Refused(f"LANG: {_shown(code)} is not a language code: two or three letters a-z "
                      f"(ISO 639), {example}")
    if code == languages.PSEUDO:
        raise Refused(f"LANG: {code!r} is the pseudo-locale of `make pseudo`, never a language of the publication")
    try:
        registered = languages.registry(registry_path)
    except languages.RegistryError as error:
        raise Refused(f"{error} (fix it first)") from None
    if code in registered or code == facts.SOURCE_LANGUAGE:
        state = "shipped" if code in registered and registered[code].shipped else "not shipped yet"
        raise Refused(f"LANG: {code!r} is registered already ({state}); translate "
                      f"locale/{code}/LC_MESSAGES/*.po, `make update-po LANGS={code}` after a change of the source")
    if script and not languages.SCRIPT.fullmatch(script):
        raise Refused(f"SCRIPT: {_shown(script)} is not an ISO 15924 script code such as Latn, Cyrl or Arab")
    if direction and direction not in languages.DIRECTIONS:
        raise Refused(f"DIR: {_shown(direction)} is not ltr or rtl")
    cldr = cldr_script_and_direction(code)
    if cldr is None and not (script and direction):
        raise Refused(f"LANG: CLDR does not know {code!r}: check the code (ISO 639), or give its script and "
                      f"direction, e.g. make new-language LANG={code} SCRIPT=Latn DIR=ltr")
    return NewLanguage(code, script or cldr[0], direction or cldr[1])


def from_environment() -> NewLanguage:
    return plan(os.environ.get("NEW_LANGUAGE", ""), os.environ.get("NEW_SCRIPT", "").strip(),
                os.environ.get("NEW_DIRECTION", "").strip())


def catalogs_of(code: str, locale_dir: Path | None = None) -> list[Path]:
    folder = Path(locale_dir or facts.LOCALE_DIR) / code / "LC_MESSAGES"
    return sorted(folder.glob("*.po"))


def next_steps(new: NewLanguage) -> str:
    code = new.code
    name = languages.autonym(code)
    count = len(catalogs_of(code))
    return "\n".join([
        f"Added {name} ({code}): script {new.script}, direction {new.direction}, not shipped.",
        "",
        "Next:",
        f"  1. Translate the {count} catalogs in locale/{code}/LC_MESSAGES/ (a .po editor such as Poedit, or any",
        "     text editor): the pages' messages are Finnish; sphinx.po holds the interface strings (English).",
        f"  2. See the progress:          make stats LANGS={code}",
        f"     and what is left:          make fuzzy LANGS={code}",
        f"  3. See it as you translate:   make preview LANG={code}   (http://127.0.0.1:8000/, reloads on save)",
        f"  4. Build every output:        make all LANGS={code}     (stops on each untranslated message, file:line)",
        f"  5. Ship it: set shipped = true under [{code}] in locale/languages.toml; `make all` then builds it.",
    ])


# -- Progress ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Count:
    total: int = 0
    translated: int = 0
    fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    def __add__(self, other):
        return Count(self.total + other.total, self.translated + other.translated, self.fuzzy + other.fuzzy)

    def percent(self) -> int:
        """Whole per cent translated, 100 only when complete."""
        return 100 * self.translated // self.total if self.total else 100


def count(path: Path) -> Count:
    from .catalogs import read_catalog

    total = translated = fuzzy = 0
    for message in read_catalog(path):
        if not message.id:
            continue
        total += 1
        if message.fuzzy:
            fuzzy += 1
        else:
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            if strings and all(s and str(s).strip() for s in strings):  # every plural form
                translated += 1
    return Count(total, translated, fuzzy)


def progress(code: str, locale_dir: Path | None = None) -> tuple[Count, list[tuple[Path, Count]]]:
    rows = [(path, count(path)) for path in catalogs_of(code, locale_dir)]
    total = sum((c for _, c in rows), Count())
    return total, rows


def stats(codes: list[str], out=print) -> int:
    """The progress table; returns the number of incomplete languages."""
    from .catalogs import CatalogError, _shown as shown_path

    registered = languages.registry()
    out(f"{'language':<10}{'name':<18}{'shipped':<9}{'translated':>16}{'fuzzy':>7}{'untranslated':>14}")
    incomplete = 0
    details = []
    for code in codes:
        entry = registered.get(code)
        shipped = "yes" if entry and entry.shipped else ("no" if entry else "unregistered")
        try:
            total, rows = progress(code)
        except CatalogError as error:
            out(f"{code:<10}{languages.autonym(code)[:17]:<18}{shipped:<9}  {error}")
            incomplete += 1
            continue
        if not rows and code != MSGID_LANGUAGE:
            out(f"{code:<10}{languages.autonym(code)[:17]:<18}{shipped:<9}  no catalogs in locale/{code}/LC_MESSAGES"
                f" (make new-language LANG={code})")
            incomplete += 1
            continue
        done = f"{total.translated}/{total.total} {total.percent():>3} %"
        out(f"{code:<10}{languages.autonym(code)[:17]:<18}{shipped:<9}{done:>16}{total.fuzzy:>7}{total.untranslated:>14}")
        if total.translated != total.total:
            incomplete += 1
            details += [f"  {shown_path(path)}: {c.translated}/{c.total} translated, {c.fuzzy} fuzzy, "
                        f"{c.untranslated} untranslated" for path, c in rows if c.translated != c.total]
    if details:
        out("")
        out("Not complete (`make fuzzy LANGS=xx` lists every message, file:line):")
        for line in details:
            out(line)
    return incomplete


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command, rest = (args[0], args[1:]) if args else ("", [])
    try:
        if command == "check":
            from_environment()
            return 0
        if command == "register":
            new = from_environment()
            languages.add(new.code, new.script, new.direction)
            print(next_steps(new))
            return 0
        if command == "stats":
            codes = settings.languages(" ".join(rest)) if rest else list(languages.registry())
            stats(codes)
            return 0
    except Refused as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (languages.RegistryError, settings.SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 2
    print("usage: python -m publication.newlang check|register|stats [LANG ...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
