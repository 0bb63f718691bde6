"""Hyphenation in the three languages, for the PDF (WeasyPrint) and the
posters and checklist (ReportLab).

Swedish and English use pyphen's dictionaries. pyphen has none for Finnish,
so Finnish words are split at their compound seams first, found by Voikko's
morphology (`pyvoikko`, pure Python, GPLv3), then into syllables by the
Finnish syllable rule (`hyphenate-finnish`, LGPL). Syllable rules alone break
compounds wrongly (arviointiyksiköissä -> ...tiyk...); Voikko alone needs 2 s
to load and 4 ms a word. So the Finnish breaks of every word of the source
are computed once into a cache file (``make`` keeps it current), and a word
missing from the cache is analysed on the spot.
"""

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from . import facts

SOFT_HYPHEN = "\u00ad"
LEFT_MIN, RIGHT_MIN, WORD_MIN = 2, 3, 6  # letters kept together at each end
WORD = re.compile(r"[^\W\d_]+")  # runs of letters; hyphens and digits split words
CACHE = facts.BUILD_DIR / "cache" / "hyphenation-fi.json"
PYPHEN_LANG = {"sv": "sv", "en": "en_GB"}


# -- Finnish -------------------------------------------------------------------

def _compound_parts(word: str) -> list[str]:
    """Voikko's compound parts of a lower-case word ([word] when unknown)."""
    import pyvoikko  # slow to import: only for words missing from the cache

    for analysis in pyvoikko.analyse(word):
        parts = [p.FORM for p in (analysis.COMPOUND_PARTS or [])]
        if len(parts) > 1 and "".join(parts) == word:
            return parts
    return [word]


def _finnish_breaks(word: str) -> list[int]:
    """Break positions in a Finnish word: compound seams, then syllables."""
    from hyphenate_finnish.hyphenate_finnish import syllables

    breaks, offset = [], 0
    for part in _compound_parts(word.lower()):
        if offset:
            breaks.append(offset)
        position = offset
        for syllable in syllables(part)[:-1]:
            position += len(syllable)
            # No lone letter beside a seam: terveys-alan, not terveysa-lan.
            if position - offset >= 2 and offset + len(part) - position >= 2:
                breaks.append(position)
        offset += len(part)
    return sorted(set(breaks))


def _valid(table) -> bool:
    return isinstance(table, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(b, int) for b in v) for k, v in table.items())


