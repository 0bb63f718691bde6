"""Pseudo-localisation: every output in a made-up language, before any translator starts.

    python -m publication.pseudo build/gettext build/pseudo/locale-src

reads the templates of ``make gettext`` (the Finnish pages, the English
interface strings) and writes ``<out>/qps/LC_MESSAGES/*.po`` and
``<out>/languages.toml`` (the real registry plus ``qps``, unshipped). ``make
pseudo`` then runs the normal build graph over them with ``BUILD=build/pseudo
LANGS=qps LOCALE_SRC=build/pseudo/locale-src``: the catalogs are checked by
the same trust boundary and compiled like any language's, and nothing is
written into ``locale/``.

Each message is pseudo-translated so that problems show at a glance:

- **Accented letters**: each ASCII letter becomes an accented one the
  outputs' font has (``publication.fonts.uncovered`` is empty for every
  message), so text that stayed in Finnish or English is easy to tell apart.
- **About 40 % longer**: vowels are doubled inside the words ("Asunto" ->
  "Ásúúntó"), spread over the message in proportion to word length, no word
  over the trust boundary's 48 characters: layouts meet the length of a long
  translation, words and line breaks included.
- **Markers**: « at the start and » at the end of every message (the font
  has no ⟦⟧). A string without them did not come through a catalog
  (hard-coded); a message without its » was cut; «…»«…» is a sentence put
  together from pieces.

Only text is changed, never markup: reST inline literals, roles, references
and their targets, substitutions, footnote references, escapes, URLs and
e-mail addresses; in the interface strings HTML tags and entities; in both,
placeholders (``%(name)s``, ``{name}``, ``${name}``) stay as they are. The
text inside a role or a named reference is its target, so it stays too
(inside the message's markers).
"""

import math
import os
import re
import sys
from pathlib import Path

from . import languages, trust
from .files import cannot_write

CODE = languages.PSEUDO
NAME = "Pseudo"  # the pseudo-locale's name in itself (pseudo-translated like a message)
OPEN, CLOSE = "\u00ab", "\u00bb"  # « »
EXPANSION = 0.40
LONGEST_WORD = trust.LONGEST_WORD
REAL_REGISTRY = languages.ROOT / "locale" / languages.FILE_NAME  # not LOCALE_DIR: that may be ours

# For each ASCII letter, accented forms in order of preference; the first
# one the font covers is used (the letter itself if none is).
ACCENTS = {
    "a": "áâàãå", "b": "ƀ", "c": "çćč", "d": "ďđ", "e": "éêèë", "f": "ƒ", "g": "ğġģ", "h": "ĥħ",
    "i": "íîìï", "j": "ĵ", "k": "ķ", "l": "ľļł", "m": "", "n": "ñńň", "o": "óôòõø", "p": "þ",
    "q": "", "r": "řŕ", "s": "šśş", "t": "ťţ", "u": "úûùů", "v": "", "w": "ŵ", "x": "", "y": "ýÿ",
    "z": "žźż",
}
ACCENTS.update({k.upper(): "".join(c.upper() for c in v if c.upper() != c) for k, v in ACCENTS.items()})
VOWELS = set("aeiouyåäöAEIOUYÅÄÖ")

_URL = r"(?:https?|ftp)://[^\s<>`\"']+|mailto:[^\s<>`\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PLACEHOLDERS = trust._PLACEHOLDER.pattern + r"|\$\{[^{}\s]*\}"
# reST: what stays as it is. A reference with a target (`text <uri>`__) is
# handled apart: its text is translated, its target kept.
_REST_KEPT = re.compile("|".join([
    r"``.+?``",
    r":[\w.+-]+(?::[\w.+-]+)?:`[^`]*`",  # :role:`...`
    r"`[^`]*`:[\w.+-]+(?::[\w.+-]+)?:",  # `...`:role:
    r"`[^`<]*`__?",  # `name`_ : a reference by name
    r"`[^`]*`(?!_)",  # `interpreted text`
    r"\|[^|\s][^|]*\|_{0,2}",  # |substitution|
    r"\[[#*\w.-]*\]_",  # [1]_ [#note]_
    r"\\.",  # escapes
    r"(?<![\w`])[\w.-]+__?(?![\w`])",  # name_ : a reference by name
    _URL,
    _PLACEHOLDERS,
]), re.S)
_REST_LINK = re.compile(r"`([^`<]*?)(\s*<[^<>`]*>`__?)")
_INTERFACE_KEPT = re.compile("|".join([
    trust._TAG.pattern,
    r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);",
    _URL,
    _PLACEHOLDERS,
]))
_WORD = re.compile(r"[^\W\d_]+")


