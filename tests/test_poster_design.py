"""The design goals of the posters and the checklist, measured on the built
PDFs read back with pdfplumber (characters with their font, size and box;
drawn rectangles and lines; annotations) and fontTools (the embedded font
programs): body sizes, how much of the room the body fills, one left edge,
line-end breaks, the plain zero, and the checklist's touch targets and
field padding. Expected text comes from the build's records.
"""

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.lib.units import mm

import build_checklist
import build_posters
from publication import design, facts, records

LANGS = facts.LANGUAGES
NUMBERS = range(len(facts.SECTION_PAGES))
PRINCIPLES = [n for n in NUMBERS if facts.SECTION_PAGES[n].startswith("principle")]
EXAMPLE_URL = "https://example.org/handbook/"
MIN_PRINCIPLE_BODY = 22  # pt
MIN_FILL = 0.80
MAX_BREAK_SHARE = 0.10
MIN_LETTERS = 3  # on each side of a line-end break inside a word
MIN_RADIO = 6 * mm
MIN_FIELD_PADDING = 1 * mm


RECORDS: Path | None = None  # the records of the session's build


@pytest.fixture(autouse=True)
def _records(editions):
    global RECORDS
    RECORDS = editions / "records"


@pytest.fixture(scope="module")
def poster_sets(editions, tmp_path_factory) -> dict[str, Path]:
    """Office posters of every language: the build's (no BASE_URL), and with BASE_URL."""
    out = tmp_path_factory.mktemp("design-qr")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_URL", EXAMPLE_URL)
        argv = ["--variant", "office", "--out", str(out), "--records", str(editions / "records")]
        assert build_posters.main(argv) == 0
    return {"plain": editions / "posters", "qr": out}


@pytest.fixture(scope="module")
def checklists(editions) -> Path:
    return editions / "checklist"


def poster_path(out: Path, lang: str, number: int) -> Path:
    return out / lang / f"{number:02d}-{facts.SECTION_PAGES[number]}.pdf"


def all_posters(poster_sets):
    for variant, out in poster_sets.items():
        for lang in LANGS:
            for number in NUMBERS:
                yield variant, lang, number, poster_path(out, lang, number)


@lru_cache(maxsize=None)
def sections(lang: str):
    return records.load_sections(lang, RECORDS)


def rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))


def same_colour(pdf_colour, colour: str) -> bool:
    values = tuple(pdf_colour or ())
    return len(values) == 3 and all(abs(a - b) < 0.01 for a, b in zip(values, rgb(colour)))


# -- reading a poster back ---------------------------------------------------------------

@dataclass
class Line:
    chars: list

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def baseline(self) -> float:  # from the top of the page, as pdfplumber counts
        return self.chars[0]["bottom"]

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    @property
    def bold(self) -> bool:
        return "Bold" in self.chars[0]["fontname"]


@dataclass
class Poster:
    """What a poster PDF shows, as pdfplumber reads it (y from the top)."""
    band_bottom: float
    rule_top: float
    title: list[Line]
    lead: list[Line]
    recommendations: list[tuple[str, list[Line]]]  # the ID, the lines of the text
    badges: list[float]  # x of each ID badge's left edge
    body_top: float
    body_bottom: float

    @property
    def room(self) -> float:
        return self.rule_top - self.band_bottom

    @property
    def fill(self) -> float:
        return (self.body_bottom - self.body_top) / self.room

    @property
    def paragraphs(self) -> list[list[Line]]:
        return [self.lead] + [lines for _, lines in self.recommendations]

    @property
    def body_sizes(self) -> set[float]:
        return {round(c["size"], 2) for lines in self.paragraphs for line in lines for c in line.chars}


def lines_of(chars) -> list[Line]:
    """Characters grouped into lines (one baseline), left to right."""
    rows: dict[float, list] = {}
    for c in chars:
        key = next((k for k in rows if abs(k - c["bottom"]) < 1), c["bottom"])
        rows.setdefault(key, []).append(c)
    lines = []
    for key in sorted(rows):
        row = sorted(rows[key], key=lambda c: c["x0"])
        lines.append(Line(row))
    return lines


