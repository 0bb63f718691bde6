"""Spelling of every edition (publication/spelling.py, `make spell`):
Voikko for Finnish, Hunspell's sv_FI and en_GB dictionaries for Swedish and
English. A missing dictionary fails the tests with the package to install."""

import shutil

import pytest

from publication import facts, spelling

# A misspelling of a word of principle-1's title, per language: the page,
# the right words and the misspelled one.
TYPOS = {
    "fi": ("Itsenäisen elämän mahdollistaminen", "Itsenäisen elämän mahdolistaminen", "mahdolistaminen"),
    "sv": ("ett självständigt liv", "ett självständight liv", "självständight"),
    "en": ("Enabling independent living", "Enabling independant living", "independant"),
}


def _checked(function, *args, **kwargs):
    """Call ``function``; a missing tool or dictionary fails with its package."""
    try:
        return function(*args, **kwargs)
    except spelling.SpellingError as error:
        message = str(error)
    pytest.fail(message, pytrace=False)


def _listing(found) -> str:
    return "\n".join(f"  {word} ({where})" for word, where in found)


@pytest.mark.gate  # `make check` runs it too
@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_no_misspelled_words(lang):
    found = _checked(spelling.misspelled, lang)
    assert found == [], (
        f"unknown {lang!r} words: fix a misspelling in its catalog (or source), or add a correct word to "
        f"locale/{lang}/wordlist.txt:\n{_listing(found)}")


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_a_misspelling_is_caught_in_a_text(lang):
    right, wrong, typo = TYPOS[lang]
    assert _checked(spelling.misspelled_in, lang, right) == []
    assert _checked(spelling.misspelled_in, lang, wrong) == [typo]


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_a_misspelling_is_caught_in_the_edition(lang, tmp_path):
    """A typing error put into a copy of the source (fi) or of a catalog
    (sv, en) is reported with the file and line where it stands."""
    right, wrong, typo = TYPOS[lang]
    source_dir, locale_dir = tmp_path / "source", tmp_path / "locale"
    shutil.copytree(facts.SOURCE_DIR, source_dir)
    shutil.copytree(facts.LOCALE_DIR, locale_dir)
    if lang == facts.SOURCE_LANGUAGE:
        page, expected = source_dir / "principle-1.rst", "source/principle-1.rst:"
    else:
        page = locale_dir / lang / "LC_MESSAGES" / "principle-1.po"
        expected = f"{lang}/LC_MESSAGES/principle-1.po:"
    text = page.read_text(encoding="utf-8")
    assert text.count(right) == 1, (page, right)
    page.write_text(text.replace(right, wrong), encoding="utf-8")
    found = _checked(spelling.misspelled, lang, source_dir=source_dir, locale_dir=locale_dir)
    places = [where for word, where in found if word == typo]
    assert len(places) == 1 and expected in places[0], _listing(found)


def test_words_are_words():
    text = ("Katso https://asuntoensin.fi/a ja handbook.css: suositukset 1.1 ja 0.1–0.7 (481/1995), "
            "A3-juliste, sosiaali- ja terveysala, esim. näin. Asunto ensin -malli; the resident’s and/or.")
    assert spelling.words_in(text) == [
        "Katso", "ja", "suositukset", "ja", "juliste", "sosiaali-", "ja", "terveysala", "esim.", "näin",
        "Asunto", "ensin", "malli", "the", "resident’s", "and", "or"]
    assert spelling.words_in("Read the Docs ja ”suosutukset”", ["Read the Docs", "”suosutukset”"]) == ["ja"]


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_word_lists_are_sorted_and_every_entry_is_needed(lang):
    path = spelling.wordlist_path(lang)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# "), f"{path}: starts with a comment saying what the file is"
    entries = spelling.wordlist_entries(lang)
    assert entries == sorted(set(entries), key=str.casefold), f"{path}: sort it, without duplicates"
    assert _checked(spelling.unneeded_entries, lang) == [], f"{path}: entries no longer needed"
