"""The print-shop posters (build/posters/<lang>/print/): what an offset shop's
PDF/X-4 preflight looks for.

The posters are built by the CLI's own main() and read back with pikepdf
(objects, content streams, output intent, XMP), pdfplumber (the colour of
each character and shape) and pypdfium2 (pixels); the embedded profile is
read with Pillow's ImageCms (LittleCMS).
"""

import io
import math
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageCms, ImageFilter

import build_posters
from conftest import ROOT, run
from publication import colour, design, facts, records

LANGS = facts.LANGUAGES
EXAMPLE_URL = "https://example.org/handbook/"
RGB_NAMES = {"/DeviceRGB", "/CalRGB"}
RGB_OPERATORS = {"rg", "RG"}


RECORDS: Path | None = None  # the records of the session's build


@pytest.fixture(autouse=True)
def _records(editions):
    global RECORDS
    RECORDS = editions / "records"


@pytest.fixture(scope="module")
def built(editions, tmp_path_factory) -> Path:
    """Office and print posters of every language, with QR codes."""
    out = tmp_path_factory.mktemp("print-shop")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_URL", EXAMPLE_URL)
        assert build_posters.main(["--variant", "both", "--out", str(out), "--records", str(editions / "records")]) == 0
    return out


def print_files(out: Path) -> list[Path]:
    files = sorted(out.glob("*/print/*.pdf"))
    assert len(files) == len(LANGS) * len(facts.SECTION_PAGES)
    return files


def output_profile(pdf) -> bytes:
    (intent,) = pdf.Root.OutputIntents
    return intent.DestOutputProfile.read_bytes()


# -- PDF/X-4 ---------------------------------------------------------------------------------

def test_output_intent_is_fogra39_with_an_embedded_cmyk_profile(built):
    for path in print_files(built):
        with pikepdf.open(path) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert intent.Type == pikepdf.Name.OutputIntent
            assert intent.S == pikepdf.Name.GTS_PDFX
            assert str(intent.OutputConditionIdentifier) == "FOGRA39"
            assert int(intent.DestOutputProfile.N) == 4
            data = output_profile(pdf)
            assert data[36:40] == b"acsp" and data[12:16] == b"prtr" and data[16:20] == b"CMYK"
            profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
            assert "FOGRA39" in ImageCms.getProfileDescription(profile)


def test_pdfx_version_trapped_and_xmp(built):
    for path in print_files(built):
        with pikepdf.open(path) as pdf:
            info = pdf.docinfo
            assert str(info.GTS_PDFXVersion) == "PDF/X-4"
            assert info.Trapped == pikepdf.Name("/False")
            assert pdf.pdf_version <= "1.6"  # PDF/X-4 is based on PDF 1.6
            meta = pdf.open_metadata()
            assert meta.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
            assert meta.get("pdf:Trapped") == "False"
            assert meta.get("dc:title") == str(info.Title)
            for key in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmp:CreateDate",
                        "xmp:ModifyDate"):
                assert meta.get(key), (path.name, key)


def test_trim_box_inside_bleed_box_inside_media_box(built):
    for path in print_files(built):
        with pikepdf.open(path) as pdf:
            for pdf_page in pdf.pages:
                media, bleed, trim = ([float(v) for v in pdf_page.obj[key]]
                                      for key in ("/MediaBox", "/BleedBox", "/TrimBox"))
                assert media[0] <= bleed[0] < trim[0] and media[1] <= bleed[1] < trim[1]
                assert trim[2] < bleed[2] <= media[2] and trim[3] < bleed[3] <= media[3]


def names_in(obj, seen=None):
    """Every name in an object, its dictionaries and arrays (and streams'
    dictionaries), following references once."""
    seen = set() if seen is None else seen
    if isinstance(obj, pikepdf.Name):
        yield str(obj)
    elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
        if obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            items = list(obj)
        else:
            items = [pikepdf.Name(k) for k in obj.keys()] + [obj[k] for k in obj.keys()]
        for item in items:
            yield from names_in(item, seen)


