"""Spelling of every edition: ``python -m publication.spelling fi sv en``.

What is checked is the text each edition shows, message by message:

* Finnish: the messages of the handbook as Sphinx extracts them from
  ``source/*.rst`` now. Sphinx's gettext builder writes them into a temporary
  folder (under a second: simpler and surer than re-implementing its message
  extraction, and unlike the msgids of ``locale/sv`` never stale); plus the
  translations of the interface strings, ``locale/fi/LC_MESSAGES/sphinx.po``.
* Swedish and English: the translations (msgstr) of their catalogs in
  ``locale/<lang>/LC_MESSAGES/``; English shows the interface msgids
  themselves, so those are read from the source language's ``sphinx.po``.

Each message becomes plain text (:func:`plain_text` for
reST, tags and placeholders removed from the interface strings); URLs, e-mail
addresses, file and domain names, numbers and IDs such as 1.1 are dropped, and
words are split at hyphens and dashes ("Asunto ensin -malli" checks "malli").

Finnish words are checked by Voikko (``pyvoikko``), lower-cased; Swedish
(Finland-Swedish, sv_FI) and English (British, en_GB) by Debian's Hunspell
dictionaries (packages ``hunspell``, ``hunspell-sv``, ``hunspell-en-gb``).
``locale/<lang>/wordlist.txt`` lists the project's accepted words that a
dictionary lacks: names, terms, words quoted from the Finnish original; an
entry with a space or quotation marks is an exact phrase ("Read the Docs",
the original's typing error quoted as ”suosutukset”), accepted only whole. A
misspelling found in a translation is fixed in its catalog, not listed; an
entry no longer needed is removed (tests/test_spelling.py checks both).
"""

import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from . import facts
from .catalogs import CatalogError, catalog_paths, check_language, files_signature, read_catalog

HUNSPELL_DICTIONARY = {"sv": "sv_FI", "en": "en_GB"}
DEBIAN_PACKAGE = {"sv": "hunspell-sv", "en": "hunspell-en-gb"}
DICTIONARY_DIR = Path("/usr/share/hunspell")
INTERFACE_CATALOG = "sphinx.po"

# Letters, with apostrophes inside a word (organisation's); digits, hyphens
# and dashes end a word.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A whitespace-separated token that is a URL, an address, a file or domain
# name, a number with a point or a slash, or an ID such as 1.1 or 0.1–0.7.
NOT_WORDS = re.compile(r"://|@|\w\.\w|\d/|/\d|^www\.")
# Words containing letters and digits (A3, H1, WCAG2): codes, not words.
MIXED = re.compile(r"(?=\S*\d)(?=\S*[^\W\d_])")
QUOTES = "\"“”„‘’«»"
DASHES = re.compile(r"[-‐‑–—]")
# Interface strings are HTML and Python format strings.
HTML_TAG = re.compile(r"<[^>]*>")
HTML_ENTITY = re.compile(r"&#?\w+;")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[^{}]*\}")


class SpellingError(Exception):
    """The spelling cannot be checked (a missing tool or dictionary)."""


# -- What each edition shows -------------------------------------------------------

def _without(text: str, phrases) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
    return text


def words_in(text: str, phrases=()) -> list[str]:
    """The words of plain ``text`` to check, in order, once ``phrases`` (the
    accepted names of several words) are taken out.

    A word cut before a hyphen that ends its token keeps the hyphen, as in
    "sosiaali- ja terveysala"; a word before a period that a lower-case word
    follows keeps the period, as in "esim. hajautettu" (an abbreviation)."""
    words = []
    tokens = _without(text, phrases).split()
    for index, token in enumerate(tokens):
        if NOT_WORDS.search(token):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        abbreviation = token.endswith(".") and following[:1].islower()
        pieces = DASHES.split(token)
        for number, piece in enumerate(pieces):
            if MIXED.match(piece):
                continue
            found = [w for w in WORD.findall(piece) if len(w) > 1]
            if found and number == len(pieces) - 2 and pieces[-1] == "" and piece.endswith(found[-1]):
                found[-1] += "-"  # sosiaali- ja ...
            elif found and abbreviation and number + 1 == len(pieces) and piece.endswith(found[-1] + "."):
                found[-1] += "."  # esim. hajautettu
            words.extend(found)
    return words


