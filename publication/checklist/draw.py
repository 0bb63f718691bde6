"""A laid-out checklist onto a ReportLab canvas with AcroForm fields, as PDF bytes.

Every field's border is also drawn into the page itself, so a blank form
prints with its boxes and circles in any viewer: a text field's frame is
drawn on the page and the field (without a border of its own) sits
FIELD_PADDING inside it; a radio button draws its circle (``forceBorder``). ReportLab's
AcroForm accepts only the standard 14 fonts for what is typed into a field:
typed text is Helvetica (supplied by the viewer); everything printed on the
page is Atkinson Hyperlegible, embedded.

The file is a tagged PDF (PDF/UA-1, :mod:`publication.tagging`), read in the
order it is drawn: the publication's name and the introduction are
paragraphs, "Self-assessment" the heading (H1), each section title and
"Agreed next steps" a sub-heading (H2), a section's recommendations a list
(L > LI > Lbl = the ID, LBody = the text, the choices and the notes), each
field label a paragraph and each field a Form element (named by its tooltip,
TU; a radio button's also says its choice). The bars, badges, rules and field
borders are artifacts, the running footer a pagination artifact; pages tab
in structure order.
"""

import io

from reportlab.lib.colors import HexColor, white

from .. import design
from ..printing import Metadata, Text, draw_text, new_canvas
from ..tagging import Element, Tagger, finish
from . import layout as L

FIELD_FONT = "Helvetica"  # the only family ReportLab's AcroForm offers that has åäö
FIELD_FONT_SIZE = 11
BORDER_WIDTH = 1


def _circle_arcs(size, r, arcs=(0, 1, 2, 3), rotated=False) -> str:
    """ReportLab's AcroForm.circleArcStream without its scaling by size/20,
    which draws the circles of a radio button of any size but 20 pt too
    small and off centre."""
    from reportlab.lib.rl_accel import fp_str

    h, c, r = fp_str(size * 0.5), fp_str(0.55231 * r), fp_str(r)
    ops = [f"{'0.7071 0.7071 -0.7071 0.7071' if rotated else '1 0 0 1'} {h} {h} cm"]
    starts = {0: f"{r} 0 m", 1: f"0 {r} m", 2: f"-{r} 0 m", 3: f"0 -{r} m"}
    curves = {0: f"{r} {c} {c} {r} 0 {r} c", 1: f"-{c} {r} -{r} {c} -{r} 0 c",
              2: f"-{r} -{c} -{c} -{r} 0 -{r} c", 3: f"{c} -{r} {r} -{c} {r} 0 c"}
    for arc in (a for a in (0, 1, 2, 3) if a in arcs):
        if len(ops) == 1:
            ops.append(starts[arc])
        ops.append(curves[arc])
    return "\n".join(ops)


def _draw_line(canvas, line: L.Line, lang: str | None = None) -> None:
    canvas.setFillColor(HexColor(line.colour))
    draw_text(canvas, line.text, line.font, line.size, line.x, line.baseline, line.anchor, lang)


class _Reading:
    """Where the next piece of a page goes in the structure tree: the current
    section's list and the current recommendation's body (across pages)."""

    def __init__(self, tags: Tagger):
        self.tags = tags
        self.list: Element | None = None
        self.body: Element | None = None

    @property
    def container(self) -> Element:
        return self.body or self.tags.root

    def end_section(self) -> None:
        self.list = self.body = None

    def start_recommendation(self) -> Element:
        if self.list is None:
            self.list = self.tags.element("L", list_numbering="Decimal")
        item = self.tags.element("LI", self.list)
        self.body = None
        return item


_TEXT_TAGS = {"publication": "P", "heading": "H1", "intro": "P", "section": "H2", "body": "P"}


def _text_kind(text: Text) -> str:
    """publication, heading, intro, section or body: the layout's paragraph
    style is named checklist-<kind>-<lang>."""
    return text.paragraph.style.name.split("-")[1]