def test_no_rgb_anywhere(built):
    for path in print_files(built):
        with pikepdf.open(path) as pdf:
            assert not RGB_NAMES & set(names_in(pdf.trailer)), path.name
            for obj in pdf.objects:  # also objects nothing refers to
                assert not RGB_NAMES & set(names_in(obj)), (path.name, obj.objgen)
                if isinstance(obj, pikepdf.Array) and len(obj) == 2 and obj[0] == pikepdf.Name.ICCBased:
                    assert int(obj[1].N) == 4, "an ICC colour space that is not CMYK"
            for pdf_page in pdf.pages:
                operators = {str(op.operator) for op in pikepdf.parse_content_stream(pdf_page)}
                assert not operators & RGB_OPERATORS, path.name
                assert not operators & {"cs", "CS", "sc", "scn", "SC", "SCN", "BI", "Do"}, path.name
                assert "k" in operators


def test_the_checks_find_rgb(built, tmp_path):
    """The RGB check can fail: an office poster (sRGB) does not pass it."""
    office = next(built.glob("*/00-*.pdf"))
    with pikepdf.open(office) as pdf:
        operators = {str(op.operator) for op in pikepdf.parse_content_stream(pdf.pages[0])}
    assert operators & RGB_OPERATORS


def test_every_font_is_embedded(built):
    for path in print_files(built):
        with pikepdf.open(path) as pdf:
            fonts = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                     and obj.get("/Type") == pikepdf.Name.Font]
            assert fonts
            for font in fonts:
                descendants = font.DescendantFonts if "/DescendantFonts" in font else [font]
                for described in descendants:
                    descriptor = described.FontDescriptor
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), str(font.BaseFont)


# -- colours ---------------------------------------------------------------------------------------

def lab(image: Image.Image, profile) -> tuple[float, float, float]:
    transform = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB", 5000), image.mode, "LAB",
                                        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    l, a, b = ImageCms.applyTransform(image, transform).getpixel((0, 0))
    return l * 100 / 255, a - 128, b - 128


def delta_e(srgb: str, cmyk, profile) -> float:
    """CIE76 colour difference between an sRGB colour and a CMYK colour
    printed under ``profile``."""
    rgb = Image.new("RGB", (1, 1), tuple(int(srgb[i:i + 2], 16) for i in (1, 3, 5)))
    ink = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    return math.dist(lab(rgb, ImageCms.createProfile("sRGB")), lab(ink, profile))


def test_colours_are_ink_black_or_the_section_colour(built):
    """Body text and QR code in black ink alone, white text as no ink, the
    band in a CMYK colour that prints close to the sRGB section colour
    (through the file's own output profile)."""
    for lang in LANGS:
        for section in records.load_sections(lang, RECORDS):
            path = built / lang / "print" / f"{section.number:02d}-{section.page}.pdf"
            with pdfplumber.open(path) as pdf:
                page = pdf.pages[0]
                chars, shapes = page.chars, [*page.rects, *page.curves, *page.lines]
                assert {c["ncs"] for c in chars} == {"DeviceCMYK"}
                colours = {tag: {tuple(c["non_stroking_color"]) for c in chars if c["tag"] == tag}
                           for tag in ("H1", "Lbl", "LBody", "P")}
                assert colours["H1"] == colours["Lbl"] == {(0, 0, 0, 0)}  # white: no ink
                assert colours["LBody"] == {(0, 0, 0, 1)}
                qr = {tuple(s["non_stroking_color"]) for s in shapes if s["tag"] == "Figure"}
                assert qr == {(0, 0, 0, 1)}
                band = max(page.rects, key=lambda r: r["width"] * r["height"])
                cmyk = tuple(band["non_stroking_color"])
                assert len(cmyk) == 4 and cmyk in colours["P"]  # the lead is in the section colour
                with pikepdf.open(path) as raw:
                    profile = ImageCms.ImageCmsProfile(io.BytesIO(output_profile(raw)))
                # Umber (#6B3A00) is outside FOGRA39's gamut: about 9 dE; the others 0.4-2.1.
                assert delta_e(design.section_colour(section.number), cmyk, profile) < 10, (lang, section.number)