def _interface_text(message: str) -> str:
    text = HTML_TAG.sub(" ", message)
    text = HTML_ENTITY.sub(" ", text)
    return PLACEHOLDER.sub(" ", text)


def _shown(path) -> str:
    try:
        return str(Path(path).resolve().relative_to(facts.ROOT))
    except ValueError:
        return str(path)


def _code_location(location: str) -> str:
    """A catalog's reference to code, shorter: furo/page.html:13."""
    location = re.sub(r"^.*/site-packages/furo/theme/furo/", "furo/", location)
    return re.sub(r"^(\.\./)+", "", location)


def _source_messages(source_dir: Path) -> list[tuple[str, str]]:
    """(msgid, "source/page.rst:line") of every message Sphinx extracts
    from the handbook's source now."""
    files = sorted(p for p in Path(source_dir).rglob("*") if p.is_file())
    return _extracted(Path(source_dir), files_signature(files))


@lru_cache(maxsize=8)
def _extracted(source_dir: Path, signature: tuple) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="spelling-") as tmp:
        out = Path(tmp) / "gettext"
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "gettext", "-c", str(facts.ROOT), "-q", "-E",
             "-d", str(Path(tmp) / "doctrees"), str(source_dir), str(out)],
            cwd=facts.ROOT, capture_output=True, text=True)
        if result.returncode:
            raise SpellingError(f"Sphinx could not extract the messages of {source_dir}:\n"
                                f"{result.stdout}{result.stderr}")
        messages = []
        for pot in sorted(out.glob("*.pot")):
            if pot.name == "sphinx.pot":  # templates' strings: see sphinx.po
                continue
            for message in read_catalog(pot):
                if not message.id:
                    continue
                where = f"{source_dir.name}/{pot.stem}.rst"
                lines = [line for file, line in message.locations if line and Path(file).stem == pot.stem]
                messages.append((str(message.id), f"{where}:{lines[0]}" if lines else where))
        return tuple(messages)


def _catalog_messages(path: Path, translations: bool = True):
    """(text, where) of a catalog: translations, or the msgids (with the
    place in the code where each is written)."""
    for message in read_catalog(path):
        if not message.id or message.fuzzy:
            continue
        if translations:
            if message.string and str(message.string).strip():
                yield str(message.string), f"{_shown(path)}:{message.lineno}"
        else:
            where = _code_location(message.locations[0][0]) + f":{message.locations[0][1]}" \
                if message.locations else f"{_shown(path)}:{message.lineno}"
            yield str(message.id), where


def plain_text(markup: str) -> str:
    """reST inline markup as the text a reader sees."""
    import io

    from docutils.core import publish_doctree

    settings = {"report_level": 5, "warning_stream": io.StringIO()}
    doctree = publish_doctree(markup, settings_overrides=settings)
    return " ".join(doctree.astext().split())


def texts_of(lang: str, source_dir: Path = facts.SOURCE_DIR,
             locale_dir: Path = facts.LOCALE_DIR) -> list[tuple[str, str]]:
    """(plain text, where) of every message the ``lang`` edition shows."""
    check_language(lang, locale_dir)
    locale_dir = Path(locale_dir)
    interface = locale_dir / lang / "LC_MESSAGES" / INTERFACE_CATALOG
    texts = []
    if lang == facts.SOURCE_LANGUAGE:
        texts += [(plain_text(m), where) for m, where in _source_messages(Path(source_dir))]
    else:
        for path in catalog_paths(lang, locale_dir):
            if path.name != INTERFACE_CATALOG:
                texts += [(plain_text(m), where) for m, where in _catalog_messages(path)]
    from .ui import MSGID_LANGUAGE

    if lang == MSGID_LANGUAGE:
        source_ui = locale_dir / facts.SOURCE_LANGUAGE / "LC_MESSAGES" / INTERFACE_CATALOG
        texts += [(_interface_text(m), where) for m, where in _catalog_messages(source_ui, translations=False)]
    elif interface.exists():
        texts += [(_interface_text(m), where) for m, where in _catalog_messages(interface)]
    return texts