class PseudoError(Exception):
    pass


def letter_map(uncovered=None) -> dict[str, str]:
    """ASCII letter -> its accented form the font covers (``uncovered``:
    the characters of a text the font lacks, default the outputs' font)."""
    if uncovered is None:
        from .fonts import uncovered
    table = {}
    for letter, candidates in ACCENTS.items():
        table[letter] = next((c for c in candidates if not uncovered(c)), letter)
    return table


def segments(text: str, rest: bool) -> list[tuple[bool, str]]:
    """``text`` as (translatable, piece) pairs, in order."""
    kept = _REST_KEPT if rest else _INTERFACE_KEPT
    pieces: list[tuple[bool, str]] = []

    def plain(chunk: str) -> None:
        last = 0
        for match in kept.finditer(chunk):
            if match.start() > last:
                pieces.append((True, chunk[last:match.start()]))
            pieces.append((False, match.group(0)))
            last = match.end()
        if last < len(chunk):
            pieces.append((True, chunk[last:]))

    if not rest:
        plain(text)
        return pieces
    last = 0
    for link in _REST_LINK.finditer(text):
        plain(text[last:link.start()])
        pieces.append((False, "`"))
        pieces.append((True, link.group(1)))
        pieces.append((False, link.group(2)))
        last = link.end()
    plain(text[last:])
    return pieces


def _lengthen(word: str, extra: int) -> str:
    """``word`` with ``extra`` more letters: its vowels doubled in turn (its
    letters when it has no vowel)."""
    if extra <= 0:
        return word
    positions = [i for i, c in enumerate(word) if c in VOWELS] or list(range(len(word)))
    counts = [0] * len(word)
    for n in range(extra):
        counts[positions[n % len(positions)]] += 1
    return "".join(c * (1 + counts[i]) for i, c in enumerate(word))


def _shares(lengths: list[int], extra: int) -> list[int]:
    """``extra`` spread over words in proportion to their lengths (largest remainders)."""
    total = sum(lengths)
    if not total or extra <= 0:
        return [0] * len(lengths)
    exact = [extra * n / total for n in lengths]
    shares = [math.floor(x) for x in exact]
    for i in sorted(range(len(lengths)), key=lambda i: shares[i] - exact[i])[:extra - sum(shares)]:
        shares[i] += 1
    return shares


def translate(text: str, rest: bool = True, table: dict[str, str] | None = None,
              expansion: float = EXPANSION) -> str:
    """The pseudo-translation of one message."""
    table = table if table is not None else letter_map()
    stripped = text.strip()
    if not stripped:
        return text
    head, tail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    pieces = segments(stripped, rest)
    words = [m for ok, piece in pieces if ok for m in _WORD.findall(piece)]
    visible = sum(len(piece) for ok, piece in pieces if ok)
    shares = iter(_shares([len(w) for w in words], round(expansion * visible)))
    out = []
    for ok, piece in pieces:
        if not ok:
            out.append(piece)
            continue

        def word(match):
            original = match.group(0)
            longest = max(LONGEST_WORD, len(original))
            longer = _lengthen(original, min(next(shares), longest - len(original)))
            return "".join(table.get(c, c) for c in longer)

        out.append(_WORD.sub(word, piece))
    return f"{head}{OPEN}{''.join(out)}{CLOSE}{tail}"


