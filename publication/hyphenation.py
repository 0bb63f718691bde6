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

@lru_cache(maxsize=None)
def _compound_parts(word: str) -> list[str]:
    """Voikko's compound parts of a lower-case word ([word] when unknown)."""
    import pyvoikko  # slow to import: only for words missing from the cache

    for analysis in pyvoikko.analyse(word):
        parts = [p.FORM for p in (analysis.COMPOUND_PARTS or [])]
        if len(parts) > 1 and "".join(parts) == word:
            return parts
    return [word]


def _finnish_seams(word: str) -> list[int]:
    """The positions of a Finnish word's compound seams (none if it is not a compound)."""
    seams, offset = [], 0
    for part in _compound_parts(word.lower())[:-1]:
        offset += len(part)
        seams.append(offset)
    return seams


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


@lru_cache(maxsize=1)
def _cache() -> dict[str, dict[str, list[int]]]:
    """word -> {"breaks": [...], "seams": [...]}; entries of another shape
    (an older cache) count as missing."""
    try:
        table = json.loads(CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {w: e for w, e in table.items() if isinstance(e, dict) and {"breaks", "seams"} <= set(e)}


def _entry(word: str) -> dict[str, list[int]]:
    cached = _cache().get(word.lower())
    if cached is None:
        cached = {"breaks": _finnish_breaks(word), "seams": _finnish_seams(word)}
        _cache()[word.lower()] = cached
    return cached


def finnish_breaks(word: str) -> list[int]:
    return _entry(word)["breaks"]


def finnish_seams(word: str) -> list[int]:
    return _entry(word)["seams"]


def write_cache(texts, path: Path = CACHE) -> int:
    """Compute the breaks of every Finnish word in ``texts`` into ``path``.
    Returns the number of words."""
    words = sorted({w.lower() for text in texts for w in WORD.findall(text) if len(w) >= WORD_MIN})
    old = _cache()
    table = {w: old[w] if w in old else {"breaks": _finnish_breaks(w), "seams": _finnish_seams(w)}
             for w in words}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    tmp.replace(path)
    _cache.cache_clear()
    return len(table)


# -- All languages -------------------------------------------------------------

@lru_cache(maxsize=None)
def _pyphen(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=PYPHEN_LANG.get(lang, lang), left=LEFT_MIN, right=RIGHT_MIN)


def word_breaks(word: str, lang: str, left: int = LEFT_MIN, right: int = RIGHT_MIN,
                seams_first: bool = False) -> list[int]:
    """Positions where ``word`` may be hyphenated (between letters), with at
    least ``left`` and ``right`` letters on either side. ``seams_first``
    (Finnish): a compound breaks only at its seams, as long as one of them
    keeps those limits (toiminta-tapoja, not toimintata-poja)."""
    if len(word) < WORD_MIN:
        return []
    if lang == "fi":
        breaks = finnish_breaks(word)
        if seams_first:
            seams = [b for b in finnish_seams(word) if left <= b <= len(word) - right]
            breaks = seams or breaks
    else:
        breaks = list(_pyphen(lang).positions(word))
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


def splits(word: str, lang: str) -> list[tuple[str, str]]:
    """(head + '-', tail) pairs, longest head first: the shape ReportLab's
    ``hyphenationLang`` callable returns."""
    return [(word[:b] + "-", word[b:]) for b in reversed(word_breaks(word, lang))]


def main(argv=None) -> int:
    """Refresh the Finnish cache from the reST sources and the Finnish
    interface strings: ``python -m publication.hyphenation``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(facts.SOURCE_DIR.glob("*.rst"))]
    interface = facts.LOCALE_DIR / facts.SOURCE_LANGUAGE / "LC_MESSAGES" / "sphinx.po"
    if interface.exists():
        texts.append(interface.read_text(encoding="utf-8"))
    count = write_cache(texts)
    print(f"hyphenation: {count} Finnish words in {CACHE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