def _words(texts, phrases) -> dict[str, list[str]]:
    found = defaultdict(list)
    for text, where in texts:
        for word in words_in(text, phrases):
            if where not in found[word]:
                found[word].append(where)
    return dict(found)


def words_of(lang: str, source_dir: Path = facts.SOURCE_DIR,
             locale_dir: Path = facts.LOCALE_DIR) -> dict[str, list[str]]:
    """Every word the ``lang`` edition shows -> where it stands (file:line),
    less the accepted phrases of its word list (see :func:`wordlist`)."""
    return _words(texts_of(lang, source_dir, locale_dir), wordlist(lang, locale_dir)[1])


# -- The dictionaries ----------------------------------------------------------------

def wordlist_path(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> Path:
    return Path(locale_dir) / lang / "wordlist.txt"


def wordlist_entries(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> list[str]:
    """The lines of ``locale/<lang>/wordlist.txt`` (``#`` starts a comment)."""
    path = wordlist_path(lang, locale_dir)
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def wordlist(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> tuple[list[str], list[str]]:
    """The project's accepted (words, phrases) of a language.

    An entry with a space or a quotation mark is a phrase: a name of several
    words ("Read the Docs") or a quotation ("”suosutukset”", a typing error of
    the original quoted as such). It is taken out of the text, only where it
    stands whole, before the text is split into words."""
    words, phrases = [], []
    for entry in wordlist_entries(lang, locale_dir):
        phrase = re.search(r"\s", entry) or entry[0] in QUOTES or entry[-1] in QUOTES
        (phrases if phrase else words).append(entry)
    return words, phrases


@lru_cache(maxsize=1)
def _voikko():
    try:
        import pyvoikko
    except ImportError:  # pragma: no cover - in requirements.lock
        raise SpellingError("pyvoikko is missing: `make venv` installs it") from None
    return pyvoikko


@lru_cache(maxsize=4096)
def _finnish_word_known(word: str) -> bool:
    """Voikko knows a lower-case word, or the word without its hyphen or
    period (a compound part, an abbreviation)."""
    if _voikko().analyse(word):
        return True
    bare = word.rstrip("-.")
    return bare != word and bool(_voikko().analyse(bare))


def _unknown_finnish(words, accepted) -> set[str]:
    accepted = {w.lower() for w in accepted}
    return {w for w in words if w.lower().rstrip("-.") not in accepted and not _finnish_word_known(w.lower())}


def hunspell_dictionary(lang: str) -> str:
    """The Hunspell dictionary of a language; SpellingError naming the
    Debian package to install when it or hunspell is missing."""
    name = HUNSPELL_DICTIONARY.get(lang)
    if name is None:
        raise SpellingError(f"no spelling dictionary is known for {lang!r}: add one to "
                            f"HUNSPELL_DICTIONARY in publication/spelling.py")
    if shutil.which("hunspell") is None:
        raise SpellingError(f"hunspell is missing: apt-get install hunspell {DEBIAN_PACKAGE[lang]}")
    if not (DICTIONARY_DIR / f"{name}.dic").exists():
        raise SpellingError(f"the {name} dictionary ({DICTIONARY_DIR / name}.dic) is missing: "
                            f"apt-get install {DEBIAN_PACKAGE[lang]}")
    return name


def _unknown_hunspell(lang: str, words, accepted) -> set[str]:
    """Hunspell's pipe mode (``-a``) answers each input line with its own
    block of result lines, so each word's verdict is known even where
    Hunspell's tokenizer changes the word (strips a period, splits it)."""
    dictionary = hunspell_dictionary(lang)
    words = sorted(set(words))
    if not words:
        return set()
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".dic", delete=False) as personal:
        personal.write("".join(f"{w}\n" for w in accepted))
    try:
        result = subprocess.run(
            ["hunspell", "-d", dictionary, "-p", personal.name, "-i", "utf-8", "-a"],
            # "^" makes each line text to check, never a pipe-mode command.
            input="".join(f"^{w.replace('’', chr(39))}\n" for w in words),
            capture_output=True, text=True, encoding="utf-8")
    finally:
        Path(personal.name).unlink()
    blocks, block = [], []
    for line in result.stdout.splitlines()[1:]:  # after the version line
        if line:
            block.append(line)
        else:
            blocks.append(block)
            block = []
    if result.returncode or len(blocks) < len(words):
        raise SpellingError(f"hunspell -d {dictionary} failed ({result.returncode}): {result.stderr.strip()}")
    return {w for w, answers in zip(words, blocks) if any(a[:1] in "&#" for a in answers)}


def unknown_words(lang: str, words, accepted=()) -> set[str]:
    """The ``words`` of ``lang`` that neither the dictionary nor ``accepted``
    knows."""
    if lang == facts.SOURCE_LANGUAGE:
        return _unknown_finnish(words, accepted)
    return _unknown_hunspell(lang, words, accepted)


def misspelled_in(lang: str, text: str, accepted=()) -> list[str]:
    """The misspelled words of one plain text, in order."""
    unknown = unknown_words(lang, words_in(text), accepted)
    return [w for w in dict.fromkeys(words_in(text)) if w in unknown]


def misspelled(lang: str, source_dir: Path = facts.SOURCE_DIR,
               locale_dir: Path = facts.LOCALE_DIR) -> list[tuple[str, str]]:
    """(word, where) of every word of the ``lang`` edition that is neither in
    the dictionary nor in ``locale/<lang>/wordlist.txt``, sorted."""
    words = words_of(lang, source_dir, locale_dir)
    unknown = unknown_words(lang, words, wordlist(lang, locale_dir)[0])
    return sorted((word, where) for word in unknown for where in words[word])


def unneeded_entries(lang: str, source_dir: Path = facts.SOURCE_DIR,
                     locale_dir: Path = facts.LOCALE_DIR) -> list[str]:
    """Entries of ``locale/<lang>/wordlist.txt`` that do nothing: a word the
    edition no longer shows or the dictionary knows, a phrase not shown."""
    words, phrases = wordlist(lang, locale_dir)
    texts = texts_of(lang, source_dir, locale_dir)
    shown = {w.lower().rstrip("-.") for w in _words(texts, phrases)}
    unneeded = [w for w in words if w.lower() not in shown or not unknown_words(lang, [w])]
    unneeded += [p for p in phrases if not any(_without(text, [p]) != text for text, _where in texts)]
    return unneeded


def main(argv=None) -> int:
    """``python -m publication.spelling [LANGS]``: "lang: word (where)" for
    each misspelling; exit 1 if there is any."""
    languages = (argv if argv is not None else sys.argv[1:]) or list(facts.LANGUAGES)
    found, failed = 0, 0
    for lang in languages:
        try:
            results = misspelled(lang)
        except (CatalogError, SpellingError) as error:
            print(f"{lang}: cannot check: {error}")
            failed += 1
            continue
        for word, where in results:
            print(f"{lang}: {word} ({where})")
        found += len(results)
    print(f"spelling: {found} unknown word(s) in {' '.join(languages)}"
          + (f"; {failed} language(s) not checked" if failed else ""))
    return 1 if found or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
