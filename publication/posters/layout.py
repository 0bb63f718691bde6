"""Where everything goes on a poster: sizes and boxes, no drawing.

Coordinates are PDF points with the origin at the bottom left of the trimmed
A3 sheet; the office and print-shop variants differ only in how far the
colour band reaches (see :mod:`.draw`), so one layout serves both.
"""

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A3
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from .. import design, facts, fonts
from ..records import Section
from ..printing import Box, Text, first_baseline, hyphenator, markup

WIDTH, HEIGHT = A3  # the trimmed sheet: 297 x 420 mm

# Office printers leave at least 10 mm blank; the band stays a little further
# in so that no anti-aliased edge reaches the printer's margin.
OFFICE_MARGIN = 10 * mm
OFFICE_FRAME = 12 * mm
BLEED = 3 * mm
SAFE = 5 * mm  # print shop: text at least this far inside the trim
SIDE = 20 * mm  # text column from the left and right edges of the sheet
TITLE_TOP = 27 * mm  # from the top of the sheet to the top of the title
BAND_PADDING = 12 * mm  # below the title, inside the band
GAP = 12 * mm  # band -> body and body -> footer rule
FOOTER_BOTTOM = 16 * mm
QR_SIZE = 34 * mm  # with its quiet zone: about 1 mm a module for a short URL
QR_GAP = 10 * mm

BODY_SIZES = tuple(size / 2 for size in range(56, 35, -1))  # 28 ... 18 pt, largest first
TITLE_SIZES = (72, 68, 64, 60, 56, 52, 48)
TITLE_MAX_LINES = 2  # titles take the largest size at which all of a language fit in this
FOOTER_SIZE = 18
FOOTER_TITLE_SIZE = 22
LEADING = 1.28  # body line height / size: generous for readers with low vision
# Spacing of the body, in multiples of the body size (em).
LEAD_GAP = 1.2  # below the lead
ITEM_GAP = 0.7  # between recommendations
GUTTER = 0.6  # between an ID badge and its text
BADGE_PADDING = 0.4  # left and right of an ID
TITLE_LEADING = 1.08
MIN_CONTRAST = 7.0  # WCAG AAA


class TextTooLong(Exception):
    """A poster's text does not fit at the smallest body size."""


# -- colours -------------------------------------------------------------------

def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of '#RRGGBB'."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    r, g, b = (_linear(int(value[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours, 1.0 ... 21.0 (symmetric)."""
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def section_colour(number: int) -> str:
    return design.section_colour(number)


def text_colours(number: int) -> dict[str, tuple[str, str]]:
    """(text, background) of every kind of text on a section's poster: the
    drawing takes its colours from here, and the tests check each pair."""
    colour = section_colour(number)
    return {
        "title": (design.TEXT_ON_COLOUR, colour),
        "id": (design.TEXT_ON_COLOUR, colour),
        "lead": (colour, design.PAPER),
        "body": (design.INK, design.PAPER),
        "footer": (design.INK, design.PAPER),
    }


# -- text ----------------------------------------------------------------------

def file_name(section: Section) -> str:
    """00-structures.pdf, 01-principle-1.pdf, ..."""
    return f"{section.number:02d}-{section.page}.pdf"


@lru_cache(maxsize=None)
def style(kind: str, size: float, lang: str, colour: str) -> ParagraphStyle:
    """The paragraph style of one kind of text at one size."""
    names = fonts.register()
    bold = kind in ("title", "footer-title")
    return ParagraphStyle(
        f"{kind}-{size}-{lang}-{colour}",
        fontName=names["bold"] if bold else names["regular"],
        fontSize=size,
        leading=size * (TITLE_LEADING if kind == "title" else LEADING),
        textColor=colour,
        alignment=TA_LEFT,  # ragged right: even word spacing reads best
        # Headings are not hyphenated: a few big words read better whole.
        hyphenationLang=None if kind == "title" else hyphenator(lang),
        spaceShrinkage=0,  # never let a line run past its box
        uriWasteReduce=0.3 if kind == "footer" else 0,  # long URLs break at slashes
    )


# -- boxes ---------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """A recommendation: its ID on a colour badge, its text beside it."""
    id: str
    badge: Box
    id_baseline: float
    id_size: float
    text: Text


@dataclass(frozen=True)
class PosterLayout:
    section: Section
    file_name: str
    colour: str
    title_size: float
    body_size: float
    band_bottom: float  # the band reaches from here up to the top (see draw)
    rule: float  # the thin colour rule above the footer
    title: Text
    lead: Text
    items: tuple[Item, ...]
    footer: tuple[Text, ...]
    qr: Box | None  # None without BASE_URL
    url: str

    def text_boxes(self) -> list[Box]:
        return ([self.title.box, self.lead.box] + [i.text.box for i in self.items]
                + [i.badge for i in self.items] + [t.box for t in self.footer])


def _wrap(text: str, kind: str, size: float, lang: str, colour: str, width: float) -> tuple[Paragraph, float]:
    paragraph = Paragraph(markup(text), style(kind, size, lang, colour))
    _, height = paragraph.wrap(width, HEIGHT)
    return paragraph, height


COLUMN = WIDTH - 2 * SIDE


@dataclass(frozen=True)
class Body:
    """Lead and recommendations wrapped at one size, not yet placed."""
    size: float
    badge_width: float  # the ID column
    lead: tuple[Paragraph, float]  # paragraph, height
    recommendations: tuple[tuple[str, Paragraph, float], ...]  # id, paragraph, height

    @property
    def height(self) -> float:
        heights = [h for _, _, h in self.recommendations]
        return (self.lead[1] + LEAD_GAP * self.size + sum(heights)
                + ITEM_GAP * self.size * (len(heights) - 1))