@lru_cache(maxsize=1)
def _cache() -> dict[str, list[int]]:
    """The cache file; a damaged one is reported once and ignored (each word
    is then analysed on the spot), and `make` writes it anew."""
    try:
        table = json.loads(CACHE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        table = error
    if not _valid(table):
        print(f"hyphenation: {CACHE} is damaged and is ignored; it is written anew by "
              "`python -m publication.hyphenation` (make does it)", file=sys.stderr)
        try:
            CACHE.unlink()  # so that make's next run writes it again
        except OSError:
            pass
        return {}
    return table


def finnish_breaks(word: str) -> list[int]:
    cached = _cache().get(word.lower())
    if cached is None:
        cached = _finnish_breaks(word)
        _cache()[word.lower()] = cached
    return cached


def write_cache(texts, path: Path = CACHE) -> int:
    """Compute the breaks of every Finnish word in ``texts`` into ``path``.
    Returns the number of words."""
    words = sorted({w.lower() for text in texts for w in WORD.findall(text) if len(w) >= WORD_MIN})
    old = _cache()
    table = {w: old[w] if w in old else _finnish_breaks(w) for w in words}
    data = json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8")
    # Rewritten only when the breaks change: make rebuilds the Finnish
    # outputs after a change of the source only if their hyphenation changed.
    if not path.exists() or path.read_bytes() != data:
        from .files import write_file

        write_file(path, data)
    _cache.cache_clear()
    return len(table)


# -- All languages -------------------------------------------------------------

@lru_cache(maxsize=None)
def _pyphen(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=PYPHEN_LANG.get(lang, lang), left=LEFT_MIN, right=RIGHT_MIN)


def word_breaks(word: str, lang: str) -> list[int]:
    """Positions where ``word`` may be hyphenated (between letters)."""
    if len(word) < WORD_MIN:
        return []
    if lang == "fi":
        breaks = finnish_breaks(word)
    else:
        breaks = list(_pyphen(lang).positions(word))
    return [b for b in breaks if LEFT_MIN <= b <= len(word) - RIGHT_MIN]


def soft_hyphenate(text: str, lang: str) -> str:
    """``text`` with a soft hyphen at each break of each word."""
    def mark(match):
        word = match.group(0)
        pieces, last = [], 0
        for b in word_breaks(word, lang):
            pieces.append(word[last:b])
            last = b
        pieces.append(word[last:])
        return SOFT_HYPHEN.join(pieces)

    return WORD.sub(mark, text)


# -- ReportLab (posters, checklist) ------------------------------------------------

SPLIT_MIN = 3  # letters kept on each side of a line-end break in ReportLab output
LETTERS = re.compile(r"[^\W\d_]+")


def splits(word: str, lang: str, minimum: int = SPLIT_MIN, letters: bool = True) -> list[tuple[str, str]]:
    """(head, tail) pairs, longest head first: the shape ReportLab's
    ``hyphenationLang`` callable returns (a head ending in "-" is drawn as it
    is; ReportLab adds a hyphen to any other head).

    A word with hyphens of its own ("substance-free") may break after such a
    hyphen, and keeps that one hyphen: never "substance--". Its runs of
    letters are hyphenated each on its own (``letters=False``: only the word's
    own hyphens). Every break keeps at least ``minimum`` letters on each side,
    counted within the run of letters it touches."""
    pairs = []
    for run in LETTERS.finditer(word):
        start, end = run.span()
        # after the word's own hyphen: letters before it, letters after it
        if start > 0 and word[start - 1] == "-":
            before = LETTERS.search(word[:start - 1][::-1])
            left = len(before.group(0)) if before and before.start() == 0 else 0
            if left >= minimum and end - start >= minimum:
                pairs.append((start, word[:start], word[start:]))
        if letters:
            text = run.group(0)
            for b in word_breaks(text, lang):
                if minimum <= b <= len(text) - minimum:
                    pairs.append((start + b, word[:start + b] + "-", word[start + b:]))
    return [(head, tail) for _, head, tail in sorted(pairs, reverse=True)]


SPACES = re.compile(r"[ \t\r\n\f\v]+")  # what ReportLab splits words at (not no-break spaces)


def line_texts(paragraph) -> list[str]:
    """The lines of a wrapped ReportLab Paragraph as text."""
    para = paragraph.blPara
    if para.kind == 0:
        return [" ".join(words) for _, words in para.lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in para.lines]


def line_ends(text: str, lines: list[str]) -> list[str] | None:
    """How each line of ``text`` set as ``lines`` ends: "" at a space (or
    the end), "own" inside a word after its own hyphen, "added" inside a word
    with a hyphen added. None if the lines cannot be followed through the text."""
    source = SPACES.sub(" ", text).strip()
    position, ends = 0, []
    for line in lines:
        if source.startswith(line, position):
            end = position + len(line)
            ends.append("" if end == len(source) or source[end] == " " else "own")
        elif line.endswith("-") and source.startswith(line[:-1], position):
            end = position + len(line) - 1
            ends.append("added")
        else:
            return None
        position = end + (1 if source[end:end + 1] == " " else 0)
    return ends if position == len(source) else None


def last_line_whole(ends: list[str] | None) -> bool:
    """No word broken onto a paragraph's last line (and every line end known)."""
    return ends is not None and not any(ends[-2:])


def main(argv=None) -> int:
    """Refresh the Finnish cache from the reST sources and the Finnish
    interface strings: ``python -m publication.hyphenation``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(facts.SOURCE_DIR.glob("*.rst"))]
    interface = facts.LOCALE_DIR / facts.SOURCE_LANGUAGE / "LC_MESSAGES" / "sphinx.po"
    if interface.exists():
        texts.append(interface.read_text(encoding="utf-8"))
    try:
        count = write_cache(texts)
    except OSError as error:
        print(f"error: cannot write {error.filename or CACHE}: {error.strerror or error}"
              " (fix the permissions or remove what stands in the way)", file=sys.stderr)
        return 1
    print(f"hyphenation: {count} Finnish words in {CACHE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
