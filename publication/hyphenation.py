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
from .files import cannot_write

SOFT_HYPHEN = "\u00ad"
LEFT_MIN, RIGHT_MIN, WORD_MIN = 2, 3, 6  # letters kept together at each end
WORD = re.compile(r"[^\W\d_]+")  # runs of letters; hyphens and digits split words
CACHE = facts.BUILD_DIR / "cache" / "hyphenation-fi.json"
PYPHEN_LANG = {"sv": "sv", "en": "en_GB"}


# -- Finnish -------------------------------------------------------------------

@lru_cache(maxsize=None)
def _compound_parts(word: str) -> list[str]:
    """Voikko's compound parts of a lower-case word ([word] when unknown)."""
    import pyvoikko  # slow to import: only for words missing from the cache

    for analysis in pyvoikko.analyse(word):
        parts = [p.FORM for p in (analysis.COMPOUND_PARTS or [])]
        if len(parts) > 1 and "".join(parts) == word:
            return parts
    return [word]


def _segment_breaks(word: str, boundaries) -> list[int]:
    """The boundaries, and the syllable breaks inside each segment between them."""
    from hyphenate_finnish.hyphenate_finnish import syllables

    breaks, edges = set(boundaries), [0, *sorted(boundaries), len(word)]
    for start, end in zip(edges, edges[1:]):
        position = start
        for syllable in syllables(word[start:end])[:-1]:
            position += len(syllable)
            # No lone letter beside a seam: terveys-alan, not terveysa-lan.
            if position - start >= 2 and end - position >= 2:
                breaks.add(position)
    return sorted(breaks)


def _finnish_breaks(word: str) -> list[int]:
    """Break positions in a Finnish word: compound seams, then syllables."""
    word = word.lower()
    seams, offset = [], 0
    for part in _compound_parts(word)[:-1]:
        offset += len(part)
        seams.append(offset)
    return _segment_breaks(word, seams)


_VOWELS = frozenset("aeiouyäöå")
_FST_TOKEN = re.compile(r"\[([^\]]*)\]|([^\[]+)")


def _fst_surface(fst_output: str) -> tuple[str, list[int]]:
    """The word of a Voikko FST analysis and the positions of its compound
    ([Bc]) and morpheme ([Bm]: vastaan=ottaa) boundaries. Text between
    [X<letter>] and [X] is a base form, not part of the word."""
    surface, boundaries, in_base = "", [], False
    for tag, text in _FST_TOKEN.findall(fst_output):
        if text and not in_base:
            surface += text
        elif tag.startswith("X"):
            in_base = tag != "X"
        elif tag in ("Bc", "Bm") and 0 < len(surface):
            boundaries.append(len(surface))
    return surface, sorted(set(b for b in boundaries if b < len(surface)))


def _finnish_agreed(word: str) -> dict[str, list[int]]:
    """The breaks and the seams (compound and morpheme boundaries) that
    every analysis of a word agrees on, as Voikko hyphenates: an
    ambiguous word (yhteisöihin: yhteisö+ihin or yhteis+öihin) breaks only
    where all its readings allow it. A word Voikko does not know: syllables."""
    import pyvoikko  # slow to import: only for words missing from the cache

    word = word.lower()
    readings = []
    for analysis in pyvoikko.analyse(word):
        surface, boundaries = _fst_surface(getattr(analysis, "FSTOUTPUT", "") or "")
        if surface == word:
            readings.append((set(_segment_breaks(word, boundaries)), set(boundaries)))
    if not readings:
        readings = [(set(_segment_breaks(word, [])), set())]
    seams = set.intersection(*(s for _, s in readings))
    agreed = set.intersection(*(b for b, _ in readings))
    # Between two vowels only at a seam, as Voikko (yksikkö-än-ne: no break after ö).
    agreed = {b for b in agreed if b in seams or not (word[b - 1] in _VOWELS and word[b] in _VOWELS)}
    return {"agreed": sorted(agreed), "seams": sorted(seams)}


def _compute(word: str) -> dict[str, list[int]]:
    return {"breaks": _finnish_breaks(word), **_finnish_agreed(word)}


@lru_cache(maxsize=1)
def _cache() -> dict[str, dict[str, list[int]]]:
    """word -> {"breaks": [...], "agreed": [...], "seams": [...]}; entries of
    another shape (an older cache) count as missing."""
    try:
        table = json.loads(CACHE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        table = None
    if not isinstance(table, dict):
        # Damaged (truncated, or not an object): reported, ignored (each word
        # is analysed on the spot) and removed, so that make writes it anew.
        print(f"hyphenation: {CACHE} is damaged and is ignored; it is written anew by "
              "`python -m publication.hyphenation` (make does it)", file=sys.stderr)
        try:
            CACHE.unlink()
        except OSError:
            pass
        return {}
    return {w: e for w, e in table.items() if isinstance(e, dict) and {"breaks", "agreed", "seams"} <= set(e)}


def _entry(word: str) -> dict[str, list[int]]:
    cached = _cache().get(word.lower())
    if cached is None:
        cached = _compute(word)
        _cache()[word.lower()] = cached
    return cached


def finnish_breaks(word: str) -> list[int]:
    return _entry(word)["breaks"]


def finnish_agreed_breaks(word: str) -> list[int]:
    return _entry(word)["agreed"]


def finnish_seams(word: str) -> list[int]:
    return _entry(word)["seams"]


def write_cache(texts, path: Path = CACHE) -> int:
    """Compute the breaks of every Finnish word in ``texts`` into ``path``.
    Returns the number of words."""
    words = sorted({w.lower() for text in texts for w in WORD.findall(text) if len(w) >= WORD_MIN})
    old = _cache()
    table = {w: old[w] if w in old else _compute(w) for w in words}
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
    """pyphen's dictionary of ``lang``, or None when it has none (a new
    language, the pseudo-locale): its words are then never hyphenated."""
    import pyphen

    name = PYPHEN_LANG.get(lang, lang)
    if pyphen.language_fallback(name) is None:
        return None
    return pyphen.Pyphen(lang=name, left=LEFT_MIN, right=RIGHT_MIN)


def word_breaks(word: str, lang: str, left: int = LEFT_MIN, right: int = RIGHT_MIN,
                seams_first: bool = False) -> list[int]:
    """Positions where ``word`` may be hyphenated (between letters), with at
    least ``left`` and ``right`` letters on either side. ``seams_first``
    (Finnish; the PDF): only the breaks every analysis of the word agrees
    on, and in a compound only its seams, as long as one of them keeps
    those limits (toiminta-tapoja, not toimintata-poja)."""
    if len(word) < WORD_MIN:
        return []
    if lang == "fi" and seams_first:
        seams = [b for b in finnish_seams(word) if left <= b <= len(word) - right]
        breaks = seams or finnish_agreed_breaks(word)
    elif lang == "fi":
        breaks = finnish_breaks(word)
    else:
        dictionary = _pyphen(lang)
        breaks = list(dictionary.positions(word)) if dictionary else []
    return [b for b in breaks if left <= b <= len(word) - right]


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
            # Finnish: the breaks every analysis agrees on, seams first (as in the PDF).
            for b in word_breaks(text, lang, seams_first=True):
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
        print(f"error: {cannot_write(error, CACHE)}", file=sys.stderr)
        return 1
    print(f"hyphenation: {count} Finnish words in {CACHE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
