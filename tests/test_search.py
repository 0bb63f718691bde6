"""The search of each web edition speaks its language, in the project's words:
a search run in Chromium shows the heading, the result summary and the
"Hide Search Matches" link from the project's own catalogs (never empty,
never English in fi or sv, never Sphinx's own translation), and lists each
page once. The static pages carry no interface string of Sphinx's or Furo's
own catalogs either."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from browser import chromium, serve
from publication import catalogs, facts, ui

pytestmark = pytest.mark.gate

LANGUAGES = facts.LANGUAGES
# A word found on several pages, and a query that matches two glossary
# terms (which Sphinx listed as two results for the one glossary page).
QUERIES = {
    "fi": ("asukas", "tuminen"),
    "sv": ("boende", "handledning"),
    "en": ("housing", "induction"),
}
NOTHING = "qqxyzzyqq"
NARROW = 320  # px: the summaries are read at the narrowest width too


@pytest.fixture(scope="module")
def site(editions) -> Path:
    return editions / "html"


def project_catalog(lang: str) -> dict:
    """msgid (or the singular of a plural msgid) -> translation (a tuple of
    plural forms) in the project's interface catalog; {} in English."""
    path = facts.LOCALE_DIR / lang / "LC_MESSAGES" / f"{ui.DOMAIN}.po"
    if lang == ui.MSGID_LANGUAGE or not path.exists():
        return {}
    table = {}
    for message in catalogs.read_catalog(path):
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            table[key] = message.string
    return table


def sphinx_catalog(lang: str) -> dict:
    """Sphinx's own catalog of ``lang`` (what leaked before), msgid -> text."""
    import sphinx
    from babel.messages.pofile import read_po

    path = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.po"
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f)
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string for m in catalog if m.id}


def shipped_script_messages(site: Path, lang: str) -> list:
    return ui.script_messages(sorted(p for p in (site / lang / "_static").rglob("*.js")
                                     if p.name not in ("translations.js", "searchindex.js")))


def translate(lang: str, msgid, n: int | None = None) -> str:
    """The text the page must show for ``msgid`` (a (singular, plural) pair with ``n``)."""
    table = project_catalog(lang)
    if isinstance(msgid, tuple):
        if not table:
            return msgid[0] if n == 1 else msgid[1]
        return table[msgid[0]][0 if n == 1 else 1]
    return table.get(msgid, msgid) if table else msgid


@pytest.fixture(scope="module")
def searches(site):
    """Each edition's search page: the script catalog as the page sees it,
    a search with results (at 320 px), one without, and a page opened from
    a result (with its "Hide Search Matches" link)."""
    found = {}
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": NARROW, "height": 900})
        page = context.new_page()
        errors = {}
        page.on("pageerror", lambda error: errors.setdefault(page.url, []).append(str(error)))
        for lang in LANGUAGES:
            report = {"errors": errors}
            messages = shipped_script_messages(site, lang)
            page.goto(urljoin(base, f"{lang}/search.html"), wait_until="load")
            report["catalog"] = page.evaluate(
                """(messages) => messages.map((m) => Array.isArray(m)
                     ? [Documentation.ngettext(m[0], m[1], 1), Documentation.ngettext(m[0], m[1], 3)]
                     : Documentation.gettext(m))""",
                [list(m) if isinstance(m, tuple) else m for m in messages])
            report["messages"] = messages
            for key, query in (("word", QUERIES[lang][0]), ("terms", QUERIES[lang][1]), ("nothing", NOTHING)):
                page.goto(urljoin(base, f"{lang}/search.html?q={query}"), wait_until="load")
                # The summary is written once the search has finished: an
                # empty one (the fault this test is for) shows after the wait.
                wait(page, "() => document.querySelector('#search-results .search-summary')?.textContent.trim()")
                # Each result's summary is fetched from its page: wait for them.
                wait(page, "() => [...document.querySelectorAll('#search-results ul.search > li')]"
                           ".every((li) => li.querySelector('p.context'))")
                report[key] = page.evaluate(
                    """() => ({
                      heading: document.querySelector('#search-results h2')?.innerText,
                      summary: document.querySelector('#search-results .search-summary')?.innerText,
                      results: [...document.querySelectorAll('#search-results ul.search > li > a')]
                        .map((a) => a.getAttribute('href')),
                      contexts: [...document.querySelectorAll('#search-results p.context')]
                        .map((p) => p.textContent),
                    })""")
                report[key]["dangling"] = page.evaluate(DANGLING_JS)
            page.goto(urljoin(base, f"{lang}/principle-1.html?highlight={QUERIES[lang][0]}"), wait_until="load")
            wait(page, "() => document.querySelector('.highlight-link a')")
            report["hide"] = page.evaluate("() => document.querySelector('.highlight-link a')?.innerText")
            found[lang] = report
        context.close()
    return found


