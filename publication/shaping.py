"""Text of complex scripts and right-to-left languages in the ReportLab
outputs (posters, checklist): shaped by HarfBuzz, ordered by the Unicode
bidirectional algorithm, broken into lines and drawn glyph by glyph.

ReportLab 5.1 has a route of its own (``Paragraph`` with ``shaping=1`` and
``wordWrap="RTL"``): its shaping calls uharfbuzz word by word, but its
ordering needs ``rlbidi``, ReportLab's binding of FriBiDi, which is not on
PyPI (only on ReportLab's own index), and without it ``rtlSupport`` is off
and right-to-left words are set left to right. So this module takes the
maintained libraries directly: ``uharfbuzz`` (HarfBuzz: joining forms, marks,
ligatures, mirrored brackets) and ``python-bidi`` (the bidirectional
algorithm, UAX #9: levels per character, lines reordered by rule L2). A
paragraph is broken at spaces (Arabic is not hyphenated), each line is cut
into runs of one embedding level, each run shaped in its direction, and the
runs placed in visual order; IDs and numbers ("1.2", "2016–2017") stay left
to right inside right-to-left text.

Drawing: ReportLab embeds TrueType subsets by character, so a shaped glyph is
drawn through the character its font maps to it, or, for a glyph no
character maps to (a medial form, a ligature), through a private-use code
point given to it in the font's ReportLab table (as ReportLab's own shaping
does). Each line is marked with ``/ActualText``: a screen reader, search and
copy get the line's text in logical order, not glyph codes in visual order.

:class:`ShapedParagraph` stands in for a ``Paragraph`` where the layouts use
one (``wrap``, ``drawOn``, ``style``, ``blPara`` with the lines' text).
"""

from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from . import design, languages

PRIVATE_USE = range(0xE000, 0xF900)  # the BMP's private use area (a ToUnicode entry holds one UTF-16 unit)


def needs_shaping(lang: str | None) -> bool:
    """True for a language whose text ReportLab cannot set alone: right to
    left, or a script whose letters change shape (Arabic)."""
    if lang is None:
        return False
    language = languages.get(lang)
    return language.rtl or language.script in COMPLEX_SCRIPTS


COMPLEX_SCRIPTS = frozenset({"Arab", "Syrc", "Thaa", "Nkoo", "Hebr", "Deva", "Beng", "Thai", "Khmr", "Mymr", "Ethi"})


# -- fonts -----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _hb_font(name: str):
    """HarfBuzz's font for a ReportLab font name (units: font units)."""
    import uharfbuzz as hb

    from . import fonts

    face = hb.Face(hb.Blob(fonts.font_data(name)))
    font = hb.Font(face)
    return font, face.upem


def _reportlab_font(name: str):
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(name)


_next_private: dict[str, int] = {}


def glyph_character(name: str, gid: int) -> int:
    """The code point through which ReportLab draws glyph ``gid`` of font
    ``name``: a character the font maps to it, else a private-use code point
    given to it here (once per font and glyph; one the font does not map)."""
    font = _reportlab_font(name)
    face = font.face
    chars = face.glyphToChar.get(gid)
    if chars:
        return min(chars)
    code = _next_private.get(name, PRIVATE_USE.start)
    while code in face.charToGlyph:
        code += 1
    if code not in PRIVATE_USE:
        raise ValueError(f"{name}: more unmapped glyphs than private-use code points")
    _next_private[name] = code + 1
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    hb_font, upem = _hb_font(name)
    face.charWidths[code] = round(hb_font.get_glyph_h_advance(gid) * 1000 / upem)
    return code


# -- shaping and order -------------------------------------------------------------------------

@dataclass(frozen=True)
class Glyph:
    """A shaped glyph in visual order: font units, pen-relative offsets."""
    gid: int
    cluster: int  # index of its first character in the line's text
    advance: int
    x_offset: int
    y_offset: int