def draw_page(canvas, tags: Tagger, reading: _Reading, page: L.Page, lang: str | None = None) -> None:
    """One page's operations, in order (the caller ends the page); ``lang``:
    the checklist's language (its lines are shaped where it needs it)."""
    form = canvas.acroForm
    form.circleArcStream = _circle_arcs  # on this canvas's form only
    border, ink = HexColor(L.BORDER), HexColor(design.INK)
    for op in page.ops:
        if isinstance(op, L.Fill):
            with tags.artifact():
                canvas.setFillColor(HexColor(op.colour))
                b = op.box
                if op.radius:
                    canvas.roundRect(b.x, b.y, b.width, b.height, radius=op.radius, stroke=0, fill=1)
                else:
                    canvas.rect(b.x, b.y, b.width, b.height, stroke=0, fill=1)
        elif isinstance(op, L.Line):
            if op.baseline == L.FOOTER_BASELINE:  # running footer: title, page x of y
                with tags.artifact("Pagination"):
                    _draw_line(canvas, op, lang)
            elif op.anchor == "centre" and op.text in page.recommendations:  # a recommendation's ID badge
                item = reading.start_recommendation()
                with tags.tagged("Lbl", item):
                    _draw_line(canvas, op, lang)
                reading.body = tags.element("LBody", item)
            elif op.size == L.SECTION_SIZE:  # "Agreed next steps"
                reading.end_section()
                with tags.tagged("H2"):
                    _draw_line(canvas, op, lang)
            else:  # a field's label
                with tags.tagged("P", reading.container):
                    _draw_line(canvas, op, lang)
        elif isinstance(op, Text):
            kind = _text_kind(op)
            if kind != "body":
                reading.end_section()
            with tags.tagged(_TEXT_TAGS.get(kind, "P"), reading.container):
                op.paragraph.drawOn(canvas, op.box.x, op.box.y)
        elif isinstance(op, L.TextField):
            b, f, half = op.box, op.field, BORDER_WIDTH / 2
            tags.widget(reading.container, op.name)
            with tags.artifact():  # the frame drawn into the page; the field sits inside it
                canvas.setStrokeColor(border)
                canvas.setFillColor(white)
                canvas.setLineWidth(BORDER_WIDTH)
                canvas.rect(b.x + half, b.y + half, b.width - BORDER_WIDTH, b.height - BORDER_WIDTH, stroke=1, fill=1)
            form.textfield(name=op.name, tooltip=op.tooltip, x=f.x, y=f.y, width=f.width, height=f.height,
                           fontName=FIELD_FONT, fontSize=FIELD_FONT_SIZE, textColor=ink, fillColor=None,
                           borderColor=None, borderWidth=0, forceBorder=False, maxlen=None,
                           fieldFlags="multiline" if op.multiline else "", annotationFlags="print")
        elif isinstance(op, L.RadioButton):
            b = op.box
            tags.widget(reading.container, op.name, op.value, alt=f"{op.tooltip}: {op.label.text}")
            with tags.artifact():
                form.radio(name=op.name, value=op.value, tooltip=op.tooltip, x=b.x, y=b.y, size=b.width,
                           buttonStyle="circle", shape="circle", textColor=ink, fillColor=white,
                           borderColor=border, borderWidth=BORDER_WIDTH, forceBorder=True,
                           fieldFlags="noToggleToOff radio", annotationFlags="print")
            with tags.tagged("P", reading.container):
                _draw_line(canvas, op.label, lang)
        else:  # pragma: no cover - a new kind of operation without a drawing
            raise TypeError(f"cannot draw {op!r}")


def render(layout: L.ChecklistLayout, metadata: Metadata) -> bytes:
    """The checklist as a tagged PDF, as bytes (identical for identical input)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (L.WIDTH, L.HEIGHT), metadata, "build_checklist.py")
    tags = Tagger(canvas)
    reading = _Reading(tags)
    for page in layout.pages:
        draw_page(canvas, tags, reading, page, layout.lang)
        tags.show_page()
    canvas.save()
    return finish(buffer.getvalue(), tags.root)
