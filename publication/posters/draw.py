"""Laid-out posters onto ReportLab canvases, as PDF bytes.

Office: the page is the A3 sheet and nothing is drawn in its outer 10 mm.
A4 (for units without an A3 printer): the office poster scaled by 1/sqrt(2)
onto an A4 page; only the band, which would come closer than 10 mm to the
edge, stays further in. Print shop: the page is the sheet plus MARK_ZONE on every side; the band runs
3 mm past the trim (bleed), crop marks stand outside the bleed, and TrimBox /
BleedBox say where the sheet and the bleed are. The page is enlarged here
rather than with ReportLab's ``cropMarks``, whose ``bleedWidth`` scales the
content. The print-shop file is PDF/X-4 in CMYK: every colour is replaced by
its print token (:func:`publication.design.print_colour`) as it is set.

Every file is a tagged PDF (PDF/UA-1, :mod:`publication.tagging`): the title
is a heading (H1), the lead a paragraph, the recommendations a list (L > LI >
Lbl = the ID, LBody = the text), the footer lines paragraphs and the QR code a
Figure whose alternate text is its address; the band, bars, badges, rule and
crop marks are artifacts.
"""

import io
import itertools
import math
from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import CMYKColor, HexColor, toColor
from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .. import design, fonts
from ..pdfx import FOGRA39
from ..printing import Metadata, new_canvas
from ..tagging import Element, Tagger, finish
from . import layout as L

OFFICE, PRINT, A4 = "office", "print", "a4"
VARIANTS = (OFFICE, PRINT, A4)
A4_SCALE = 1 / math.sqrt(2)  # A3 -> A4
A4_FRAME = 11 * mm / A4_SCALE  # the band on A4: 11 mm from the paper's edge (office printers leave 10 mm)
MARK_ZONE = 15 * mm  # print shop: room outside the trim for the bleed and the crop marks
MARK_OFFSET = L.BLEED + 2 * mm  # crop marks start this far outside the trim
MARK_WIDTH = 0.25
REGISTRATION = CMYKColor(*(v / 100 for v in design.REGISTRATION_CMYK))  # crop marks print on every plate


def page_size(variant: str) -> tuple[float, float]:
    if variant == PRINT:
        return L.WIDTH + 2 * MARK_ZONE, L.HEIGHT + 2 * MARK_ZONE
    if variant == A4:
        return A4_PAGE
    return L.WIDTH, L.HEIGHT


def trim_box(variant: str) -> tuple[float, float, float, float]:
    """The sheet on the page: (x0, y0, x1, y1)."""
    m = MARK_ZONE if variant == PRINT else 0
    return (m, m, m + L.WIDTH, m + L.HEIGHT)


def bleed_box(variant: str) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = trim_box(variant)
    b = L.BLEED if variant == PRINT else 0
    return (x0 - b, y0 - b, x1 + b, y1 + b)


def band_box(layout: L.PosterLayout, variant: str) -> L.Box:
    """The colour band in sheet coordinates: inside the office margin, or
    through the bleed on top, left and right for the print shop."""
    if variant == PRINT:
        return L.Box(-L.BLEED, layout.band_bottom, L.WIDTH + 2 * L.BLEED, L.HEIGHT + L.BLEED - layout.band_bottom)
    f = A4_FRAME if variant == A4 else L.OFFICE_FRAME
    return L.Box(f, layout.band_bottom, L.WIDTH - 2 * f, L.HEIGHT - f - layout.band_bottom)


@lru_cache(maxsize=None)
def _qr_modules(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """QrCodeWidget's encoding of ``url``: the side in modules (with the quiet
    zone) and the dark runs as (row, first column, length)."""
    widget = QrCodeWidget(url, barLevel="M")
    widget.qr.make()  # the widget's own encoder; its Group of Rects is slow to draw
    border = int(widget.barBorder)
    runs = []
    for row, modules in enumerate(widget.qr.modules):
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in modules):
            length = len(list(run))
            if dark:
                runs.append((row + border, column + border, length))
            column += length
    return widget.qr.getModuleCount() + 2 * border, tuple(runs)


def _qr(canvas: Canvas, url: str, box: L.Box) -> None:
    """The QR code on white, quiet zone inside ``box``: one path, so that no
    hairline seams show between modules."""
    side, runs = _qr_modules(url)
    module = box.width / side
    path = canvas.beginPath()
    for row, column, length in runs:
        path.rect(box.x + column * module, box.top - (row + 1) * module, length * module, module)
    canvas.setFillColor(HexColor(design.INK))
    canvas.drawPath(path, stroke=0, fill=1)


def _crop_marks(canvas: Canvas) -> None:
    x0, y0, x1, y1 = trim_box(PRINT)
    w, h = page_size(PRINT)
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    near, far = MARK_OFFSET, MARK_ZONE
    lines = []
    for x in (x0, x1):  # vertical marks above and below each corner
        lines += [(x, y0 - near, x, y0 - far), (x, y1 + near, x, min(h, y1 + far))]
    for y in (y0, y1):  # horizontal marks left and right of each corner
        lines += [(x0 - near, y, x0 - far, y), (x1 + near, y, min(w, x1 + far), y)]
    canvas.lines(lines)