@lru_cache(maxsize=4096)
def shape(text: str, name: str, rtl: bool, lang: str | None = None) -> tuple[Glyph, ...]:
    """HarfBuzz's glyphs of one run of ``text`` (one direction), in visual order."""
    import uharfbuzz as hb

    font, _ = _hb_font(name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    if lang:
        buffer.language = lang
    hb.shape(font, buffer, {"kern": True, "liga": True})
    return tuple(Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
                 for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions))


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of a paragraph (UAX #9
    up to rule I2), its base direction given (the edition's). Characters the
    algorithm sets aside (rule X9: joiners, bidi controls) take the level of
    the character before them."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    resolved = storage["chars"]
    levels, index = [], 0
    for character in text:
        if index < len(resolved) and resolved[index]["ch"] == character:
            levels.append(resolved[index]["level"])
            index += 1
        else:
            levels.append(levels[-1] if levels else storage["base_level"])
    return levels


def visual_runs(levels: list[int], start: int, end: int, base: int) -> list[tuple[int, int, int]]:
    """The runs (start, end, level) of ``levels[start:end]`` in visual order,
    left to right (rule L2: from the highest level to the lowest odd one,
    reverse every sequence at that level or above). White space at the end of
    the line takes the paragraph's level (rule L1)."""
    line = list(levels[start:end])
    runs = []
    for offset, level in enumerate(line):
        if runs and runs[-1][2] == level:
            runs[-1][1] = start + offset + 1
        else:
            runs.append([start + offset, start + offset + 1, level])
    highest = max((r[2] for r in runs), default=base)
    lowest_odd = min((r[2] for r in runs if r[2] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index][2] >= level:
                stop = index
                while stop < len(runs) and runs[stop][2] >= level:
                    stop += 1
                runs[index:stop] = reversed(runs[index:stop])
                index = stop
            else:
                index += 1
    return [tuple(r) for r in runs]


def line_glyphs(text: str, levels: list[int], start: int, end: int, name: str, rtl: bool,
                lang: str | None) -> list[Glyph]:
    """The glyphs of ``text[start:end]`` (one line) in visual order, left to
    right; clusters index ``text``."""
    glyphs = []
    for run_start, run_end, level in visual_runs(levels, start, end, 1 if rtl else 0):
        for glyph in shape(text[run_start:run_end], name, bool(level % 2), lang):
            glyphs.append(Glyph(glyph.gid, glyph.cluster + run_start, glyph.advance, glyph.x_offset,
                                glyph.y_offset))
    return glyphs


def text_width(text: str, name: str, size: float, lang: str | None = None) -> float:
    """The width in points of ``text`` set in one line."""
    rtl = design.direction(lang) == "rtl"
    levels = embedding_levels(text, rtl)
    _, upem = _hb_font(name)
    return sum(g.advance for g in line_glyphs(text, levels, 0, len(text), name, rtl, lang)) * size / upem


# -- drawing -----------------------------------------------------------------------------------

def _pdf_text(text: str) -> str:
    """A PDF text string (UTF-16BE with its byte order mark) in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw_glyphs(canvas, glyphs, name: str, size: float, x: float, baseline: float, actual_text: str) -> None:
    """Glyphs (visual order) from ``x`` on ``baseline``, in the canvas's fill
    colour, marked with the text they stand for."""
    from reportlab.lib.rl_accel import fp_str

    font = _reportlab_font(name)
    _, upem = _hb_font(name)
    scale = size / upem
    doc = canvas._doc
    operations = [f"/Span <</ActualText {_pdf_text(actual_text)}>> BDC", "BT"]
    current = None
    pen = x
    for glyph in glyphs:
        character = chr(glyph_character(name, glyph.gid))
        for subset, code in font.splitString(character, doc):
            if subset != current:
                operations.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
                current = subset
            gx, gy = pen + glyph.x_offset * scale, baseline + glyph.y_offset * scale
            operations.append(f"1 0 0 1 {fp_str(gx)} {fp_str(gy)} Tm ({canvas._escape(code)}) Tj")
        pen += glyph.advance * scale
    operations += ["ET", "EMC"]
    canvas.addLiteral("\n".join(operations))


def draw_line(canvas, text: str, name: str, size: float, x: float, baseline: float, anchor: str = "start",
              lang: str | None = None) -> float:
    """One line that never wraps (a label, an ID, a footer): ``anchor`` is
    where ``x`` is: "left", "right", "centre", or "start"/"end" of the line
    in the language's direction. Returns the line's width."""
    rtl = design.direction(lang) == "rtl"
    levels = embedding_levels(text, rtl)
    glyphs = line_glyphs(text, levels, 0, len(text), name, rtl, lang)
    _, upem = _hb_font(name)
    width = sum(g.advance for g in glyphs) * size / upem
    side = {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}.get(anchor, anchor)
    left = {"left": x, "right": x - width, "centre": x - width / 2}[side]
    draw_glyphs(canvas, glyphs, name, size, left, baseline, text)
    return width


# -- paragraphs ----------------------------------------------------------------------------------

def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word: text between spaces."""
    spans, start = [], None
    for index, character in enumerate(text):
        if character.isspace():
            if start is not None:
                spans.append((start, index))
                start = None
        elif start is None:
            start = index
    if start is not None:
        spans.append((start, len(text)))
    return spans


class ShapedParagraph:
    """A paragraph of a complex-script or right-to-left language, wrapped at
    spaces and drawn right-aligned (left-aligned left to right), in the font,
    size, leading and colour of a ReportLab ``ParagraphStyle``."""

    def __init__(self, text: str, style, lang: str | None):
        self.text = " ".join(text.split())
        self.style = style
        self.lang = lang
        self.rtl = design.direction(lang) == "rtl"
        self.levels = embedding_levels(self.text, self.rtl)
        self.lines: list[tuple[int, int]] = []
        self.width = self.height = 0.0

    def _word_width(self, start: int, end: int) -> float:
        name, size = self.style.fontName, self.style.fontSize
        _, upem = _hb_font(name)
        glyphs = line_glyphs(self.text, self.levels, start, end, name, self.rtl, self.lang)
        return sum(g.advance for g in glyphs) * size / upem

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Break into lines of at most ``available_width`` points (a word
        longer than that stands alone on its line)."""
        space = text_width(" ", self.style.fontName, self.style.fontSize, self.lang)
        lines, current, width = [], None, 0.0
        for start, end in _words(self.text):
            word = self._word_width(start, end)
            if current is not None and width + space + word <= available_width + 1e-6:
                current = (current[0], end)
                width += space + word
            else:
                if current is not None:
                    lines.append(current)
                current, width = (start, end), word
        if current is not None:
            lines.append(current)
        self.lines = lines
        self.width = available_width
        self.height = len(lines) * self.style.leading
        return available_width, self.height

    @property
    def blPara(self):
        """The lines as ReportLab's simple paragraphs have them (kind 0:
        (extra space, words)), for publication.hyphenation.line_texts."""
        return SimpleNamespace(kind=0, lines=[(0, self.text[s:e].split(" ")) for s, e in self.lines])

    def line_glyphs(self) -> list[list[Glyph]]:
        return [line_glyphs(self.text, self.levels, s, e, self.style.fontName, self.rtl, self.lang)
                for s, e in self.lines]

    def drawOn(self, canvas, x: float, y: float) -> None:  # noqa: N802 (ReportLab's name)
        """Draw with the paragraph's bottom left corner at (x, y); the first
        baseline where ReportLab puts a Paragraph's."""
        from .printing import first_baseline

        name, size, leading = self.style.fontName, self.style.fontSize, self.style.leading
        _, upem = _hb_font(name)
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)
        baseline = first_baseline(y + self.height, size)
        for (start, end), glyphs in zip(self.lines, self.line_glyphs()):
            width = sum(g.advance for g in glyphs) * size / upem
            left = x + self.width - width if self.rtl else x
            # the line's text and a space: the next line's first word stays apart when read
            draw_glyphs(canvas, glyphs, name, size, left, baseline, self.text[start:end] + " ")
            baseline -= leading
        canvas.restoreState()