@lru_cache(maxsize=None)
def read_poster(path: Path, number: int) -> Poster:
    colour = design.section_colour(number)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        band = max((r for r in page.rects if same_colour(r["non_stroking_color"], colour)),
                   key=lambda r: r["width"] * r["height"])
        rule = max(page.lines, key=lambda line: line["linewidth"])
        band_bottom, rule_top = band["bottom"], rule["top"] - rule["linewidth"] / 2
        title = lines_of([c for c in page.chars if c["bottom"] <= band_bottom])
        body_chars = [c for c in page.chars if band_bottom < c["top"] and c["bottom"] < rule_top]
        lead = lines_of([c for c in body_chars if same_colour(c["non_stroking_color"], colour)])
        lines = lines_of([c for c in body_chars if not same_colour(c["non_stroking_color"], colour)])
        # the badges: filled shapes in the section colour between band and rule
        badges = sorted({round(shape["x0"], 2) for shape in page.curves + page.rects
                         if same_colour(shape.get("non_stroking_color"), colour)
                         and band_bottom < shape["top"] and shape["bottom"] < rule_top})
    recommendations = []
    for line in lines:
        # A recommendation's first line starts with its ID (bold, white on the badge).
        head = [c for c in line.chars if "Bold" in c["fontname"]]
        if head:
            rest = Line([c for c in line.chars if "Bold" not in c["fontname"]])
            recommendations.append(("".join(c["text"] for c in head), [rest]))
        else:
            recommendations[-1][1].append(line)
    return Poster(band_bottom, rule_top, title, lead, recommendations, badges,
                  body_top=min(c["top"] for c in body_chars), body_bottom=max(c["bottom"] for c in body_chars))


# -- line ends ---------------------------------------------------------------------------------

LETTERS = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[str]:
    return text.split()


def breaks_of(lines: list[Line], source: str) -> list[str]:
    """How each line of a paragraph ends, checked against the source text:
    "" at a space or the end, "own" after a hyphen of the word itself
    ("substance-|free"), "added" with a hyphen added inside a word."""
    flat = " ".join(tokens(source))
    ends = []
    for line, following in zip(lines, lines[1:]):
        last, first = tokens(line.text)[-1], tokens(following.text)[0]
        if f"{last} {first}" in flat:
            ends.append("")
        elif last.endswith("-") and last + first in flat:
            ends.append("own")
        elif last.endswith("-") and last[:-1] + first in flat:
            ends.append("added")
        else:
            raise AssertionError(f"cannot follow {line.text!r} -> {following.text!r} through {source!r}")
    return ends + [""]


def paragraph_sources(lang: str, number: int) -> list[str]:
    section = sections(lang)[number]
    return [section.lead] + [r.text for r in section.recommendations]


def last_letters(word: str) -> int:
    runs = LETTERS.findall(word)
    return len(runs[-1]) if runs and LETTERS.search(word[-1:] or " ") else 0


def first_letters(word: str) -> int:
    match = LETTERS.match(word)
    return len(match.group(0)) if match else 0


# -- posters: size, fill, grid ---------------------------------------------------------------

def test_each_poster_has_one_body_size_and_principles_are_at_least_22_pt(poster_sets):
    sizes = {}
    for variant, lang, number, path in all_posters(poster_sets):
        poster = read_poster(path, number)
        assert len(poster.body_sizes) == 1, (variant, lang, number, poster.body_sizes)
        (size,) = poster.body_sizes
        assert 18 <= size <= 30, (variant, lang, number, size)
        if number in PRINCIPLES:
            assert size >= MIN_PRINCIPLE_BODY, (variant, lang, number, size)
        sizes.setdefault((variant, lang), []).append(size)
    # set for each poster's own text: not one size for all posters of a language
    assert all(len(set(s)) > 1 for s in sizes.values()), sizes


def test_body_fills_the_room_between_band_and_footer(poster_sets):
    for variant, lang, number, path in all_posters(poster_sets):
        poster = read_poster(path, number)
        assert poster.room > 200 * mm, (variant, lang, number, poster.room / mm)
        assert poster.fill >= MIN_FILL, (variant, lang, number, f"{poster.fill:.0%}")
        # and stays clear of both: at least 10 mm below the band and above the rule
        assert poster.body_top - poster.band_bottom >= 10 * mm
        assert poster.rule_top - poster.body_bottom >= 10 * mm


def test_one_grid_for_a_language(poster_sets):
    """Band height, footer rule and the left edge are the same on every
    poster of a language; only the body differs."""
    for variant, out in poster_sets.items():
        for lang in LANGS:
            posters = [read_poster(poster_path(out, lang, n), n) for n in NUMBERS]
            assert len({round(p.band_bottom, 1) for p in posters}) == 1, (variant, lang)
            assert len({round(p.rule_top, 1) for p in posters}) == 1, (variant, lang)
            assert len({round(p.title[0].size, 1) for p in posters}) == 1, (variant, lang)


