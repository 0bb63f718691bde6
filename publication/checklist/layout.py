"""Where everything goes on the checklist: pages of drawing operations, no drawing.

The input is a :class:`Checklist` (the recommendations and the interface
words of one language); the output is a :class:`ChecklistLayout`, a list of
pages, each a tuple of operations that :mod:`.draw` carries out in order.
Coordinates are PDF points with the origin at the bottom left of an A4 page.

A page is filled from the top with the header (first page), section headings
(kept with the recommendation that follows), recommendation blocks (never
split across pages) and at the end the field for agreed next steps. What is
left of a page goes to its notes boxes (at most NOTES_GROW each), or to the
next-steps field on its page.

Right to left (an Arabic checklist): each page is laid out as above, then
mirrored (:func:`mirror`): badges, labels and fields start on the right, the
choices run from right to left, and the text is shaped and ordered by
:mod:`publication.shaping` when drawn.
"""

from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .. import design, facts, shaping
from ..records import Section
from ..hyphenation import last_line_whole, line_ends, line_texts
from ..printing import Box, Text, first_baseline, font_names, hyphenator, markup, paragraph  # noqa: F401 (markup: tests)
from ..printing import text_width as measure


def _font(lang: str | None, style: str = "regular") -> str:
    """The ReportLab name of the language's regular or bold."""
    return font_names(lang)[style]

WIDTH, HEIGHT = A4
MARGIN = 18 * mm  # left and right; office printers leave 10 mm blank
TOP = 16 * mm  # from the top edge to the first line
BOTTOM = 22 * mm  # the content stops this far above the bottom edge
FOOTER_BASELINE = 12 * mm
COLUMN = WIDTH - 2 * MARGIN

BODY_SIZE = 11  # recommendation texts and the introduction
LEADING = 1.3
LABEL_SIZE = 10.5  # field labels, radio labels
FOOTER_SIZE = 10
PUBLICATION_SIZE = 13
HEADING_SIZE = 26
SECTION_SIZE = 13.5

BADGE_PADDING = 0.4  # em, left and right of an ID
GUTTER = 3 * mm  # ID badge -> text
# Form controls: sizes for a finger on a tablet as well as a pen on paper.
RADIO_SIZE = 6.5 * mm  # the circle, which is the whole tap target of a choice
RADIO_LABEL_GAP = 2 * mm  # circle -> its label
RADIO_SPACING = 6 * mm  # at least between one choice's label and the next circle
RADIO_SPACING_MAX = 14 * mm
RADIO_ROW_GAP = 2.5 * mm
# A text field is a frame drawn on the page with the fillable field inside it,
# FIELD_PADDING in from every side: typed (and printed) text never touches the
# frame. The heights below are the frames'.
FIELD_PADDING = 1.5 * mm
FIELD_HEIGHT = 10 * mm  # one-line fields
PARTICIPANTS_HEIGHT = 19 * mm
NOTES_HEIGHT = 29 * mm  # room to write by hand: 26 mm inside the padding (more where a page has room)
NOTES_GROW = 14 * mm  # a notes box takes at most this much of a page's spare room
NEXT_STEPS_HEIGHT = 63 * mm
NEXT_STEPS_MAX = 150 * mm
LABEL_GAP = 1.5 * mm  # field label -> field
BLOCK_GAP = 6 * mm  # between recommendations
TEXT_TO_CHOICES = 2.5 * mm  # a recommendation's text -> its row of choices
CHOICES_TO_NOTES = 3 * mm  # the choices -> the notes label
SECTION_GAP = 4 * mm  # section heading -> first recommendation
SECTION_PADDING = 2.4 * mm  # inside the section heading bar

# Field names: stable, derived from IDs, so that a script can read a filled form.
UNIT, DATE, PARTICIPANTS, NEXT_STEPS = "unit", "date", "participants", "next-steps"
CHOICES = ("achieved", "partly", "not-yet", "not-applicable")  # export values of each radio group

BORDER = design.BORDER
ACCENT = design.BRAND


def status_field(rec_id: str) -> str:
    return f"rec-{rec_id}-status"


def notes_field(rec_id: str) -> str:
    return f"rec-{rec_id}-notes"


# -- input -----------------------------------------------------------------------

