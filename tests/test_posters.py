"""The A3 posters (build_posters.py, publication/posters/).

The posters of every language are those of the session's build (`make all`,
conftest.py); the tests read them back with pypdf (boxes,
fonts, metadata, text), pypdfium2 (pixels) and zxing-cpp (QR codes). Expected
text always comes from the records of the build (publication.records), never
from this file.
"""

import io
import math
import re
from functools import lru_cache
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ImageChops
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

import build_posters
from conftest import ROOT, make_in
from publication import design, facts, fonts, records
from publication.posters import draw, layout, read_edition
from publication.records import Recommendation, Section

LANGS = facts.LANGUAGES
NUMBERS = range(len(facts.SECTION_PAGES))
A3 = (297 * mm, 420 * mm)
A4 = (210 * mm, 297 * mm)
EXAMPLE_URL = "https://example.org/handbook/"
SCALE = 0.5  # 36 dpi: enough to see every mark, quick to render


RECORDS: Path | None = None  # the records of the session's build


@pytest.fixture(autouse=True)
def _records(editions):
    global RECORDS
    RECORDS = editions / "records"


def build(argv) -> int:
    """build_posters.py's main() on the records of the session's build."""
    argv = [str(a) for a in argv]
    return build_posters.main(argv if "--records" in argv or "--help" in argv else [*argv, "--records", str(RECORDS)])


@pytest.fixture(scope="session")
def posters(editions) -> Path:
    """All posters of all languages, as `make all` built them (no BASE_URL)."""
    return editions / "posters"


@pytest.fixture(scope="session")
def qr_posters(editions, tmp_path_factory) -> Path:
    """The office posters of all languages with BASE_URL set."""
    out = tmp_path_factory.mktemp("qr-posters")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_URL", EXAMPLE_URL)
        assert build_posters.main(["--variant", "office", "--out", str(out),
                                   "--records", str(editions / "records")]) == 0
    return out


def sections(lang):
    return records.load_sections(lang, RECORDS)


def poster_path(out: Path, lang: str, number: int, variant: str = "office") -> Path:
    name = f"{number:02d}-{facts.SECTION_PAGES[number]}.pdf"
    return out / lang / name if variant == "office" else out / lang / variant / name


