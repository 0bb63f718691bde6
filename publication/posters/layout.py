"""Where everything goes on a poster: sizes and boxes, no drawing.

Coordinates are PDF points with the origin at the bottom left of the trimmed
A3 sheet; the office and print-shop variants differ only in how far the
colour band reaches (see :mod:`.draw`), so one layout serves both.

The grid is the same on every poster of a language: one title size (so one
band height), one footer, and one left edge (SIDE) for the title, the lead,
the ID badges and the footer. The body (lead and recommendations) is set for
each poster's own text: the largest size at which it fits between the band
and the footer, and what is left over widens the gaps between
recommendations up to a cap. Text is never stretched.

Line breaks: words are broken only after a hyphen of their own
("substance-|free"), never with a hyphen added (a few large words on a wall
read better whole), never onto a paragraph's last line and on at most
MAX_BREAK_SHARE of a poster's lines; a paragraph whose last line would be one
word alone is set a little narrower where that avoids it without adding a line.

Right to left (an Arabic poster): the grid is mirrored: the badges and the
text's start on the right edge (WIDTH - SIDE), the QR code bottom left; the
text is shaped and ordered by :mod:`publication.shaping`.
"""

from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from .. import design, facts, hyphenation, printing, shaping
from ..records import Section
from ..hyphenation import SPACES, last_line_whole, line_ends, line_texts
from ..printing import Box, Text, first_baseline, font_names, markup, paragraph  # noqa: F401 (markup: tests)
from ..printing import text_width as measure

WIDTH, HEIGHT = A3  # the trimmed sheet: 297 x 420 mm

# Office printers leave at least 10 mm blank; the band stays a little further
# in so that no anti-aliased edge reaches the printer's margin.
OFFICE_MARGIN = 10 * mm
OFFICE_FRAME = 12 * mm
BLEED = 3 * mm
SAFE = 5 * mm  # print shop: text at least this far inside the trim
SIDE = 20 * mm  # the left edge of title, lead, badges and footer (and the column's right edge)
TITLE_TOP = 27 * mm  # from the top of the sheet to the top of the title
BAND_PADDING = 12 * mm  # below the title, inside the band
GAP = 12 * mm  # band -> body and body -> footer rule
FOOTER_BOTTOM = 16 * mm
QR_SIZE = 30 * mm  # with its quiet zone: about 0.7 mm a module for an address of BASE_URL_MAX
QR_GAP = 10 * mm

BODY_SIZES = tuple(size / 2 for size in range(60, 35, -1))  # 30 ... 18 pt, largest first, each poster its own
TITLE_SIZES = (72, 68, 64, 60, 56, 52, 48)
TITLE_MAX_LINES = 2  # titles take the largest size at which all of a language fit in this
FOOTER_SIZE = 18
FOOTER_TITLE_SIZE = 22
LEADING = 1.28  # body line height / size: generous for readers with low vision
# Spacing of the body, in multiples of the body size (em).
LEAD_GAP = 1.2  # below the lead
ITEM_GAP = 0.7  # between recommendations
GAP_GROWTH = 0.6  # room left over widens the lead gap and the item gaps by up to this much each
GUTTER = 0.6  # between an ID badge and its text
BADGE_PADDING = 0.4  # left and right of an ID
TITLE_LEADING = 1.08
MIN_CONTRAST = 7.0  # WCAG AAA
# Line breaks inside words (see the module's docstring).
BREAK_AT_OWN_HYPHENS = True  # "substance-|free"; False: words are never broken
ADD_HYPHENS = False  # hyphenation proper (publication.hyphenation), off on posters
MAX_BREAK_SHARE = 0.10  # of a poster's body lines, at most, may end inside a word
NARROWING = 0.45  # a paragraph is set at most this much narrower to keep its last word company (no line added)
NARROWING_STEP = 0.01


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
def _breaker(lang: str, letters: bool):
    """The ``hyphenationLang`` callable of a poster paragraph."""
    letters = letters and printing.has_dictionary(lang)  # no dictionary: only the word's own hyphens
    return lambda word: hyphenation.splits(word, lang, letters=letters)