def set_body(section: Section, size: float) -> Body:
    widest = max(stringWidth(r.id, fonts.BOLD, size) for r in section.recommendations)
    badge = widest + 2 * BADGE_PADDING * size
    text_width = COLUMN - badge - GUTTER * size
    return Body(
        size=size,
        badge_width=badge,
        lead=_wrap(section.lead, "lead", size, section.lang, section_colour(section.number), COLUMN),
        recommendations=tuple((r.id, *_wrap(r.text, "body", size, section.lang, design.INK, text_width))
                              for r in section.recommendations),
    )


def body_height(section: Section, size: float) -> float:
    """Height of lead and recommendations at body size ``size``."""
    return set_body(section, size).height


def fit_body_size(sections, available: float, sizes=BODY_SIZES, needs=body_height) -> float:
    """The largest size in ``sizes`` (largest first) at which every section's
    body fits in ``available`` points: one size for all of a language's
    posters. Raises TextTooLong naming the first poster that does not fit
    even at the smallest size."""
    index = 0
    settled = False
    while not settled:  # wrapping is not strictly monotonic: recheck all at the final size
        settled = True
        for section in sections:
            while needs(section, sizes[index]) > available:
                settled = False
                index += 1
                if index == len(sizes):
                    overflow = needs(section, sizes[-1]) - available
                    raise TextTooLong(
                        f"poster {section.lang}/{file_name(section)} ({section.lang}): the text does not fit"
                        f" even at {sizes[-1]:g} pt: {overflow / mm:.0f} mm too long; shorten the"
                        f" {section.lang!r} text of {section.page!r} (text is never cut)")
    return sizes[index]


def fit_title_size(sections, sizes=TITLE_SIZES) -> float:
    """The largest title size at which every title takes at most two lines."""
    for size in sizes:
        if all(_wrap(s.title, "title", size, s.lang, design.TEXT_ON_COLOUR, COLUMN)[1]
               <= TITLE_MAX_LINES * size * TITLE_LEADING + 0.01 for s in sections):
            return size
    return sizes[-1]


def _footer(section: Section, publication: str, publisher: str, width: float) -> list[tuple[Paragraph, float]]:
    lines = [
        _wrap(f"{publication} {facts.EDITION}", "footer-title", FOOTER_TITLE_SIZE, section.lang, design.INK, width),
        _wrap(f"{publisher} \u00b7 {facts.TEXT_LICENCE}", "footer", FOOTER_SIZE, section.lang, design.INK, width),
    ]
    if section.url:
        lines.append(_wrap(section.url, "footer", FOOTER_SIZE, section.lang, design.INK, width))
    return lines


def lay_out(sections, publication: str, publisher: str) -> list[PosterLayout]:
    """The layouts of one language's posters (all five, so that they share
    title and body sizes)."""
    sections = list(sections)
    title_size = fit_title_size(sections)
    titles = [_wrap(s.title, "title", title_size, s.lang, design.TEXT_ON_COLOUR, COLUMN) for s in sections]
    title_top = HEIGHT - TITLE_TOP
    band_bottom = title_top - max(h for _, h in titles) - BAND_PADDING

    with_qr = any(s.url for s in sections)
    footer_width = COLUMN - (QR_SIZE + QR_GAP if with_qr else 0)
    footers = [_footer(s, publication, publisher, footer_width) for s in sections]
    footer_height = max(QR_SIZE if with_qr else 0, *(sum(h for _, h in f) + 2 * mm for f in footers))
    rule = FOOTER_BOTTOM + footer_height + 6 * mm
    body_top, body_bottom = band_bottom - GAP, rule + GAP
    size = fit_body_size(sections, body_top - body_bottom)

    layouts = []
    for section, (title, title_height), footer in zip(sections, titles, footers):
        body = set_body(section, size)
        lead, lead_height = body.lead
        y = body_top - lead_height
        lead_text = Text(lead, Box(SIDE, y, COLUMN, lead_height))
        y -= LEAD_GAP * size
        text_x = SIDE + body.badge_width + GUTTER * size
        items = []
        for rec_id, paragraph, height in body.recommendations:
            baseline = first_baseline(y, size)
            items.append(Item(
                id=rec_id,
                # digits stand on the baseline and reach about 0.7 em: centre them
                badge=Box(SIDE, baseline - 0.32 * size, body.badge_width, 1.34 * size),
                id_baseline=baseline,
                id_size=size,
                text=Text(paragraph, Box(text_x, y - height, WIDTH - SIDE - text_x, height)),
            ))
            y -= height + ITEM_GAP * size
        footer_texts, fy = [], FOOTER_BOTTOM + footer_height
        for paragraph, height in footer:
            fy -= height
            footer_texts.append(Text(paragraph, Box(SIDE, fy, footer_width, height)))
        layouts.append(PosterLayout(
            section=section,
            file_name=file_name(section),
            colour=section_colour(section.number),
            title_size=title_size,
            body_size=size,
            band_bottom=band_bottom,
            rule=rule,
            title=Text(title, Box(SIDE, title_top - title_height, COLUMN, title_height)),
            lead=lead_text,
            items=tuple(items),
            footer=tuple(footer_texts),
            qr=Box(WIDTH - SIDE - QR_SIZE, FOOTER_BOTTOM, QR_SIZE, QR_SIZE) if section.url else None,
            url=section.url,
        ))
    return layouts