def squash(text: str) -> str:
    """Text without whitespace and hyphens: line breaks and hyphenation
    differ between the poster and the source, the letters do not."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def page_text(path: Path, page: int = 0) -> str:
    return PdfReader(path).pages[page].extract_text()


@lru_cache(maxsize=None)
def render(path: str, scale: float = SCALE):
    return pypdfium2.PdfDocument(path)[0].render(scale=scale).to_pil().convert("RGB")


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def ring(image, near: float, far: float):
    """Crops of the pixels between ``near`` and ``far`` points from the page
    edge (one pixel kept clear of each boundary for anti-aliasing)."""
    w, h = image.size
    a = 0 if near == 0 else math.ceil(near * SCALE) + 1
    b = math.floor(far * SCALE) - 1
    boxes = [(a, a, w - a, b), (a, h - b, w - a, h - a), (a, a, b, h - a), (w - b, a, w - a, h - a)]
    return [image.crop(box) for box in boxes]


def pixels(image):
    return image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata()


def is_white(pixel) -> bool:
    return min(pixel) >= 245


def near(pixel, colour, tolerance=10) -> bool:
    return all(abs(p - c) <= tolerance for p, c in zip(pixel, colour))


# -- files, pages, boxes ---------------------------------------------------------

def test_every_poster_is_written(posters):
    for lang in LANGS:
        expected = {f"{n:02d}-{page}.pdf" for n, page in enumerate(facts.SECTION_PAGES)}
        assert {p.name for p in (posters / lang).glob("*.pdf")} == expected | {"all.pdf"}
        assert {p.name for p in (posters / lang / "print").glob("*.pdf")} == expected
        assert {p.name for p in (posters / lang / "a4").glob("*.pdf")} == expected
        assert not list(posters.rglob("*.tmp")), "temporary files left behind"


def test_file_names_follow_the_sections(posters):
    """NN-<page>.pdf: NN the section's number (its recommendations are NN.x),
    <page> the source page it comes from."""
    for lang in LANGS:
        names = sorted(p.name for p in (posters / lang).glob("[0-9]*.pdf"))
        assert len(names) == len(list((ROOT / "source").glob("principle-*.rst"))) + 1
        for name in names:
            number, page = re.fullmatch(r"(\d\d)-([a-z0-9-]+)\.pdf", name).groups()
            assert (ROOT / "source" / f"{page}.rst").is_file(), name
            text = page_text(posters / lang / name)
            assert re.search(rf"(^|\s){int(number)}\.1(\s|$)", text), (lang, name)
            assert f"{int(number)}.1" in (ROOT / "source" / f"{page}.rst").read_text(encoding="utf-8")


def test_office_poster_is_exactly_a3_one_page(posters):
    for lang in LANGS:
        for n in NUMBERS:
            reader = PdfReader(poster_path(posters, lang, n))
            assert len(reader.pages) == 1
            box = reader.pages[0].mediabox
            assert (float(box.left), float(box.bottom)) == (0, 0)
            assert float(box.width) == pytest.approx(A3[0], abs=0.01)
            assert float(box.height) == pytest.approx(A3[1], abs=0.01)


def test_a4_poster_is_exactly_a4_one_page(posters):
    for lang in LANGS:
        for n in NUMBERS:
            reader = PdfReader(poster_path(posters, lang, n, "a4"))
            assert len(reader.pages) == 1
            page = reader.pages[0]
            box = page.mediabox
            assert (float(box.left), float(box.bottom)) == (0, 0)
            assert float(box.width) == pytest.approx(A4[0], abs=0.01)
            assert float(box.height) == pytest.approx(A4[1], abs=0.01)
            assert "/TrimBox" not in page or page.trimbox == page.mediabox


def test_print_poster_has_trim_and_bleed_boxes(posters):
    for lang in LANGS:
        for n in NUMBERS:
            reader = PdfReader(poster_path(posters, lang, n, "print"))
            assert len(reader.pages) == 1
            page = reader.pages[0]
            trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
            assert float(trim.width) == pytest.approx(A3[0], abs=0.01)
            assert float(trim.height) == pytest.approx(A3[1], abs=0.01)
            for side in ("left", "bottom"):
                assert float(getattr(trim, side)) - float(getattr(bleed, side)) == pytest.approx(3 * mm, abs=0.01)
            for side in ("right", "top"):
                assert float(getattr(bleed, side)) - float(getattr(trim, side)) == pytest.approx(3 * mm, abs=0.01)
            # room for the crop marks outside the bleed
            assert float(bleed.left) - float(media.left) >= 5 * mm
            assert float(media.top) - float(bleed.top) >= 5 * mm


def test_all_pdf_holds_the_office_posters_in_order(posters):
    for lang in LANGS:
        reader = PdfReader(posters / lang / "all.pdf")
        assert len(reader.pages) == len(NUMBERS)
        for page, section in zip(reader.pages, sections(lang)):
            assert squash(section.title) in squash(page.extract_text())
            assert float(page.mediabox.width) == pytest.approx(A3[0], abs=0.01)


def test_posters_are_small(posters):
    # Speed is a `make bench` figure, not a timed test.
    sizes = [p.stat().st_size for p in posters.rglob("*.pdf")]
    assert len(sizes) == 48
    assert max(sizes) <= 300 * 1024


# -- fonts, metadata, text --------------------------------------------------------

def test_fonts_are_embedded_atkinson(posters):
    for path in [*posters.glob("*/*.pdf"), *posters.glob("*/print/*.pdf"), *posters.glob("*/a4/*.pdf")]:
        reader = PdfReader(path)
        for page in reader.pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                assert "AtkinsonHyperlegible" in font["/BaseFont"], (path, font["/BaseFont"])
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant["/FontDescriptor"], (path, font["/BaseFont"])


def test_metadata_and_language(posters):
    for lang in LANGS:
        record = records.load(lang, RECORDS)
        publication, publisher = record.publication, record.publisher
        for section in sections(lang):
            for variant in draw.VARIANTS:
                reader = PdfReader(poster_path(posters, lang, section.number, variant))
                info = reader.metadata
                assert info.title == section.title
                assert info.author == publisher
                assert publication in info.subject and facts.EDITION in info.subject
                assert section.title in info["/Keywords"]
                assert reader.trailer["/Root"]["/Lang"] == lang
        assert PdfReader(posters / lang / "all.pdf").trailer["/Root"]["/Lang"] == lang


def test_every_recommendation_is_on_its_poster(posters):
    for lang in LANGS:
        publication = records.load(lang, RECORDS).publication
        for section in sections(lang):
            for variant in draw.VARIANTS:
                text = page_text(poster_path(posters, lang, section.number, variant))
                flat = squash(text)
                assert squash(section.title) in flat
                assert squash(section.lead) in flat
                assert squash(publication) in flat and facts.EDITION in text
                for rec in section.recommendations:
                    assert re.search(rf"(^|\s){re.escape(rec.id)}(\s|$)", text), (lang, rec.id)
                    assert squash(rec.text) in flat, (lang, variant, rec.id)


def test_words_break_only_at_their_own_hyphens():
    """Poster text is not hyphenated (a word too long for its line moves
    whole); a word with a hyphen of its own may break after it, with no
    second hyphen added."""
    style = layout.style("body", 20, "fi", design.INK)
    paragraph = Paragraph(layout.markup("Asukas arviointiyksiköissä"), style)
    paragraph.wrap(200, 1000)
    assert layout.line_texts(paragraph) == ["Asukas", "arviointiyksiköissä"]
    paragraph = Paragraph(layout.markup("congregate, substance-free housing"), layout.style("body", 20, "en", design.INK))
    paragraph.wrap(230, 1000)
    assert layout.line_texts(paragraph) == ["congregate, substance-", "free housing"]


# -- geometry and pixels --------------------------------------------------------

def test_text_stays_inside_the_margins(posters):
    """Every character of every poster, read from the PDF, stands at least
    10 mm inside the paper (office, A4) or 5 mm inside the trim (print shop)."""
    import pdfplumber

    for lang in LANGS:
        for n in NUMBERS:
            for variant, inset in (("office", 10 * mm), ("a4", 10 * mm), ("print", 5 * mm)):
                with pdfplumber.open(poster_path(posters, lang, n, variant)) as pdf:
                    page = pdf.pages[0]
                    x0, top0, x1, bottom1 = (page.trimbox if variant == "print" and page.trimbox else page.bbox)
                    for char in page.chars:
                        if not char["text"].strip():
                            continue
                        assert char["x0"] >= x0 + inset and char["x1"] <= x1 - inset, (lang, n, variant, char["text"])
                        assert char["top"] >= top0 + inset and char["bottom"] <= bottom1 - inset, (lang, n, variant)


def test_office_margin_is_empty(posters):
    for lang in LANGS:
        for n in NUMBERS:
            image = render(str(poster_path(posters, lang, n)))
            for crop in ring(image, 0, 10 * mm):
                assert crop.convert("L").getextrema()[0] >= 250, (lang, n)


def test_a4_margin_is_empty(posters):
    for lang in LANGS:
        for n in NUMBERS:
            image = render(str(poster_path(posters, lang, n, "a4")))
            assert image.size == (round(A4[0] * SCALE), round(A4[1] * SCALE))
            for crop in ring(image, 0, 10 * mm):
                assert crop.convert("L").getextrema()[0] >= 250, (lang, n)


def test_a4_poster_is_the_office_poster_scaled(posters):
    """The same picture at 1/sqrt(2): the A4 page rendered at sqrt(2) times
    the resolution matches the A3 office poster, away from the band and the
    lead bar (which A4 keeps 10 mm from the edge)."""
    for lang in ("fi", "sv"):
        a3 = render(str(poster_path(posters, lang, 1)), 0.5)
        a4 = render(str(poster_path(posters, lang, 1, "a4")), 0.5 * math.sqrt(2))
        band_bottom = band_bottom_of(poster_path(posters, lang, 1))  # read from the PDF
        below_band = math.ceil(band_bottom * 0.5) + 2
        size = (min(a3.width, a4.width), min(a3.height, a4.height))
        box = (math.ceil(20 * mm * 0.5) - 2, below_band, size[0], size[1])
        diff = ImageChops.difference(a3.crop(box).convert("L"), a4.crop(box).convert("L"))
        differing = sum(1 for p in pixels(diff) if p > 96)
        assert differing <= 0.01 * diff.width * diff.height, (lang, differing)


def band_bottom_of(path: Path) -> float:
    """How far down from the top of the page the colour band reaches, from
    the PDF's filled rectangles (the widest one is the band)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        band = max((r for r in pdf.pages[0].rects if r.get("fill")), key=lambda r: r["width"])
        return band["bottom"]