@dataclass(frozen=True)
class Labels:
    """The interface words of one language (see publication.checklist.read)."""
    heading: str  # "Self-assessment"
    intro: str
    unit: str
    date: str
    participants: str
    choices: tuple[tuple[str, str], ...]  # (export value, label), in CHOICES order
    assessment: str  # the radio group's tooltip: "1.1 – Assessment"
    notes: str
    next_steps: str
    page: str  # "Page %(page)s of %(pages)s"


@dataclass(frozen=True)
class Checklist:
    lang: str
    publication: str  # the translated title of the publication
    publisher: str
    sections: tuple[Section, ...]
    labels: Labels


# -- output: drawing operations ------------------------------------------------------

@dataclass(frozen=True)
class Fill:
    """A filled rectangle (section bar, ID badge, rule)."""
    box: Box
    colour: str
    radius: float = 0


@dataclass(frozen=True)
class Line:
    """One line of text that never wraps: an ID, a label, the footer."""
    text: str
    x: float
    baseline: float
    font: str
    size: float
    colour: str = design.INK
    anchor: str = "left"  # left, centre or right of x


@dataclass(frozen=True)
class TextField:
    name: str
    tooltip: str
    box: Box  # the frame drawn on the page
    multiline: bool

    @property
    def field(self) -> Box:
        """The fillable field: the frame less FIELD_PADDING on every side."""
        b, p = self.box, FIELD_PADDING
        return Box(b.x + p, b.y + p, b.width - 2 * p, b.height - 2 * p)


@dataclass(frozen=True)
class RadioButton:
    """One choice of a radio group (the group is the field: ``name``)."""
    name: str
    value: str
    tooltip: str
    box: Box  # the circle's square
    label: Line


@dataclass(frozen=True)
class Page:
    number: int
    ops: tuple  # Fill | Line | Text | TextField | RadioButton, in drawing order
    recommendations: tuple[str, ...]  # IDs of the blocks on this page

    @property
    def fields(self) -> list:
        return [op for op in self.ops if isinstance(op, (TextField, RadioButton))]


@dataclass(frozen=True)
class ChecklistLayout:
    lang: str
    pages: tuple[Page, ...]

    def field_names(self) -> list[str]:
        """Every field once, in page order (a radio group by its name)."""
        return list(dict.fromkeys(op.name for page in self.pages for op in page.fields))


# -- text -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def style(kind: str, lang: str, hyphenate: bool = True) -> ParagraphStyle:
    """``hyphenate=False``: never, even for the kinds that are hyphenated."""
    names = font_names(lang)
    size, colour, bold, hyphenated = {
        "publication": (PUBLICATION_SIZE, ACCENT, True, False),
        "heading": (HEADING_SIZE, design.INK, True, False),
        "intro": (BODY_SIZE, design.INK, False, False),  # short; its words are not in the hyphenation cache
        "section": (SECTION_SIZE, design.TEXT_ON_COLOUR, True, False),
        "body": (BODY_SIZE, design.INK, False, True),
    }[kind]
    hyphenate = hyphenate and hyphenated and not shaping.needs_shaping(lang)  # shaped text breaks at spaces
    return ParagraphStyle(
        f"checklist-{kind}-{lang}-{hyphenate}",
        fontName=names["bold"] if bold else names["regular"],
        fontSize=size,
        leading=size * (1.1 if kind == "heading" else LEADING),
        textColor=colour,
        alignment=TA_RIGHT if design.direction(lang) == "rtl" else TA_LEFT,
        hyphenationLang=hyphenator(lang) if hyphenate else None,
        spaceShrinkage=0,
    )


def wrap(text: str, kind: str, lang: str, width: float):
    """A paragraph wrapped at ``width``; hyphenated (where its kind is) only
    if no word is broken onto its last line, else set without hyphenation."""
    wrapped = paragraph(text, style(kind, lang), lang)
    _, height = wrapped.wrap(width, HEIGHT)
    if style(kind, lang).hyphenationLang and not last_line_whole(line_ends(text, line_texts(wrapped))):
        wrapped = paragraph(text, style(kind, lang, hyphenate=False), lang)
        _, height = wrapped.wrap(width, HEIGHT)
    return wrapped, height