def wait(page, condition: str, timeout: int = 5_000) -> None:
    """Wait until ``condition`` holds; the tests then say what is missing."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, timeout=timeout)
    except PlaywrightTimeout:
        pass


# Every hyphen that opens a word ("ensin -mallin") in the results: the
# character before the hyphen and the letter after it on one line.
DANGLING_JS = """() => {
  const found = [];
  const range = document.createRange();
  const top = (node, i) => {
    range.setStart(node, i); range.setEnd(node, i + 1);
    const rects = [...range.getClientRects()];
    return rects.length ? rects[rects.length - 1].top : null;
  };
  const root = document.getElementById('search-results');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    for (const match of node.data.matchAll(/\\s-\\u2060?(?=\\p{L})/gu)) {
      const hyphen = match.index + 1, letter = match.index + match[0].length;
      const a = top(node, hyphen), b = top(node, letter);
      if (a !== null && b !== null && b > a + 1) found.push(node.data.slice(Math.max(0, hyphen - 12), letter + 12));
    }
  }
  return found;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_script_has_every_string_from_the_project_catalog(searches, lang):
    report = searches[lang]
    assert report["messages"], "no gettext call found in the shipped scripts"
    for msgid, shown in zip(report["messages"], report["catalog"]):
        if isinstance(msgid, tuple):
            assert shown == [translate(lang, msgid, 1), translate(lang, msgid, 3)], msgid
        else:
            assert shown == translate(lang, msgid), msgid
        for text in shown if isinstance(shown, list) else [shown]:
            assert text and text.strip(), f"{lang}: {msgid!r} shows as empty"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_search_reports_its_results_in_the_edition_language(searches, lang):
    report = searches[lang]
    errors = {url: found for url, found in report["errors"].items() if f"/{lang}/" in url}
    assert not errors, errors
    english = project_catalog(lang) and {m for m in report["messages"] if isinstance(m, str)} | {
        form for m in report["messages"] if isinstance(m, tuple) for form in m}
    for key in ("word", "terms", "nothing"):
        shown = report[key]
        assert shown["heading"] == translate(lang, "Search Results"), (key, shown)
        count = len(shown["results"])
        if key == "nothing":
            assert count == 0
            expected = translate(lang, "Your search did not match any documents. Please make sure that all words "
                                       "are spelled correctly and that you've selected enough categories.")
        else:
            assert count >= 1, (key, shown)
            pair = next(m for m in report["messages"] if isinstance(m, tuple))
            expected = translate(lang, pair, count).replace("${resultCount}", str(count))
        assert shown["summary"] == expected, (key, shown["summary"])
        for text in (shown["heading"], shown["summary"]):
            assert text.strip(), f"{lang}: an empty string on the search page"
            if english:
                assert text not in english, f"{lang}: English on the search page: {text!r}"
    assert report["hide"] == translate(lang, "Hide Search Matches")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_is_listed_once(searches, lang):
    for key in ("word", "terms"):
        pages = [urlparse(href).path for href in searches[lang][key]["results"]]
        assert len(pages) == len(set(pages)), (key, pages)
    # The glossary matches both terms of the second query, once.
    assert sum(p.startswith("glossary.html") for p in searches[lang]["terms"]["results"]) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_result_summaries_read_as_the_pages(searches, lang):
    for key in ("word", "terms"):
        report = searches[lang][key]
        assert not report["dangling"], f"{lang}: a hyphen that opens a word ends a line: {report['dangling']}"
        for context in report["contexts"]:
            assert "\u00ad" not in context, context


# -- The static pages ---------------------------------------------------------------

class _Strings(HTMLParser):
    """Every string a page shows or reads aloud: text (per element) and the
    title, aria-label, placeholder and alt attributes."""

    def __init__(self, text: str):
        super().__init__()
        self.strings = []
        self._skip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.strings.append(value.strip())
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.strings.append(" ".join(data.replace("\u00ad", "").split()))


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != ui.MSGID_LANGUAGE])
def test_no_page_shows_an_interface_string_of_sphinx_or_furo(site, lang):
    """In fi and sv, no string equals an English msgid of Sphinx's catalog or
    of Furo's labels, nor Sphinx's own translation, unless the project's
    catalog says the same."""
    import sphinx
    from babel.messages.pofile import read_po

    from publication.sphinxext import FURO_LABELS

    with open(Path(sphinx.__file__).parent / "locale" / "sphinx.pot", "rb") as f:
        english = {m.id for m in read_po(f) if isinstance(m.id, str) and len(m.id) > 1}
    english |= set(FURO_LABELS) | set(FURO_LABELS.values())
    ours = project_catalog(lang)
    translations = {t for t in ours.values() if isinstance(t, str)}
    theirs = {text: msgid for msgid, text in sphinx_catalog(lang).items() if isinstance(text, str) and text}
    # The handbook's own text (titles, terms) may match a word of Sphinx's catalog.
    content = " ".join(path.read_text(encoding="utf-8") for path in sorted(facts.SOURCE_DIR.glob("*.rst")))
    content += " ".join(catalogs.messages(lang).values())
    leaks = []
    for path in sorted((site / lang).glob("*.html")):
        for text in _Strings(path.read_text(encoding="utf-8")).strings:
            if text in translations or text in content:
                continue
            if text in english:
                leaks.append((path.name, "English", text))
            elif text in theirs:
                leaks.append((path.name, "Sphinx's own translation", f"{text!r} ({theirs[text]!r})"))
    assert not leaks, "\n".join(map(str, sorted(set(leaks))))
