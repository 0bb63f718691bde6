"""The A4 PDF of each edition (publication/pdf.py: Sphinx singlehtml + WeasyPrint).

Uses the session fixture ``editions`` (tests/conftest.py): the build folder,
with the PDFs in ``pdf/<NAME>-<lang>.pdf``. Expected text comes from the
source and the catalogs (publication.content), never from this file.
"""

import re
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from publication import facts
from publication.catalogs import translator
from publication.records import load_sections

pytestmark = [pytest.mark.parametrize("lang", facts.LANGUAGES), pytest.mark.gate]

A4 = (595.276, 841.890)  # points
FOOTER_HEIGHT = 28 / 25.4 * 72  # the bottom page margin of print.css (28 mm)

# What a line break can leave in extracted text: soft hyphens, the hyphen
# WeasyPrint draws at a break (pdfium reports it as U+FFFE or U+0002), and
# the line break itself. Both sides of a comparison lose them, and every other
# hyphen-like character, with all whitespace.
_DROPPED = re.compile(r"[\s\u00ad\u2010\u2011\ufffe\u0002-]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201d": '"', "\u201c": '"', "\u201e": '"'})


def squeezed(text: str) -> str:
    """Text without whitespace and hyphens, typographic quotes made plain
    (Sphinx's smartquotes may change ASCII ones)."""
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    return _DROPPED.sub("", text.translate(_QUOTES))


def spaced(text: str) -> str:
    """Text with soft hyphens dropped and whitespace made single spaces."""
    return " ".join(text.replace("\u00ad", "").split())


def pdf_path(editions: Path, lang: str) -> Path:
    path = Path(editions) / "pdf" / f"{facts.NAME}-{lang}.pdf"
    assert path.is_file(), f"no PDF for {lang!r}: {path}"
    return path


@lru_cache(maxsize=None)
def _reader(path: str) -> PdfReader:
    return PdfReader(path)


@lru_cache(maxsize=None)
def _texts(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(text of each page, text of each page's bottom margin), by pdfium."""
    document = pdfium.PdfDocument(path)
    try:
        pages, footers = [], []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            footers.append(textpage.get_text_bounded(bottom=0, top=FOOTER_HEIGHT))
            textpage.close()
            page.close()
        return tuple(pages), tuple(footers)
    finally:
        document.close()


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def _fonts(reader: PdfReader):
    """Every font dictionary used by the pages, their form XObjects and annotations."""
    seen, fonts = set(), []

    def resources(res):
        if isinstance(res, IndirectObject):
            if res.idnum in seen:
                return
            seen.add(res.idnum)
        res = res.get_object() if res is not None else None
        if not res:
            return
        for font in (res.get("/Font") or {}).values():
            fonts.append(font.get_object())
        for xobject in (res.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                resources(xobject.raw_get("/Resources"))

    for page in reader.pages:
        resources(page.raw_get("/Resources") if "/Resources" in page else None)
        for annotation in page.get("/Annots") or []:
            for appearance in (annotation.get_object().get("/AP") or {}).values():
                appearance = appearance.get_object()
                if "/Resources" in appearance:
                    resources(appearance.raw_get("/Resources"))
    return fonts


# -- Structure and metadata -----------------------------------------------------------

def test_tagged_pdf_ua(editions, lang):
    reader = _reader(str(pdf_path(editions, lang)))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/StructTreeRoot"].get_object().get("/K") is not None
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp and b"part" in xmp


def test_language(editions, lang):
    root = _reader(str(pdf_path(editions, lang))).trailer["/Root"]
    assert root["/Lang"] == lang


def test_title_metadata(editions, lang):
    reader = _reader(str(pdf_path(editions, lang)))
    title = translator(lang)(facts.TITLE)
    assert reader.metadata.title == title
    assert reader.metadata.author == translator(lang)(facts.PUBLISHER)
    # PDF/UA: viewers show the title, not the file name.
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def test_every_font_embedded(editions, lang):
    fonts = _fonts(_reader(str(pdf_path(editions, lang))))
    assert fonts
    for font in fonts:
        if font.get("/Subtype") == "/Type3":
            continue  # glyphs drawn by the PDF itself
        if "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        else:
            descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), \
            f"{font.get('/BaseFont')} is not embedded"


def test_text_is_set_in_atkinson_hyperlegible(editions, lang):
    """No fallback font: a character missing from Atkinson Hyperlegible (as
    U+2010, WeasyPrint's default hyphen, once was) would pull one in."""
    names = {str(font.get("/BaseFont")) for font in _fonts(_reader(str(pdf_path(editions, lang))))}
    strangers = {n for n in names if "Atkinson-Hyperlegible" not in n}
    assert not strangers


def test_a4_pages(editions, lang):
    reader = _reader(str(pdf_path(editions, lang)))
    assert len(reader.pages) > 2
    for number, page in enumerate(reader.pages, 1):
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5), f"page {number}"


# -- Bookmarks and contents ------------------------------------------------------------

def test_bookmarks_name_each_section(editions, lang):
    outline = _outline(_reader(str(pdf_path(editions, lang))))
    assert outline, "no bookmarks"
    titles = [spaced(title) for _, title, _ in outline]
    for section in load_sections(lang, editions / "records"):
        assert spaced(section.title) in titles
    # Each handbook page is a top-level bookmark and starts a page of its own.
    top = [(title, page) for depth, title, page in outline if depth == 0]
    pages = [page for _, page in top]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    # No bookmark for the cover.
    assert all(page > 0 for _, _, page in outline)


def test_contents_give_page_numbers(editions, lang):
    path = str(pdf_path(editions, lang))
    pages, _ = _texts(path)
    bookmark_page = {spaced(title): page for _, title, page in _outline(_reader(path))}
    contents = spaced(pages[1])
    for section in load_sections(lang, editions / "records"):
        title = spaced(section.title)
        match = re.search(re.escape(title) + r"[\s.]*?(\d+)", contents)
        assert match, f"{title!r} is not in the contents"
        assert int(match.group(1)) == bookmark_page[title] + 1, title


# -- Text --------------------------------------------------------------------------

def test_every_recommendation_with_its_id(editions, lang):
    pages, _ = _texts(str(pdf_path(editions, lang)))
    text = squeezed("".join(pages))
    for section in load_sections(lang, editions / "records"):
        assert squeezed(section.title) in text
        for recommendation in section.recommendations:
            assert squeezed(f"{recommendation.id} {recommendation.text}") in text, \
                f"recommendation {recommendation.id} is missing or differs"


def test_page_numbers_in_footer(editions, lang):
    _, footers = _texts(str(pdf_path(editions, lang)))
    for index, footer in enumerate(footers[1:], 1):  # the cover has none
        assert str(index + 1) in footer.split(), f"page {index + 1}: footer {footer!r}"
