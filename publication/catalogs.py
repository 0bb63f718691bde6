"""The gettext catalogs in ``locale/``: checked, read and compiled.

Every output reads translations through here, and a shipped catalog must be
complete: a syntax error, an empty or fuzzy translation, or a translation that
breaks the reST markup of its message stops the build with ``file:line``.
"""

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from . import facts, fonts, trust
from .files import cannot_write


class CatalogError(Exception):
    """A problem with a language's catalogs; the message names file and line."""


@dataclass(frozen=True)
class Problem:
    path: Path
    lineno: int
    text: str

    def __str__(self):
        return f"{_shown(self.path)}:{self.lineno}: {self.text}"


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(facts.ROOT))
    except ValueError:
        return str(path)


def known_languages(locale_dir: Path = facts.LOCALE_DIR) -> tuple[str, ...]:
    """The source language and every language that has catalogs."""
    found = sorted(p.name for p in Path(locale_dir).iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(dict.fromkeys([facts.SOURCE_LANGUAGE, *facts.LANGUAGES, *found]))


def check_language(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> None:
    """Raise CatalogError unless ``lang`` is the source language or has catalogs."""
    if lang == facts.SOURCE_LANGUAGE:
        return
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang) or not (Path(locale_dir) / lang / "LC_MESSAGES").is_dir():
        known = " ".join(known_languages(locale_dir))
        raise CatalogError(
            f"unknown language {lang!r}: there is no {_shown(Path(locale_dir) / lang / 'LC_MESSAGES')}"
            f" (known: {known}; a new one: `make new-language LANG={lang}`)"
        )


def catalog_paths(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> list[Path]:
    return sorted((Path(locale_dir) / lang / "LC_MESSAGES").glob("*.po"))


# A keyword line or a continuation line of a .po file: its string must close.
_STRING_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"')
_CLOSED_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')


def _unclosed_string(text: str) -> tuple[int, str] | None:
    """The first line whose string has no closing quote (Babel accepts it)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        if _STRING_LINE.match(line) and not _CLOSED_STRING.search(line[line.index('"'):]):
            return number, line
    return None


def _decode(path: Path) -> str:
    """The text of a catalog, which must be UTF-8 (the line of the first bad byte if not)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CatalogError(f"{_shown(path)}: missing (run `make update-po` to make it again)") from None
    except OSError as error:
        raise CatalogError(f"{_shown(path)}: cannot be read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = " (it looks like Latin-1/Windows-1252)"
        except UnicodeDecodeError:
            pass
        raise CatalogError(f"{_shown(path)}:{line}: not UTF-8: byte 0x{data[error.start]:02X}{hint}; "
                           "save the file as UTF-8") from None


_ENTRY_KEY = re.compile(r'^(msgctxt|msgid)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^"(.*)"\s*$')


def _duplicates(text: str) -> tuple[int, int, str] | None:
    """(line, first line, msgid) of the first msgid that stands twice
    (Babel keeps the last one silently; msgfmt -c refuses the file)."""
    seen: dict[tuple[str, str], int] = {}
    context, key, start, current = "", None, 0, None
    lines = text.splitlines()

    def close():
        nonlocal context
        if key == "msgid" and current is not None:
            entry = (context, current)
            if current and entry in seen:
                return start, seen[entry], current
            seen.setdefault(entry, start)
            context = ""
        return None

    for number, line in enumerate(lines + [""], 1):
        match = _ENTRY_KEY.match(line)
        continuation = _CONTINUATION.match(line)
        if continuation and key is not None:
            current += continuation.group(1)
            continue
        found = close() if key == "msgid" else None
        if found:
            return found
        if key == "msgctxt":
            context = current
        key, current = (match.group(1), match.group(2)) if match else (None, None)
        start = number
    return None


def read_catalog(path: Path):
    """A babel Catalog, or CatalogError naming the file and line of a syntax error."""
    text = _decode(path)
    unclosed = _unclosed_string(text)
    if unclosed:
        raise CatalogError(f"{_shown(path)}:{unclosed[0]}: syntax error: string not closed: {unclosed[1].strip()!r}")
    duplicate = _duplicates(text)
    if duplicate:
        line, first, msgid = duplicate
        raise CatalogError(f"{_shown(path)}:{line}: the message {msgid[:60]!r} stands twice (first at line {first});"
                           " remove one")
    try:
        with open(path, "rb") as f:
            return read_po(f, abort_invalid=True)
    except PoFileError as error:
        # Babel counts this line from 0 (but message lines from 1).
        lineno = error.lineno + 1
        reason = str(error.args[0]).rsplit(" on ", 1)[0]
        raise CatalogError(f"{_shown(path)}:{lineno}: syntax error: {reason}: {error.line.strip()!r}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise CatalogError(f"{_shown(path)}: cannot be read: {error}") from None


# Inline markup whose count must not change in translation: references,
# roles, substitutions. A translation that drops or adds one would change
# links, which Sphinx reports only as `i18n.inconsistent_references`.
_MARKUP = {
    "reference": re.compile(r"`[^`]+`__?"),
    "role": re.compile(r":[\w-]+:`"),
    "substitution": re.compile(r"\|[^|\s][^|]*\|"),
}


def _markup_errors(msgid: str, msgstr: str) -> list[str]:
    """reST errors of a translation, and markup that it lost or added."""
    from docutils.core import publish_doctree
    from docutils.utils import SystemMessage

    problems = []
    for kind, pattern in _MARKUP.items():
        want, got = len(pattern.findall(msgid)), len(pattern.findall(msgstr))
        if want != got:
            problems.append(f"the translation has {got} {kind}(s), the original {want}")
    messages = []
    settings = {"report_level": 2, "halt_level": 5, "warning_stream": io.StringIO()}
    try:
        doctree = publish_doctree(msgstr, settings_overrides=settings)
    except SystemMessage as error:  # pragma: no cover - halt_level 5 keeps going
        return problems + [str(error)]
    for message in doctree.findall(lambda n: n.tagname == "system_message"):
        if message["level"] >= 2 and message.get("type") != "INFO":
            messages.append(message.children[0].astext() if message.children else message.astext())
    # Unknown Sphinx roles are fine here: docutils alone does not know them.
    messages = [m for m in messages if "Unknown interpreted text role" not in m and "No role entry" not in m]
    return problems + [f"broken reST markup: {m}" for m in messages]


def problems_in(path: Path) -> list[Problem]:
    """Everything wrong with one catalog (syntax errors raise)."""
    catalog = read_catalog(path)
    lang = Path(path).parent.parent.name  # locale/<lang>/LC_MESSAGES/<domain>.po: its fonts are the language's
    try:
        fonts.design_typeface(lang)
    except fonts.FontError as error:
        return [Problem(path, 1, str(error))]
    found = []
    for message in catalog:
        if not message.id:
            continue  # the header
        line = message.lineno or 0
        shown = str(message.id)[:60]
        # A plural message: each form against the original it translates
        # (form 0 the singular, the others the plural).
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        shown = str(ids[0])[:60]
        if message.fuzzy:
            found.append(Problem(path, line, f"fuzzy translation of {shown!r}: review it and remove the fuzzy flag"))
        elif not strings or any(not s or not str(s).strip() for s in strings):
            found.append(Problem(path, line, f"untranslated: {shown!r}"))
        else:
            interface = path.name == "sphinx.po"  # English interface strings, not reST
            texts = []
            for index, msgstr in enumerate(str(s) for s in strings):
                msgid = str(ids[min(index, len(ids) - 1)])
                texts += trust.problems(msgid, msgstr, rest=not interface, plural_form=len(strings) > 1)
                if not interface:
                    texts += [m for m in _markup_errors(msgid, msgstr) if not any(m in x for x in texts)]
                missing = fonts.uncovered(msgstr, lang=lang)
                if missing:
                    texts.append(f"the font has no glyph for {fonts.describe(missing)} (the {lang!r} edition is set"
                                 f" in {fonts.design_typeface(lang).family}); it would print as an empty box or in"
                                 " another font: use another character")
            found.extend(Problem(path, line, text) for text in dict.fromkeys(texts))
    return found


def check_catalogs(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> None:
    """Raise CatalogError listing every problem of a language's catalogs."""
    check_language(lang, locale_dir)
    problems = []
    for path in catalog_paths(lang, locale_dir):
        problems.extend(problems_in(path))
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise CatalogError(f"the {lang!r} catalogs are not ready to ship:\n{listing}")


def compile_catalogs(lang: str, out_dir: Path, locale_dir: Path = facts.LOCALE_DIR) -> Path:
    """Write ``out_dir/<lang>/LC_MESSAGES/*.mo`` from the checked catalogs.

    Only files whose bytes change are rewritten, so timestamps stay put."""
    from .files import write_file

    target = Path(out_dir) / lang / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in catalog_paths(lang, locale_dir):
        buffer = io.BytesIO()
        write_mo(buffer, read_catalog(path), use_fuzzy=False)
        mo = target / (path.stem + ".mo")
        wanted.add(mo.name)
        if not mo.exists() or mo.read_bytes() != buffer.getvalue():
            write_file(mo, buffer.getvalue())
    for stale in [*target.glob("*.mo"), *target.glob("*.po")]:  # the catalog was removed
        if stale.name not in wanted:
            stale.unlink()
    return Path(out_dir)


def files_signature(paths) -> tuple:
    """What identifies the current contents of files: path, size, mtime. A
    cache keyed on it never serves an edited file's old text."""
    result = []
    for path in paths:
        stat = Path(path).stat()
        result.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(result)


def messages(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> dict[str, str]:
    """msgid -> translation over all catalogs of a language (translated,
    not fuzzy), as the files are now."""
    return _messages(lang, str(locale_dir), files_signature(catalog_paths(lang, Path(locale_dir))))


@lru_cache(maxsize=32)
def _messages(lang: str, locale_dir: str, signature: tuple) -> dict[str, str]:
    table = {}
    for path in catalog_paths(lang, Path(locale_dir)):
        for message in read_catalog(path):
            if message.id and message.string and not message.fuzzy:
                table.setdefault(str(message.id), str(message.string))
    return table


def translator(lang: str, locale_dir: Path = facts.LOCALE_DIR):
    """A function msgid -> text in ``lang`` (the msgid itself in the source
    language). A missing translation raises CatalogError: outputs never fall
    back to Finnish silently."""
    if lang == facts.SOURCE_LANGUAGE:
        return lambda msgid: msgid
    check_language(lang, locale_dir)
    table = messages(lang, locale_dir)

    def translate(msgid: str) -> str:
        try:
            return table[msgid]
        except KeyError:
            raise CatalogError(f"no {lang!r} translation of {msgid!r} in {_shown(Path(locale_dir) / lang)}") from None

    return translate


def compile_main(languages) -> int:
    """``python -m publication.catalogs compile sv``: check the catalogs of each
    language and compile them into build/locale for Sphinx."""
    import sys

    try:
        for lang in languages:
            check_catalogs(lang)
            compile_catalogs(lang, facts.BUILD_DIR / "locale")
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 1
    return 0


def main(argv=None) -> int:
    """``python -m publication.catalogs fi sv en``: list every problem, file:line."""
    import sys

    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["compile"]:
        return compile_main(args[1:] or list(facts.LANGUAGES))
    languages = args or list(facts.LANGUAGES)
    found = 0
    for lang in languages:
        try:
            check_language(lang)
            for path in catalog_paths(lang):
                for problem in problems_in(path):
                    print(problem)
                    found += 1
        except CatalogError as error:
            print(error)
            found += 1
    print(f"{found} problem(s) in the catalogs of {' '.join(languages)}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