def test_print_poster_bleeds_and_has_marks_only_outside(posters):
    zone = draw.MARK_ZONE
    for lang in LANGS:
        for section in sections(lang):
            image = render(str(poster_path(posters, lang, section.number, "print")))
            # The print poster is CMYK (test_print_shop.py checks its colours through
            # the output profile); the renderer's own CMYK -> RGB gives the band's
            # colour on screen, taken from the middle of the band 1 cm below the trim.
            colour = image.getpixel((image.width // 2, math.floor((zone + 10 * mm) * SCALE)))
            assert not is_white(colour)
            outside = ring(image, 0, zone - layout.BLEED)
            marks = 0
            for crop in outside:  # only neutral crop marks, no colour
                r, g, b = crop.split()
                for x, y in ((r, g), (g, b), (r, b)):
                    assert ImageChops.difference(x, y).getextrema()[1] <= 24, (lang, section.number)
                marks += sum(1 for p in pixels(crop) if not is_white(p))
            assert marks > 0, "crop marks missing"
            for near_mm, far_mm in ((zone - layout.BLEED, zone), (zone, zone + layout.SAFE)):
                for crop in ring(image, near_mm, far_mm):  # bleed, then the safe area inside the trim
                    bad = [p for p in pixels(crop) if not (is_white(p) or near(p, colour))]
                    assert not bad, (lang, section.number, bad[:3])
            # the band runs into the bleed at the top, left and right
            w, _ = image.size
            for x, y in ((w // 2, math.floor((zone - layout.BLEED) * SCALE) + 1),
                         (math.floor((zone - layout.BLEED) * SCALE) + 1, 60),
                         (w - math.floor((zone - layout.BLEED) * SCALE) - 2, 60)):
                assert near(image.getpixel((x, y)), colour), (lang, section.number, x, y)


# -- QR codes ----------------------------------------------------------------------

def test_qr_code_leads_to_the_section_page(qr_posters):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_URL", EXAMPLE_URL)
        for lang in LANGS:
            for section in sections(lang):
                assert section.url.startswith(EXAMPLE_URL)
                image = render(str(poster_path(qr_posters, lang, section.number)), 100 / 72)
                found = [code.text for code in zxingcpp.read_barcodes(image)]
                assert found == [section.url], (lang, section.number, found)
                assert section.url in page_text(poster_path(qr_posters, lang, section.number))


def test_no_qr_code_without_base_url(posters, capsys):
    for lang in LANGS:
        image = render(str(poster_path(posters, lang, 1)), 100 / 72)
        assert zxingcpp.read_barcodes(image) == []


def test_missing_base_url_is_reported_once(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("BASE_URL", raising=False)
    assert build(["--lang", "fi,sv", "--section", "1", "--variant", "office", "--out", tmp_path]) == 0
    captured = capsys.readouterr()
    assert (captured.out + captured.err).count("BASE_URL") == 1
    assert len(captured.out.strip().splitlines()) == 2  # one line per poster


# -- colours ---------------------------------------------------------------------------

def wcag_contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2.x contrast of two sRGB colours (0..1 channels), written out here
    from the specification, independent of the project's code."""
    def luminance(rgb):
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_wcag_contrast_of_known_pairs():
    assert wcag_contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    assert wcag_contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1)
    assert wcag_contrast((0x77 / 255,) * 3, (1, 1, 1)) == pytest.approx(4.48, abs=0.01)


def test_every_character_has_contrast_7_against_what_it_stands_on(posters):
    """Read from the PDFs: each character's fill colour against the colour of
    the filled shape under it (or the white paper)."""
    import pdfplumber

    for lang in LANGS:
        for n in NUMBERS:
            with pdfplumber.open(poster_path(posters, lang, n)) as pdf:
                page = pdf.pages[0]
                shapes = [r for r in page.rects + page.curves  # badges are rounded: curves
                          if r.get("fill") and len(r.get("non_stroking_color") or ()) == 3]
                for char in page.chars:
                    if not char["text"].strip():
                        continue
                    fg = tuple(char["non_stroking_color"])
                    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
                    under = [r for r in shapes if r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]]
                    bg = tuple(under[-1]["non_stroking_color"]) if under else (1, 1, 1)
                    assert wcag_contrast(fg, bg) >= 7, (lang, n, char["text"], fg, bg)


# -- reproducibility, escaping --------------------------------------------------------

def test_same_source_date_epoch_gives_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for run in ("a", "b"):
        assert build(["--lang", "fi,en", "--out", tmp_path / run]) == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.pdf"))
    assert len(files) == 32
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert PdfReader(tmp_path / "a" / files[0]).metadata["/CreationDate"].startswith("D:20231114")


def test_markup_characters_are_printed_as_text(tmp_path):
    text = 'R&D <b>not bold</b> "quoted" a<b & c>d &amp; ÅÄÖ åäö ž € – ’'
    section = Section(0, "structures", text, text, (Recommendation("0.1", text),), "en")
    posters = layout.lay_out([section], text, text)
    path = tmp_path / "escaped.pdf"
    path.write_bytes(draw.render(posters, draw.OFFICE, draw.Metadata(text, text, text, (text,), "en")))
    extracted = page_text(path)
    # title, lead, recommendation and the two footer lines
    assert squash(extracted).count(squash(text)) == 5, extracted
    assert "&amp; ÅÄÖ åäö ž" in extracted
    assert PdfReader(path).metadata.title == text


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_markup_keeps_any_text(text):
    paragraph = Paragraph(layout.markup(text), layout.style("body", 20, "en", design.INK))
    assert " ".join(paragraph.getPlainText().split()) == " ".join(text.split())


@given(title=st.text(max_size=60), lead=st.text(max_size=200),
       texts=st.lists(st.text(max_size=150), min_size=1, max_size=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_renders(title, lead, texts):
    recs = tuple(Recommendation(f"1.{i}", t) for i, t in enumerate(texts, 1))
    section = Section(1, "principle-1", title + '&<>"', lead, recs, "sv")
    posters = layout.lay_out([section], title, lead)
    data = draw.render(posters, draw.PRINT, draw.Metadata(title, lead, title, tuple(texts), "sv"))
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


# -- layout (pure) ------------------------------------------------------------------

def test_fit_body_size_takes_the_largest_size_that_fits_all():
    first, second = sections("fi")[:2]
    needs = {first.page: 30, second.page: 40}  # points per point of type size
    size = layout.fit_body_size([first, second], 40 * 21, needs=lambda s, z: needs[s.page] * z)
    assert size == 21
    assert layout.fit_body_size([first], 40 * 21, needs=lambda s, z: needs[s.page] * z) == 28


def test_fit_body_size_names_the_poster_that_does_not_fit():
    first, second = sections("sv")[:2]
    with pytest.raises(layout.TextTooLong, match=r"sv/01-principle-1\.pdf.*\(sv\)"):
        layout.fit_body_size([first, second], 1000, needs=lambda s, z: 10_000 if s is second else 10)


# -- errors --------------------------------------------------------------------------

def set_translation(project: Path, lang: str, rec_id: str, new_text) -> None:
    """Give recommendation ``rec_id`` a new translation in a copy of the catalogs."""
    number = int(rec_id.split(".")[0])
    page = facts.SECTION_PAGES[number]
    source_text = next(r.text for r in sections("fi")[number].recommendations if r.id == rec_id)
    path = project / "locale" / lang / "LC_MESSAGES" / f"{page}.po"
    with open(path, "rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.id and " ".join(str(m.id).split()) == source_text)
    message.string = new_text(message.string)
    with open(path, "wb") as f:
        write_po(f, catalog)


def test_too_long_translation_stops_and_keeps_the_old_poster(fresh_copy):
    assert make_in(fresh_copy, "posters", "sv").returncode == 0
    poster = poster_path(fresh_copy / "build" / "posters", "sv", 0)
    before = poster.read_bytes()
    # Three times as long: within what the catalogs accept, more than the poster holds.
    for rec_id in ("0.1", "0.2", "0.3", "0.4"):
        set_translation(fresh_copy, "sv", rec_id, lambda text: " ".join([text] * 3))
    result = make_in(fresh_copy, "posters", "sv")
    assert result.returncode != 0
    assert "sv/00-structures.pdf" in result.stderr and "(sv)" in result.stderr and "18 pt" in result.stderr
    assert "Traceback" not in result.stderr
    assert poster.read_bytes() == before
    assert not list((fresh_copy / "build" / "posters").rglob("*.tmp"))


def test_edited_translation_reaches_the_poster(fresh_copy):
    assert make_in(fresh_copy, "posters", "sv").returncode == 0
    poster = poster_path(fresh_copy / "build" / "posters", "sv", 2)
    before = poster.read_bytes()
    set_translation(fresh_copy, "sv", "2.2", lambda text: 'Ändrad rekommendation: R&D, 1 < 2 & 3 > 2.')
    assert make_in(fresh_copy, "posters", "sv").returncode == 0
    assert poster.read_bytes() != before
    assert squash('Ändrad rekommendation: R&D, 1 < 2 & 3 > 2.') in squash(page_text(poster))


def test_character_missing_from_the_font_is_an_error(fresh_copy):
    set_translation(fresh_copy, "en", "4.3", lambda text: text + " \u2713")
    result = make_in(fresh_copy, "posters", "en")
    assert result.returncode != 0
    # The catalogs refuse it before any output is made.
    assert re.search(r"locale/en/LC_MESSAGES/principle-4\.po:\d+: the font has no glyph for U\+2713", result.stderr)
    assert not (fresh_copy / "build" / "posters").exists()


def test_missing_font_is_named(tmp_path, monkeypatch, capsys):
    with pytest.raises(fonts.FontError, match="AtkinsonHyperlegible-Regular.ttf"):
        fonts.register(tmp_path)
    monkeypatch.setattr(fonts, "font_dir", lambda: tmp_path)
    assert build(["--lang", "fi", "--section", "0", "--out", tmp_path / "out"]) == 1
    error = capsys.readouterr().err
    assert "font file not found" in error and "AtkinsonHyperlegible-Regular.ttf" in error
    assert not (tmp_path / "out").exists()


def test_cli_help_and_bad_arguments(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        build(["--help"])
    assert exit_.value.code == 0
    assert "--variant" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        build(["--section", "7"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        build(["--lang", "xx", "--out", tmp_path])
    assert exit_.value.code == 2
    assert "unknown language 'xx'" in capsys.readouterr().err