@lru_cache(maxsize=None)
def style(kind: str, size: float, lang: str, colour: str, breaks: bool = True) -> ParagraphStyle:
    """The paragraph style of one kind of text at one size. ``breaks``: a
    body paragraph may break words as the module's docstring says (titles and
    footers never do)."""
    names = font_names(lang)
    bold = kind in ("title", "footer-title")
    breaking = (breaks and kind in ("lead", "body") and (BREAK_AT_OWN_HYPHENS or ADD_HYPHENS)
                and not shaping.needs_shaping(lang))  # shaped text breaks at spaces only
    return ParagraphStyle(
        f"{kind}-{size}-{lang}-{colour}-{breaking}",
        fontName=names["bold"] if bold else names["regular"],
        fontSize=size,
        leading=size * (TITLE_LEADING if kind == "title" else LEADING),
        textColor=colour,
        alignment=TA_RIGHT if design.direction(lang) == "rtl" else TA_LEFT,  # ragged: even word spacing reads best
        hyphenationLang=_breaker(lang, ADD_HYPHENS) if breaking else None,
        embeddedHyphenation=0,  # ReportLab's own breaks at hyphens ignore the letter counts
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
    id_font: str = ""  # the bold of the language's typeface


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


def _wrap(text: str, kind: str, size: float, lang: str, colour: str, width: float):
    wrapped = paragraph(text, style(kind, size, lang, colour), lang)
    _, height = wrapped.wrap(width, HEIGHT)
    return wrapped, height


COLUMN = WIDTH - 2 * SIDE


@dataclass(frozen=True)
class Setting:
    """A paragraph wrapped at one size and width, and how its lines end."""
    paragraph: object  # a ReportLab Paragraph or a shaping.ShapedParagraph
    height: float
    lines: tuple[str, ...]
    ends: tuple[str, ...] | None  # see line_ends

    @property
    def breaks(self) -> int:
        """Lines that end inside a word (all of them when unknown)."""
        return len(self.lines) if self.ends is None else sum(1 for e in self.ends if e)

    @property
    def acceptable(self) -> bool:
        """Every break known, and none that leaves a fragment alone on the last line."""
        return last_line_whole(self.ends)

    @property
    def widow(self) -> bool:
        """The last line is one word alone (and not the only line)."""
        return len(self.lines) > 1 and len(SPACES.split(self.lines[-1].strip())) == 1


def _setting(text: str, kind: str, size: float, lang: str, colour: str, width: float, breaks: bool) -> Setting:
    wrapped = paragraph(text, style(kind, size, lang, colour, breaks), lang)
    _, height = wrapped.wrap(width, HEIGHT)
    lines = line_texts(wrapped)
    ends = line_ends(text, lines)
    return Setting(wrapped, height, tuple(lines), None if ends is None else tuple(ends))


def set_paragraph(text: str, kind: str, size: float, lang: str, colour: str, width: float,
                  breaks: bool = True, finish: bool = True) -> Setting:
    """A lead or recommendation: with breaks inside words where they are
    acceptable, else without; ``finish``: a last line of one word is avoided
    by a slightly narrower measure where that adds no line."""
    best = _setting(text, kind, size, lang, colour, width, breaks)
    if breaks and best.breaks and not best.acceptable:
        best = _setting(text, kind, size, lang, colour, width, breaks=False)
        breaks = False
    if finish and best.widow:
        steps = round(NARROWING / NARROWING_STEP)
        for step in range(1, steps + 1):
            candidate = _setting(text, kind, size, lang, colour, width * (1 - step * NARROWING_STEP), breaks)
            if len(candidate.lines) > len(best.lines):
                break
            if not candidate.widow and (candidate.acceptable or not candidate.breaks):
                best = candidate
                break
    return best


@dataclass(frozen=True)
class Body:
    """Lead and recommendations set at one size, not yet placed."""
    size: float
    badge_width: float  # the ID column
    lead: Setting
    recommendations: tuple[tuple[str, Setting], ...]  # id, setting
    lead_gap: float  # points
    item_gap: float

    @property
    def height(self) -> float:
        heights = [s.height for _, s in self.recommendations]
        return self.lead.height + self.lead_gap + sum(heights) + self.item_gap * (len(heights) - 1)

    @property
    def settings(self) -> list[Setting]:
        return [self.lead, *(s for _, s in self.recommendations)]

    @property
    def break_share(self) -> float:
        settings = self.settings
        return sum(s.breaks for s in settings) / max(1, sum(len(s.lines) for s in settings))


def set_body(section: Section, size: float, finish: bool = True, breaks: bool = True) -> Body:
    """Lead and recommendations at ``size``: with breaks inside words as long
    as at most MAX_BREAK_SHARE of the lines end inside one, else with none."""
    bold = font_names(section.lang)["bold"]
    widest = max(measure(r.id, bold, size, None) for r in section.recommendations)  # IDs: digits and a dot
    badge = widest + 2 * BADGE_PADDING * size
    text_width = COLUMN - badge - GUTTER * size
    lead_colour = section_colour(section.number)
    body = Body(
        size=size,
        badge_width=badge,
        lead=set_paragraph(section.lead, "lead", size, section.lang, lead_colour, COLUMN, breaks, finish),
        recommendations=tuple((r.id, set_paragraph(r.text, "body", size, section.lang, design.INK, text_width,
                                                   breaks, finish))
                              for r in section.recommendations),
        lead_gap=LEAD_GAP * size,
        item_gap=ITEM_GAP * size,
    )
    if breaks and body.break_share > MAX_BREAK_SHARE:
        return set_body(section, size, finish, breaks=False)
    return body


def body_height(section: Section, size: float) -> float:
    """Height of lead and recommendations at body size ``size``."""
    return set_body(section, size, finish=False).height


def spread(body: Body, available: float) -> Body:
    """The body with the room it leaves in ``available`` given to its gaps:
    the lead gap and each gap between recommendations grow alike, by at
    most GAP_GROWTH em; what is left stays below the body."""
    gaps = len(body.recommendations)  # the lead gap and one between each two recommendations
    grow = max(0.0, min((available - body.height) / gaps, GAP_GROWTH * body.size))
    return replace(body, lead_gap=body.lead_gap + grow, item_gap=body.item_gap + grow)


def fit_body_size(sections, available: float, sizes=BODY_SIZES, needs=body_height) -> float:
    """The largest size in ``sizes`` (largest first) at which every section's
    body fits in ``available`` points (the layout asks for one poster at a
    time). Raises TextTooLong naming the first poster that does not fit even
    at the smallest size."""
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


def _footer(section: Section, publication: str, publisher: str, width: float) -> list[tuple[object, float]]:
    lines = [
        _wrap(f"{publication} {facts.EDITION}", "footer-title", FOOTER_TITLE_SIZE, section.lang, design.INK, width),
        _wrap(f"{publisher} \u00b7 {facts.TEXT_LICENCE}", "footer", FOOTER_SIZE, section.lang, design.INK, width),
    ]
    if section.url:
        lines.append(_wrap(section.url, "footer", FOOTER_SIZE, section.lang, design.INK, width))
    return lines


def _box(wrapped, x: float, y: float, width: float, height: float, rtl: bool) -> Box:
    """The box of a paragraph in a column: a paragraph set narrower than its
    column (see set_paragraph) keeps the column's start edge, which is the
    right one in a right-to-left language."""
    if rtl:
        narrower = min(width, getattr(wrapped, "width", width))
        return Box(x + width - narrower, y, narrower, height)
    return Box(x, y, width, height)


def lay_out(sections, publication: str, publisher: str) -> list[PosterLayout]:
    """The layouts of one language's posters: all five share the grid (title
    size, band, footer, left edge); each has its own body size."""
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
    available = body_top - body_bottom

    layouts = []
    for section, (title, title_height), footer in zip(sections, titles, footers):
        size = fit_body_size([section], available)
        body = set_body(section, size)
        if body.height > available:  # finishing never adds a line, but should it ever: as fitted
            body = set_body(section, size, finish=False)
        body = spread(body, available)
        lead = body.lead
        y = body_top - lead.height
        rtl = design.direction(section.lang) == "rtl"
        lead_text = Text(lead.paragraph, _box(lead.paragraph, SIDE, y, COLUMN, lead.height, rtl))
        y -= body.lead_gap
        text_width_ = COLUMN - body.badge_width - GUTTER * size
        # Left to right: badge at SIDE, text after it; right to left: mirrored.
        badge_x = WIDTH - SIDE - body.badge_width if rtl else SIDE
        text_x = SIDE if rtl else SIDE + body.badge_width + GUTTER * size
        bold = font_names(section.lang)["bold"]
        items = []
        for rec_id, setting in body.recommendations:
            baseline = first_baseline(y, size)
            items.append(Item(
                id=rec_id,
                # digits stand on the baseline and reach about 0.7 em: centre them
                badge=Box(badge_x, baseline - 0.32 * size, body.badge_width, 1.34 * size),
                id_baseline=baseline,
                id_size=size,
                text=Text(setting.paragraph, _box(setting.paragraph, text_x, y - setting.height, text_width_,
                                                  setting.height, rtl)),
                id_font=bold,
            ))
            y -= setting.height + body.item_gap
        footer_texts, fy = [], FOOTER_BOTTOM + footer_height
        footer_x = WIDTH - SIDE - footer_width if rtl else SIDE
        for wrapped, height in footer:
            fy -= height
            footer_texts.append(Text(wrapped, Box(footer_x, fy, footer_width, height)))
        qr_x = SIDE if rtl else WIDTH - SIDE - QR_SIZE
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
            qr=Box(qr_x, FOOTER_BOTTOM, QR_SIZE, QR_SIZE) if section.url else None,
            url=section.url,
        ))
    return layouts