def test_cmyk_tokens_are_what_the_profile_gives():
    """design.py's generated block is up to date with the committed profile
    (`python -m publication.colour tokens` rewrites it)."""
    numbers = sorted(design.SECTION_COLOURS)
    expected = colour.to_cmyk(design.SECTION_COLOURS[n] for n in numbers)
    assert [design.SECTION_COLOURS_CMYK[n] for n in numbers] == expected
    assert colour.token_block() in Path(design.__file__).read_text(encoding="utf-8")


# -- it looks like the office poster -------------------------------------------------------------------

def ink(image: Image.Image) -> Image.Image:
    """Where there is ink (anything darker than near-white): 255, else 0."""
    return image.convert("L").point(lambda v: 255 if v < 200 else 0)


def test_print_poster_is_the_office_poster_in_other_inks(built):
    """Cut to the trim box, the print poster has ink where the office poster
    has ink: the same text, badges, rule and QR code in the same places. Only
    the band differs near the edge, where it runs into the bleed. (The trim
    box does not start on a whole pixel: ink one pixel off is the same ink.)"""
    near = ImageFilter.MaxFilter(3)
    for lang in LANGS:
        for number, page_name in enumerate(facts.SECTION_PAGES):
            name = f"{number:02d}-{page_name}.pdf"
            with pikepdf.open(built / lang / "print" / name) as pdf:
                x0, _, _, y1 = (float(v) for v in pdf.pages[0].obj.TrimBox)
                top = float(pdf.pages[0].obj.MediaBox[3]) - y1
            office = ink(pypdfium2.PdfDocument(built / lang / name)[0].render().to_pil())
            printed = ink(pypdfium2.PdfDocument(built / lang / "print" / name)[0].render().to_pil())
            printed = printed.crop((round(x0), round(top), round(x0) + office.width, round(top) + office.height))
            inset = math.ceil(14 * 72 / 25.4)  # past the office poster's 12 mm frame around the band
            box = (inset, inset, office.width - inset, office.height - inset)
            office, printed = office.crop(box), printed.crop(box)
            only_office = ImageChops.subtract(office, printed.filter(near))
            only_print = ImageChops.subtract(printed, office.filter(near))
            differing = ImageChops.lighter(only_office, only_print).histogram()[255]
            assert differing <= 0.0005 * office.width * office.height, (lang, name, differing)
            assert office.histogram()[255] > 0.05 * office.width * office.height  # there is something to compare


# -- errors a user can cause ----------------------------------------------------------------------

def test_missing_profile_is_an_error_naming_the_file(fresh_copy, tmp_path):
    (fresh_copy / "publication" / "icc" / "FOGRA39L-argyll.icc").unlink()
    (fresh_copy / "build" / "cache").mkdir(parents=True)
    result = run(["build_posters.py", "--lang", "fi", "--section", "1", "--variant", "print", "--out",
                  str(tmp_path / "out"), "--records", str(RECORDS)], tmp_path / "build", cwd=fresh_copy, check=False)
    assert result.returncode == 1
    assert "FOGRA39L-argyll.icc" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_damaged_profile_is_an_error(fresh_copy, tmp_path):
    (fresh_copy / "publication" / "icc" / "FOGRA39L-argyll.icc").write_text("version https://git-lfs\n")
    result = run(["build_posters.py", "--lang", "fi", "--section", "1", "--variant", "print", "--out",
                  str(tmp_path / "out"), "--records", str(RECORDS)], tmp_path / "build", cwd=fresh_copy, check=False)
    assert result.returncode == 1
    assert re.search(r"FOGRA39L-argyll\.icc: not a CMYK output ICC profile", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_profile_is_documented():
    readme = (ROOT / "publication" / "icc" / "README.md").read_text(encoding="utf-8")
    assert "FOGRA39L-argyll.icc" in readme and "zlib" in readme and "colprof" in readme