def test_title_lead_and_badges_share_one_left_edge(poster_sets):
    for variant, lang, number, path in all_posters(poster_sets):
        poster = read_poster(path, number)
        edge = poster.title[0].x0
        assert abs(edge - 20 * mm) < 0.5, (variant, lang, number, edge / mm)
        for line in poster.title + poster.lead:
            assert line.x0 == pytest.approx(edge, abs=0.5), (variant, lang, number, line.text)
        assert len(poster.badges) == 1 and poster.badges[0] == pytest.approx(edge, abs=0.5), \
            (variant, lang, number, [b / mm for b in poster.badges])
        # nothing else of the body stands left of the edge (no lead bar in the margin)
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            marks = [s for s in page.rects + page.curves
                     if poster.band_bottom < s["top"] and s["bottom"] < poster.rule_top]
            assert all(s["x0"] >= edge - 0.5 for s in marks), (variant, lang, number)


# -- posters: line ends ---------------------------------------------------------------------

def test_line_end_breaks_follow_the_rules(poster_sets):
    """Where a word is broken at the end of a line: at least 3 letters on
    each side, never a hyphen added at the word's own one ("substance--"),
    never onto a paragraph's last line, and on at most 10 % of the lines."""
    for variant, lang, number, path in all_posters(poster_sets):
        poster = read_poster(path, number)
        sources = paragraph_sources(lang, number)
        assert len(poster.paragraphs) == len(sources), (variant, lang, number)
        lines = breaks = 0
        for paragraph, source in zip(poster.paragraphs, sources):
            ends = breaks_of(paragraph, source)
            lines += len(paragraph)
            for line, following, end in zip(paragraph, paragraph[1:], ends):
                text = line.text
                where = (variant, lang, number, text)
                if "--" in text:
                    assert "--" in source, where
                if not end:
                    continue
                breaks += 1
                last, first = tokens(text)[-1], tokens(following.text)[0]
                assert not last.endswith("--"), where
                assert last_letters(last[:-1]) >= MIN_LETTERS and first_letters(first) >= MIN_LETTERS, where
            if len(paragraph) > 1:
                assert not ends[-2], (variant, lang, number, "a fragment on the last line", paragraph[-1].text)
        assert breaks <= MAX_BREAK_SHARE * lines, (variant, lang, number, breaks, lines)


def test_no_recommendation_ends_with_one_word_alone(poster_sets):
    for variant, lang, number, path in all_posters(poster_sets):
        for paragraph in read_poster(path, number).paragraphs:
            if len(paragraph) > 1:
                assert len(tokens(paragraph[-1].text)) > 1, (variant, lang, number, paragraph[-1].text)


def test_breaks_are_read_back_correctly():
    """The helper above tells the three kinds of line end apart."""
    def line(text):
        return Line([{"text": c} for c in text])

    source = "a congregate, substance-free or decision-making home"
    ends = breaks_of([line("a congreg-"), line("ate, substance-"), line("free or decision-"),
                      line("making home")], source)
    assert ends == ["added", "own", "own", ""]
    assert breaks_of([line("sosiaali-"), line("ja terveyspalvelut")], "sosiaali- ja terveyspalvelut") == ["", ""]


# -- the zero --------------------------------------------------------------------------------

def embedded_fonts(path: Path):
    """(BaseFont, font program as a fontTools TTFont, {unicode: code}) of
    every font on every page."""
    reader = PdfReader(path)
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if font["/BaseFont"] in seen:
                continue
            seen.add(font["/BaseFont"])
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            program = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_data()))
            to_unicode = font["/ToUnicode"].get_data().decode("latin-1")
            codes = {}
            for block in re.findall(r"beginbfchar(.*?)endbfchar", to_unicode, re.S):
                for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    codes[chr(int(text, 16))] = int(code, 16)
            yield str(font["/BaseFont"]), program, codes


def contours(program: TTFont, glyph: str) -> int:
    pen = RecordingPen()
    program.getGlyphSet()[glyph].draw(pen)
    return sum(1 for operator, _ in pen.value if operator == "closePath")


def check_plain_zero(path: Path) -> int:
    """Every embedded font is the derived one, and its "0" is a glyph of two
    contours (outline and counter), not the slashed zero's three. Returns how
    many fonts carry a zero."""
    with_zero = 0
    for name, program, codes in embedded_fonts(path):
        assert "AtkinsonHyperlegiblePlainZero" in name, (path.name, name)
        if "0" not in codes:
            continue
        with_zero += 1
        glyph = program["cmap"].tables[0].cmap[codes["0"]]
        assert contours(program, glyph) == 2, (path.name, name, glyph)
        if "O" in codes:  # and it is not the letter O
            assert program["cmap"].tables[0].cmap[codes["O"]] != glyph
    return with_zero


def test_posters_print_a_plain_zero(poster_sets):
    for variant, lang, number, path in all_posters(poster_sets):
        # the IDs (bold) and "2025", "4.0" (regular): both fonts carry a zero
        assert check_plain_zero(path) >= 2, (variant, lang, number)


def test_checklist_prints_a_plain_zero(checklists):
    for lang in LANGS:
        assert check_plain_zero(checklists / f"{facts.NAME}-{lang}.pdf") >= 2, lang