def label_line(text: str, x: float, top: float, bold: bool = True, lang: str | None = None) -> Line:
    """A field label whose text starts ``top``: cap height below it."""
    return Line(text, x, top - 0.8 * LABEL_SIZE, _font(lang, "bold" if bold else "regular"), LABEL_SIZE)


LABEL_HEIGHT = 1.05 * LABEL_SIZE  # from a label's top to just below its descenders


# -- radio choices -------------------------------------------------------------------------

def choice_columns(labels: Labels, width: float, lang: str | None = None) -> tuple[tuple[float, ...], int]:
    """(x offset of each column, choices per row): the choices stand in one
    row when they fit, spread over the width (at most RADIO_SPACING_MAX
    apart), else in rows of fewer; the columns line up in every block."""
    widths = [RADIO_SIZE + RADIO_LABEL_GAP + measure(label, _font(lang), LABEL_SIZE, lang)
              for _, label in labels.choices]
    for per_row in range(len(widths), 0, -1):
        columns = [max(widths[j::per_row]) for j in range(per_row)]
        free = width - sum(columns)
        if per_row == 1 or free >= (per_row - 1) * RADIO_SPACING:
            spacing = min(free / (per_row - 1), RADIO_SPACING_MAX) if per_row > 1 else 0
            offsets, x = [], 0.0
            for column in columns:
                offsets.append(x)
                x += column + spacing
            return tuple(offsets), per_row
    raise AssertionError("unreachable")


