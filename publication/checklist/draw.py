"""A laid-out checklist onto a ReportLab canvas with AcroForm fields, as PDF bytes.

Every field's border is also drawn into the page itself, so a blank form
prints with its boxes and circles in any viewer: a text field's frame is
drawn on the page and the field (without a border of its own) sits
FIELD_PADDING inside it; a radio button draws its circle (``forceBorder``). ReportLab's
AcroForm accepts only the standard 14 fonts for what is typed into a field:
typed text is Helvetica (supplied by the viewer); everything printed on the
page is Atkinson Hyperlegible, embedded.
"""

import io

from reportlab.lib.colors import HexColor, white

from .. import design, facts
from ..printing import Metadata, Text, new_canvas
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


def _draw_line(canvas, line: L.Line) -> None:
    canvas.setFont(line.font, line.size)
    canvas.setFillColor(HexColor(line.colour))
    draw = {"left": canvas.drawString, "centre": canvas.drawCentredString, "right": canvas.drawRightString}
    draw[line.anchor](line.x, line.baseline, line.text)


def draw_page(canvas, page: L.Page) -> None:
    """One page's operations, in order (the caller calls showPage)."""
    form = canvas.acroForm
    form.circleArcStream = _circle_arcs  # on this canvas's form only
    border, ink = HexColor(L.BORDER), HexColor(design.INK)
    for op in page.ops:
        if isinstance(op, L.Fill):
            canvas.setFillColor(HexColor(op.colour))
            b = op.box
            if op.radius:
                canvas.roundRect(b.x, b.y, b.width, b.height, radius=op.radius, stroke=0, fill=1)
            else:
                canvas.rect(b.x, b.y, b.width, b.height, stroke=0, fill=1)
        elif isinstance(op, L.Line):
            _draw_line(canvas, op)
        elif isinstance(op, Text):
            op.paragraph.drawOn(canvas, op.box.x, op.box.y)
        elif isinstance(op, L.TextField):
            b, f, half = op.box, op.field, BORDER_WIDTH / 2
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
            form.radio(name=op.name, value=op.value, tooltip=op.tooltip, x=b.x, y=b.y, size=b.width,
                       buttonStyle="circle", shape="circle", textColor=ink, fillColor=white,
                       borderColor=border, borderWidth=BORDER_WIDTH, forceBorder=True,
                       fieldFlags="noToggleToOff radio", annotationFlags="print")
            _draw_line(canvas, op.label)
        else:  # pragma: no cover - a new kind of operation without a drawing
            raise TypeError(f"cannot draw {op!r}")


def render(layout: L.ChecklistLayout, metadata: Metadata) -> bytes:
    """The checklist as PDF bytes (identical for identical input)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (L.WIDTH, L.HEIGHT), metadata, "build_checklist.py")
    canvas.setViewerPreference("DisplayDocTitle", "true")  # the window shows the title, not the file name
    for page in layout.pages:
        draw_page(canvas, page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
