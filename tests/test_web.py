"""The web editions: language, switcher, alternates, content, search, no
outside requests, and axe-core (WCAG 2.1 A/AA) on every page."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from browser import chromium, serve
from publication import facts
from publication.records import load_sections

pytestmark = pytest.mark.gate  # `make check` runs these on build/

LANGUAGES = facts.LANGUAGES
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.lang = None
        self.links = []  # (tag, attrs)
        self.ids = set()
        self.text = []
        self.description = None
        self._skip = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("a", "link", "script", "img", "iframe", "source"):
            self.links.append((tag, attrs))
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def plain_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang).glob("*.html"))


@pytest.fixture(scope="module")
def site(editions) -> Path:
    return editions / "html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_the_edition_language(site, lang):
    found = pages(site, lang)
    assert len(found) >= 8
    for path in found:
        page = Page(path)
        assert page.lang == lang, path
        assert page.description, f"{path}: no meta description"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_leads_to_the_same_page_in_each_edition(site, lang):
    for path in pages(site, lang):
        page = Page(path)
        switcher = {a["hreflang"]: a["href"] for tag, a in page.links if tag == "a" and "hreflang" in a}
        assert set(switcher) == set(LANGUAGES), path
        for other, href in switcher.items():
            target = (path.parent / href).resolve()
            assert target == (site / other / path.name).resolve(), (path, href)
            assert target.exists(), (path, href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_recommendation_is_on_its_page_with_its_anchor(site, lang):
    for section in load_sections(lang, site.parent / "records"):
        page = Page(site / lang / f"{section.page}.html")
        text = page.plain_text
        assert section.title in text
        assert section.lead in text
        for rec in section.recommendations:
            assert rec.anchor in page.ids, (section.page, rec.id)
            assert f"{rec.id} {rec.text}" in text, (section.page, rec.id)


def test_anchors_are_the_same_in_every_language(site):
    def anchors(lang):
        return {p.name: sorted(i for i in Page(p).ids if i.startswith("rec-")) for p in pages(site, lang)}

    reference = anchors(facts.SOURCE_LANGUAGE)
    assert sum(len(v) for v in reference.values()) == 25
    for lang in LANGUAGES:
        assert anchors(lang) == reference


def test_root_page_offers_every_edition(site):
    page = Page(site / "index.html")
    hrefs = {a["href"] for tag, a in page.links if tag == "a"}
    assert hrefs == {f"{lang}/index.html" for lang in LANGUAGES}
    for href in hrefs:
        assert (site / href).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_stems_in_the_edition_language(site, lang):
    stemmers = {"fi": "FinnishStemmer", "sv": "SwedishStemmer", "en": "Stemmer"}
    data = (site / lang / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert stemmers[lang] in data
    options = (site / lang / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert re.search(rf"LANGUAGE:\s*'{lang}'", options)


def all_pages(site: Path) -> list[str]:
    return ["index.html"] + [f"{lang}/{p.name}" for lang in LANGUAGES for p in pages(site, lang)]


@pytest.fixture(scope="module")
def browser_report(site):
    """Load every page once in Chromium: axe-core results and every request."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report = {}
    with serve(site) as base, chromium() as browser:
        context = browser.new_context()
        for name in all_pages(site):
            page = context.new_page()
            requests = []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            responses = []
            page.on("response", lambda response, seen=responses: seen.append((response.status, response.url)))
            page.goto(urljoin(base, name), wait_until="networkidle")
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            report[name] = (result, requests, responses, base)
            page.close()
    return report


def test_axe_finds_no_wcag_violations_on_any_page(browser_report):
    failures = {name: result.generate_report() for name, (result, *_rest) in browser_report.items()
                if result.violations_count}
    assert not failures, "\n\n".join(f"{name}:\n{text}" for name, text in failures.items())


def test_no_request_leaves_the_site(browser_report):
    for name, (_result, requests, responses, base) in browser_report.items():
        outside = [url for url in requests if not url.startswith(base) and urlparse(url).scheme not in ("data", "blob")]
        assert not outside, (name, outside)
        failed = [(status, url) for status, url in responses if status >= 400]
        assert not failed, (name, failed)


def test_without_base_url_there_are_no_relative_alternates(site):
    page = (site / "sv" / "principle-2.html").read_text(encoding="utf-8")
    assert 'rel="alternate"' not in page
    assert 'rel="alternate"' not in (site / "index.html").read_text(encoding="utf-8")