def radio_rows(count: int, per_row: int) -> int:
    return -(-count // per_row)


def radio_height(rows: int) -> float:
    return rows * RADIO_SIZE + (rows - 1) * RADIO_ROW_GAP


# -- chunks: the parts a page is filled with --------------------------------------------------

@dataclass(frozen=True)
class Chunk:
    kind: str  # header, section, block, next-steps
    height: float  # at its smallest
    gap_after: float
    place: object  # (top, extra height) -> list of ops
    rec_id: str = ""
    grows: bool = False  # takes some of a page's spare room
    keep_with_next: bool = False


def _header(checklist: Checklist) -> Chunk:
    lang, labels = checklist.lang, checklist.labels
    parts = [
        (wrap(f"{checklist.publication} {facts.EDITION}", "publication", lang, COLUMN), 2 * mm),
        (wrap(labels.heading, "heading", lang, COLUMN), 3 * mm),
        (wrap(labels.intro, "intro", lang, COLUMN), 6 * mm),
    ]
    date_width = 50 * mm
    unit_width = COLUMN - date_width - 6 * mm
    row = LABEL_HEIGHT + LABEL_GAP + FIELD_HEIGHT
    height = (sum(h + gap for (_, h), gap in parts) + row + 4 * mm
              + LABEL_HEIGHT + LABEL_GAP + PARTICIPANTS_HEIGHT)

    def place(top: float, extra: float) -> list:
        ops, y = [], top
        for (paragraph, h), gap in parts:
            ops.append(Text(paragraph, Box(MARGIN, y - h, COLUMN, h)))
            y -= h + gap
        ops.append(Fill(Box(MARGIN, y + 3 * mm, COLUMN, 0.6 * mm), ACCENT))  # a rule above the fields
        date_x = MARGIN + unit_width + 6 * mm
        for name, label, x, width in ((UNIT, labels.unit, MARGIN, unit_width),
                                      (DATE, labels.date, date_x, date_width)):
            ops.append(label_line(label, x, y, lang=lang))
            ops.append(TextField(name, label, Box(x, y - row, width, FIELD_HEIGHT), multiline=False))
        y -= row + 4 * mm
        ops.append(label_line(labels.participants, MARGIN, y, lang=lang))
        box = Box(MARGIN, y - LABEL_HEIGHT - LABEL_GAP - PARTICIPANTS_HEIGHT, COLUMN, PARTICIPANTS_HEIGHT)
        ops.append(TextField(PARTICIPANTS, labels.participants, box, multiline=True))
        return ops

    return Chunk("header", height, 8 * mm, place)


def _section(section: Section, lang: str) -> Chunk:
    paragraph, h = wrap(section.title, "section", lang, COLUMN - 2 * SECTION_PADDING)
    # The bar's padding is measured from the cap height to the descenders.
    height = h + 2 * SECTION_PADDING - 0.25 * SECTION_SIZE

    def place(top: float, extra: float) -> list:
        return [Fill(Box(MARGIN, top - height, COLUMN, height), design.section_colour(section.number), 1 * mm),
                Text(paragraph, Box(MARGIN + SECTION_PADDING, top - SECTION_PADDING - h + 0.1 * SECTION_SIZE,
                                    COLUMN - 2 * SECTION_PADDING, h))]

    return Chunk("section", height, SECTION_GAP, place, keep_with_next=True)


def badge_width(checklists_ids, lang: str | None = None) -> float:
    widest = max(measure(i, _font(lang, "bold"), BODY_SIZE, None) for i in checklists_ids)  # digits and a dot
    return widest + 2 * BADGE_PADDING * BODY_SIZE


def _block(section: Section, rec, labels: Labels, badge: float, columns: tuple[tuple[float, ...], int]) -> Chunk:
    lang = section.lang
    text_x = MARGIN + badge + GUTTER
    text_width = MARGIN + COLUMN - text_x
    paragraph, text_height = wrap(rec.text, "body", lang, text_width)
    offsets, per_row = columns
    rows = radio_rows(len(labels.choices), per_row)
    fixed = text_height + TEXT_TO_CHOICES + radio_height(rows) + CHOICES_TO_NOTES + LABEL_HEIGHT + LABEL_GAP
    colour = design.section_colour(section.number)

    def place(top: float, extra: float) -> list:
        baseline = first_baseline(top, BODY_SIZE)
        ops = [Fill(Box(MARGIN, baseline - 0.32 * BODY_SIZE, badge, 1.34 * BODY_SIZE), colour, 0.2 * BODY_SIZE),
               Line(rec.id, MARGIN + badge / 2, baseline, _font(lang, "bold"), BODY_SIZE, design.TEXT_ON_COLOUR,
                    "centre"),
               Text(paragraph, Box(text_x, top - text_height, text_width, text_height))]
        y = top - text_height - TEXT_TO_CHOICES
        tooltip = f"{rec.id} \u2013 {labels.assessment}"
        for index, (value, label) in enumerate(labels.choices):
            row, column = divmod(index, per_row)
            x = text_x + offsets[column]
            circle_top = y - row * (RADIO_SIZE + RADIO_ROW_GAP)
            box = Box(x, circle_top - RADIO_SIZE, RADIO_SIZE, RADIO_SIZE)
            # the label's x-height centred on the circle
            text = Line(label, x + RADIO_SIZE + RADIO_LABEL_GAP, box.y + RADIO_SIZE / 2 - 0.32 * LABEL_SIZE,
                        _font(lang), LABEL_SIZE)
            ops.append(RadioButton(status_field(rec.id), value, tooltip, box, text))
        y -= radio_height(rows) + CHOICES_TO_NOTES
        ops.append(label_line(labels.notes, text_x, y, lang=lang))
        notes = NOTES_HEIGHT + extra
        y -= LABEL_HEIGHT + LABEL_GAP
        ops.append(TextField(notes_field(rec.id), f"{rec.id} \u2013 {labels.notes}",
                             Box(text_x, y - notes, text_width, notes), multiline=True))
        return ops

    return Chunk("block", fixed + NOTES_HEIGHT, BLOCK_GAP, place, rec_id=rec.id, grows=True)


def _next_steps(labels: Labels, lang: str | None = None) -> Chunk:
    def place(top: float, extra: float) -> list:
        height = NEXT_STEPS_HEIGHT + extra
        y = top - 1 * mm
        return [Fill(Box(MARGIN, top - 0.6 * mm, COLUMN, 0.6 * mm), ACCENT),
                Line(labels.next_steps, MARGIN, y - 0.8 * SECTION_SIZE - 2 * mm, _font(lang, "bold"), SECTION_SIZE),
                TextField(NEXT_STEPS, labels.next_steps,
                          Box(MARGIN, y - SECTION_SIZE - 4 * mm - height, COLUMN, height), multiline=True)]

    head = 1 * mm + SECTION_SIZE + 4 * mm
    return Chunk("next-steps", head + NEXT_STEPS_HEIGHT, 0, place, grows=True)


def chunks(checklist: Checklist) -> list[Chunk]:
    labels = checklist.labels
    ids = [r.id for s in checklist.sections for r in s.recommendations]
    badge = badge_width(ids, checklist.lang)
    columns = choice_columns(labels, MARGIN + COLUMN - (MARGIN + badge + GUTTER), checklist.lang)
    result = [_header(checklist)]
    for section in checklist.sections:
        result.append(_section(section, checklist.lang))
        result.extend(_block(section, rec, labels, badge, columns) for rec in section.recommendations)
    result.append(_next_steps(labels, checklist.lang))
    return result


# -- pages -------------------------------------------------------------------------------------

AVAILABLE = HEIGHT - TOP - BOTTOM


class DoesNotFit(Exception):
    """A part of the checklist is taller than a page."""


def paginate(parts: list[Chunk], available: float = AVAILABLE) -> list[list[Chunk]]:
    """Chunks into pages, in order: a chunk goes to the next page when it
    does not fit, and a chunk marked keep_with_next goes with its follower."""
    pages, current, used = [], [], 0.0
    for index, chunk in enumerate(parts):
        need = chunk.height
        if chunk.keep_with_next and index + 1 < len(parts):
            with_next = need + chunk.gap_after + parts[index + 1].height
            need = with_next if with_next <= available else need  # else the follower reports itself
        if need > available:
            raise DoesNotFit(f"{chunk.kind} {chunk.rec_id}".strip() + f" needs {need / mm:.0f} mm of a page's"
                             f" {available / mm:.0f} mm")
        gap = current[-1].gap_after if current else 0.0
        if current and used + gap + need > available:
            pages.append(current)
            current, used, gap = [], 0.0, 0.0
        current.append(chunk)
        used += gap + chunk.height
    if current:
        pages.append(current)
    return pages


def spare_room(page: list[Chunk], available: float = AVAILABLE) -> float:
    used = sum(c.height for c in page) + sum(c.gap_after for c in page[:-1])
    return available - used


def lay_out(checklist: Checklist) -> ChecklistLayout:
    """The pages of one language's checklist."""
    pages = paginate(chunks(checklist))
    labels = checklist.labels
    result = []
    for number, page in enumerate(pages, 1):
        spare = spare_room(page)
        next_steps = [c for c in page if c.kind == "next-steps"]
        growing = [c for c in page if c.grows and c.kind != "next-steps"]
        ops, top, recs = [], HEIGHT - TOP, []
        for chunk in page:
            if chunk.kind == "next-steps":
                extra = min(spare, NEXT_STEPS_MAX - NEXT_STEPS_HEIGHT)
            elif chunk.grows and not next_steps:
                extra = min(spare / len(growing), NOTES_GROW)
            else:
                extra = 0.0
            ops.extend(chunk.place(top, extra))
            top -= chunk.height + extra + chunk.gap_after
            if chunk.rec_id:
                recs.append(chunk.rec_id)
        footer_left = f"{checklist.publication} {facts.EDITION} \u00b7 {labels.heading}"
        regular = _font(checklist.lang)
        ops.append(Line(footer_left, MARGIN, FOOTER_BASELINE, regular, FOOTER_SIZE))
        ops.append(Line(labels.page % {"page": number, "pages": len(pages)}, MARGIN + COLUMN, FOOTER_BASELINE,
                        regular, FOOTER_SIZE, anchor="right"))
        if design.direction(checklist.lang) == "rtl":
            ops = [mirror(op) for op in ops]
        result.append(Page(number, tuple(ops), tuple(recs)))
    return ChecklistLayout(checklist.lang, tuple(result))


def _mirrored(box: Box) -> Box:
    return Box(WIDTH - box.right, box.y, box.width, box.height)


def mirror(op):
    """An operation of a page laid out left to right, mirrored about the
    page's vertical axis for a right-to-left language: boxes change sides,
    a line's anchor turns (its left becomes its right), a paragraph keeps
    its box's width (its lines are set from the right edge)."""
    if isinstance(op, Line):
        anchor = {"left": "right", "right": "left"}.get(op.anchor, op.anchor)
        return replace(op, x=WIDTH - op.x, anchor=anchor)
    if isinstance(op, RadioButton):
        return replace(op, box=_mirrored(op.box), label=mirror(op.label))
    if isinstance(op, (Fill, Text, TextField)):
        return replace(op, box=_mirrored(op.box))
    raise TypeError(f"cannot mirror {op!r}")  # pragma: no cover - a new kind of operation
