"""What the ReportLab outputs (posters, checklist) share: escaping of text for
Paragraph markup, the hyphenation callable, a reproducible canvas with the
publication's metadata, file:line of catalog problems, and text in the
language's typeface: ReportLab's Paragraph, or for a right-to-left or
complex-script language :class:`publication.shaping.ShapedParagraph`
(HarfBuzz and the bidirectional algorithm).
"""

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from . import catalogs, facts, fonts, hyphenation, settings
from .catalogs import CatalogError


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin at the bottom left."""
    x: float
    y: float  # bottom
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Text:
    """A wrapped paragraph (reportlab.platypus.Paragraph) and the box it is drawn in."""
    paragraph: object
    box: Box


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str


def markup(text: str) -> str:
    """Plain text as Paragraph markup (which would read "R&D" as an entity
    and reject "a<b"): &, <, > and " escaped, everything else kept."""
    return escape(text, {'"': "&quot;"})


@lru_cache(maxsize=None)
def has_dictionary(lang: str) -> bool:
    """Finnish (publication.hyphenation) and the languages pyphen has a
    dictionary of can be hyphenated; the others (Northern Sámi, ...) break
    only after their own hyphens."""
    import pyphen

    return lang == "fi" or pyphen.language_fallback(hyphenation.PYPHEN_LANG.get(lang, lang)) is not None


@lru_cache(maxsize=None)
def hyphenator(lang: str):
    """The ``hyphenationLang`` of a ParagraphStyle: ReportLab calls it with a
    word and tries the (head, tail) pairs in order; heads ending in "-" are
    drawn as they are."""
    letters = has_dictionary(lang)
    return lambda word: hyphenation.splits(word, lang, letters=letters)


def first_baseline(top: float, size: float) -> float:
    """Where ReportLab puts the first baseline of a paragraph whose top is ``top``."""
    from reportlab import rl_config

    return top - size if rl_config.paraFontSizeHeightOffset else top - 0.9 * size


def pdf_date(epoch: int):
    """A fixed date for CreationDate/ModDate: the build's SOURCE_DATE_EPOCH."""
    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch))
    return lambda *_: stamp


@lru_cache(maxsize=None)
def _canvas_class():
    """ReportLab's Canvas whose text lines end in a space.

    A Paragraph draws each line as its words joined by spaces and drops the
    space where the line breaks, so text read from the structure (a screen
    reader, copy and paste, poppler) runs the last word of a line into the
    first of the next. Each line therefore keeps a trailing space, unless it
    ends in a hyphen (a hyphenated word continues on the next line). The
    space is drawn after the last glyph: nothing visible moves."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    class LineEndSpaceText(PDFTextObject):
        def _textOut(self, text, TStar=0):
            if TStar and text and not text.endswith((" ", "-", "\u00ad", "\u2010")):
                text += " "
            super()._textOut(text, TStar)

    class TextCanvas(Canvas):
        def beginText(self, x=0, y=0, direction=None):
            return LineEndSpaceText(self, x, y, direction=direction)

    return TextCanvas


# -- text in the language's typeface --------------------------------------------------------

def font_names(lang: str | None) -> dict[str, str]:
    """ReportLab names of the language's typeface by style (registered once)."""
    return fonts.register_language(lang)


def paragraph(text: str, style, lang: str | None):
    """Plain ``text`` wrapped in ``style``: a ReportLab Paragraph, or a shaped
    one for a right-to-left or complex-script language."""
    from . import shaping

    if shaping.needs_shaping(lang):
        return shaping.ShapedParagraph(text, style, lang)
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), style)


def text_width(text: str, font: str, size: float, lang: str | None) -> float:
    """The width of one line of ``text``."""
    from . import shaping

    if shaping.needs_shaping(lang):
        return shaping.text_width(text, font, size, lang)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def draw_text(canvas, text: str, font: str, size: float, x: float, baseline: float, anchor: str = "left",
              lang: str | None = None) -> None:
    """One line of ``text`` in the canvas's fill colour; ``anchor``: left,
    centre or right of ``x``."""
    from . import shaping

    if shaping.needs_shaping(lang):
        shaping.draw_line(canvas, text, font, size, x, baseline, anchor, lang)
        return
    canvas.setFont(font, size)
    draw = {"left": canvas.drawString, "centre": canvas.drawCentredString, "right": canvas.drawRightString}
    draw[anchor](x, baseline, text)


def glyph_problems(text: str, lang: str) -> str:
    """Characters of ``text`` the language's typeface has no glyph for, as
    "U+0127 'ŧ' (the 'se' edition is set in Noto Sans)", or ""."""
    missing = fonts.uncovered(text, lang=lang)
    if not missing:
        return ""
    return f"{fonts.describe(missing)} (the {lang!r} edition is set in {fonts.design_typeface(lang).family})"


def new_canvas(buffer, pagesize, metadata: Metadata, creator: str, enforce_colour=None):
    """A Canvas that gives identical bytes for identical input (invariant,
    dates from SOURCE_DATE_EPOCH), with /Lang and the document information.
    ``enforce_colour``: ReportLab's colour hook, called with every colour the
    canvas, its text objects and paragraphs set (the print-shop CMYK)."""
    canvas = _canvas_class()(buffer, pagesize=pagesize, invariant=1, lang=metadata.lang, pageCompression=1,
                    initialFontName=font_names(metadata.lang)["regular"],  # no unembedded Helvetica
                    enforceColorSpace=enforce_colour)
    canvas.setDateFormatter(pdf_date(settings.source_date_epoch()))
    canvas.setTitle(metadata.title)
    canvas.setAuthor(metadata.author)
    canvas.setSubject(metadata.subject)
    canvas.setKeywords(list(metadata.keywords))
    canvas.setCreator(f"{facts.NAME} {creator}")
    return canvas


def catalog_problems(path: Path, limit: int = 8) -> str:
    """The problems of one catalog file as indented ``file:line: ...`` lines
    (or its syntax error), to go with a translator's "no translation of ..."."""
    path = Path(path)
    if not path.exists():
        return ""
    try:
        problems = catalogs.problems_in(path)
    except CatalogError as error:
        return f"\n  {error}"
    return "".join(f"\n  {p}" for p in problems[:limit])