def _placement(variant: str) -> tuple[float, float, float]:
    """Where the sheet goes on the page: (x offset, y offset, scale)."""
    if variant == A4:  # the sheet scaled onto the page, centred (they differ by hundredths of a mm)
        width, height = page_size(A4)
        return (width - A4_SCALE * L.WIDTH) / 2, (height - A4_SCALE * L.HEIGHT) / 2, A4_SCALE
    x0, y0, _, _ = trim_box(variant)
    return x0, y0, 1.0


def _on_page(box: L.Box, variant: str) -> tuple[float, float, float, float]:
    """A box of the sheet in page coordinates: (x0, y0, x1, y1)."""
    dx, dy, scale = _placement(variant)
    return (round(dx + scale * box.x, 2), round(dy + scale * box.y, 2),
            round(dx + scale * box.right, 2), round(dy + scale * box.top, 2))


def draw_poster(canvas: Canvas, tags: Tagger, layout: L.PosterLayout, variant: str,
                parent: Element | None = None) -> None:
    """One poster as the current page (the caller ends the page), its
    structure under ``parent`` (default: the document)."""
    colours = L.text_colours(layout.section.number)
    canvas.saveState()
    dx, dy, scale = _placement(variant)
    canvas.translate(dx, dy)
    if scale != 1:
        canvas.scale(scale, scale)

    band = band_box(layout, variant)
    with tags.artifact():
        canvas.setFillColor(HexColor(layout.colour))
        canvas.rect(band.x, band.y, band.width, band.height, stroke=0, fill=1)
    with tags.tagged("H1", parent):
        layout.title.paragraph.drawOn(canvas, layout.title.box.x, layout.title.box.y)

    # The lead, in the section colour, on the same left edge as the title
    # and the badges.
    with tags.tagged("P", parent):
        layout.lead.paragraph.drawOn(canvas, layout.lead.box.x, layout.lead.box.y)

    recommendations = tags.element("L", parent, list_numbering="Decimal")
    for item in layout.items:
        entry = tags.element("LI", recommendations)
        b = item.badge
        with tags.artifact():
            canvas.setFillColor(HexColor(colours["id"][1]))
            canvas.roundRect(b.x, b.y, b.width, b.height, radius=0.2 * item.id_size, stroke=0, fill=1)
        with tags.tagged("Lbl", entry):
            canvas.setFillColor(HexColor(colours["id"][0]))
            canvas.setFont(item.id_font or fonts.BOLD, item.id_size)
            canvas.drawCentredString(b.x + b.width / 2, item.id_baseline, item.id)
        with tags.tagged("LBody", entry):
            item.text.paragraph.drawOn(canvas, item.text.box.x, item.text.box.y)

    with tags.artifact():
        canvas.setStrokeColor(HexColor(layout.colour))
        canvas.setLineWidth(1.5 * mm)
        canvas.line(L.SIDE, layout.rule, L.WIDTH - L.SIDE, layout.rule)
    for text in layout.footer:
        with tags.tagged("P", parent):
            text.paragraph.drawOn(canvas, text.box.x, text.box.y)
    if layout.qr is not None:
        with tags.tagged("Figure", parent, alt=layout.url, bbox=_on_page(layout.qr, variant)):
            _qr(canvas, layout.url, layout.qr)
    canvas.restoreState()
    if variant == PRINT:
        with tags.artifact("Page"):  # printer's marks
            _crop_marks(canvas)


def _print_colour(colour) -> CMYKColor:
    """Canvas colour hook of the print-shop file: the CMYK token of each colour."""
    if isinstance(colour, CMYKColor):
        return colour
    value = "#" + toColor(colour).hexval()[2:].upper()
    try:
        cmyk = design.print_colour(value)
    except KeyError:
        raise ValueError(f"the poster uses {value}, which has no print colour in publication/design.py") from None
    return CMYKColor(*(v / 100 for v in cmyk))


def render(layouts, variant: str, metadata: Metadata) -> bytes:
    """A tagged PDF of one page per layout, as bytes (identical for identical
    input); the print-shop variant is PDF/X-4."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_size(variant), metadata, "build_posters.py",
                        enforce_colour=_print_colour if variant == PRINT else None)
    if variant == PRINT:
        canvas.setTrimBox(trim_box(PRINT))
        canvas.setBleedBox(bleed_box(PRINT))
    tags = Tagger(canvas)
    for layout in layouts:
        draw_poster(canvas, tags, layout, variant, tags.element("Sect") if len(layouts) > 1 else None)
        tags.show_page()
    canvas.save()
    return finish(buffer.getvalue(), tags.root, FOGRA39 if variant == PRINT else None)