# -- Catalogs ----------------------------------------------------------------------------

def pseudo_catalog(pot: Path, table: dict[str, str], expansion: float = EXPANSION):
    """The catalog of one template, every message pseudo-translated."""
    from babel.messages.pofile import read_po

    with open(pot, "rb") as f:
        catalog = read_po(f)
    rest = pot.stem != "sphinx"  # sphinx.pot: the interface strings, English, HTML
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            message.string = tuple(translate(str(m), rest, table, expansion) for m in message.id)
        else:
            message.string = translate(str(message.id), rest, table, expansion)
        message.flags.discard("fuzzy")
    catalog.revision_date = catalog.creation_date
    return catalog


def _po_bytes(catalog) -> bytes:
    import io

    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79, omit_header=False, include_previous=False)
    text = buffer.getvalue().decode("utf-8")
    # The header names the language (Babel knows no CLDR data of qps).
    text = text.replace('"MIME-Version: 1.0\\n"', f'"Language: {CODE}\\n"\n"MIME-Version: 1.0\\n"', 1)
    return text.encode("utf-8")


def registry_text(table: dict[str, str]) -> str:
    """The real registry and the pseudo-locale, unshipped."""
    name = translate(NAME, False, table)
    return (REAL_REGISTRY.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
            "# The pseudo-locale of `make pseudo` (publication/pseudo.py): this folder only.\n"
            f'[{CODE}]\nscript = "Latn"\ndirection = "ltr"\nshipped = false\n'
            f'name = "{name}"\ncldr = "en"\n')


def _write_if_changed(path: Path, data: bytes) -> bool:
    from .files import write_file

    if path.exists() and path.read_bytes() == data:
        return False
    write_file(path, data)
    return True


def generate(templates: Path, out: Path, expansion: float = EXPANSION) -> list[Path]:
    """Write the pseudo-locale's catalogs and registry into ``out``; only
    files whose bytes change are rewritten. Returns the catalogs."""
    from .fonts import uncovered

    pots = sorted(Path(templates).glob("*.pot"))
    if not pots:
        raise PseudoError(f"{templates}: no templates (*.pot); run `make gettext` first")
    table = letter_map(uncovered)
    folder = Path(out) / CODE / "LC_MESSAGES"
    written = []
    for pot in pots:
        catalog = pseudo_catalog(pot, table, expansion)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            missing = uncovered("".join(strings)) if message.id else []
            if missing:
                raise PseudoError(f"{pot}: {message.id!r}: the font has no glyph for {missing}")
        path = folder / f"{pot.stem}.po"
        _write_if_changed(path, _po_bytes(catalog))
        written.append(path)
    for stale in folder.glob("*.po"):
        if stale not in written:
            stale.unlink()
    _write_if_changed(Path(out) / languages.FILE_NAME, registry_text(table).encode("utf-8"))
    return written


def expansion_setting(value: str | None = None) -> float:
    """PSEUDO_EXPANSION: how much longer than the original, in per cent (default 40)."""
    value = os.environ.get("PSEUDO_EXPANSION", "") if value is None else value
    if not value.strip():
        return EXPANSION
    if not re.fullmatch(r"\d{1,3}", value.strip()) or int(value) > 200:
        raise PseudoError(f"PSEUDO_EXPANSION: {value.encode('unicode_escape').decode('ascii')!r} is not a whole "
                          "number of per cent from 0 to 200 (e.g. PSEUDO_EXPANSION=40)")
    return int(value) / 100


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m publication.pseudo TEMPLATES_DIR OUT_DIR", file=sys.stderr)
        return 2
    try:
        written = generate(Path(args[0]), Path(args[1]), expansion_setting())
    except (PseudoError, languages.RegistryError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 1
    print(f"pseudo-locale {CODE}: {len(written)} catalogs in {Path(args[1]) / CODE / 'LC_MESSAGES'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