def test_the_packaged_font_has_a_slashed_zero():
    """Why the derived font exists: the packaged one's zero has a slash (three
    contours), and no plain alternate among its glyphs."""
    from publication import fonts

    for file in fonts.FILES.values():
        original = TTFont(fonts.font_dir() / file)
        zero = original.getBestCmap()[0x30]
        assert contours(original, zero) == 3, file
        derived = TTFont(io.BytesIO(fonts.plain_zero_font(fonts.font_dir() / file)))
        assert derived.getBestCmap()[0x30] == fonts.PLAIN_ZERO
        assert contours(derived, fonts.PLAIN_ZERO) == 2
        assert derived["hmtx"][fonts.PLAIN_ZERO][0] == original["hmtx"][zero][0]  # same width: nothing reflows
        assert derived["name"].getDebugName(1) == fonts.DERIVED_FAMILY
        assert fonts.plain_zero_font(fonts.font_dir() / file) == fonts._derive.__wrapped__(
            str(fonts.font_dir() / file), 0, 0), "the same bytes every time"


# -- checklist: touch targets and padding ------------------------------------------------------

def widgets(path: Path):
    reader = PdfReader(path)
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            field = annot.get("/Parent", annot)
            field = field.get_object() if hasattr(field, "get_object") else field
            yield index, annot, field


def test_radio_buttons_are_at_least_6_mm(checklists):
    for lang in LANGS:
        radios = 0
        for _, annot, field in widgets(checklists / f"{facts.NAME}-{lang}.pdf"):
            if field.get("/FT") != "/Btn":
                continue
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            assert x1 - x0 >= MIN_RADIO - 0.01 and y1 - y0 >= MIN_RADIO - 0.01, (lang, (x1 - x0) / mm)
            radios += 1
        assert radios == 4 * sum(len(s.recommendations) for s in sections(lang))


def test_radio_labels_stand_clear_of_the_next_circle(checklists):
    """Each label ends at least 6 mm before the next circle of its row."""
    for lang in LANGS:
        path = checklists / f"{facts.NAME}-{lang}.pdf"
        rows: dict[tuple[int, float], list[float]] = {}
        for index, annot, field in widgets(path):
            if field.get("/FT") == "/Btn":
                x0, y0, _, _ = (float(v) for v in annot["/Rect"])
                rows.setdefault((index, round(y0, 1)), []).append(x0)
        with pdfplumber.open(path) as pdf:
            for (index, y0), xs in rows.items():
                page = pdf.pages[index]
                y_top = page.height - y0 - MIN_RADIO
                chars = [c for c in page.chars if y_top - 2 <= c["top"] and c["bottom"] <= page.height - y0 + 2]
                xs = sorted(xs)
                for circle, following in zip(xs, xs[1:]):
                    label = [c for c in chars if circle < c["x0"] < following]
                    assert label, (lang, index, circle)
                    assert following - max(c["x1"] for c in label) >= 6 * mm - 0.5, (lang, index, circle)


def test_text_fields_sit_inside_a_frame_with_padding(checklists):
    for lang in LANGS:
        path = checklists / f"{facts.NAME}-{lang}.pdf"
        with pdfplumber.open(path) as pdf:
            frames = {i: [r for r in page.rects if r["stroke"]] for i, page in enumerate(pdf.pages)}
        count = 0
        for index, annot, field in widgets(path):
            if field.get("/FT") != "/Tx":
                continue
            count += 1
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            # no border of the field's own, which typed text would run into
            assert "/BS" not in annot or float(annot["/BS"].get("/W", 1)) == 0, (lang, field["/T"])
            assert "/BC" not in annot.get("/MK", {}), (lang, field["/T"])
            around = [r for r in frames[index] if r["x0"] < x0 and r["y0"] < y0 and x1 < r["x1"] and y1 < r["y1"]]
            assert around, (lang, field["/T"], "no frame drawn around the field")
            frame = min(around, key=lambda r: r["width"] * r["height"])
            inner = frame["linewidth"] / 2  # from the frame's line to the inside of its stroke
            padding = min(x0 - frame["x0"], y0 - frame["y0"], frame["x1"] - x1, frame["y1"] - y1) - inner
            assert padding >= MIN_FIELD_PADDING, (lang, field["/T"], padding / mm)
        assert count == 3 + 1 + sum(len(s.recommendations) for s in sections(lang))


def test_a_broken_font_file_is_named(tmp_path):
    from publication import fonts

    for file in fonts.FILES.values():
        (tmp_path / file).write_bytes(b"not a font")
    with pytest.raises(fonts.FontError, match=r"AtkinsonHyperlegible-Regular\.ttf: cannot be used as a TrueType"):
        fonts.register(tmp_path)
