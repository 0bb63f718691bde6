"""The cover image of an edition: title, publisher and edition in the
edition's language, white Atkinson Hyperlegible on the first palette colour.

Used by the EPUB builder (publication.epub). The same text and language give
the same PNG bytes: no timestamps or other metadata are written.
"""

from pathlib import Path

import fontpkg_atkinson_hyperlegible
from PIL import Image, ImageDraw, ImageFont

from . import design

SIZE = (1600, 2400)  # 2:3, the usual e-book cover shape
MARGIN = 160
FONT_DIR = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
BOLD = FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"
REGULAR = FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"
TITLE_SIZE = 180  # px; shrunk until the longest word fits the width
TEXT_SIZE = 72


def cover_alt_text(title: str, publisher: str, edition: str) -> str:
    """What the cover shows, as text (its alt text)."""
    return f"{title}. {publisher}, {edition}."


def _wrap(text: str, font, width: int) -> list[str]:
    """Greedy word wrap; a line breaks only between words."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _title_font(title: str, width: int):
    size = TITLE_SIZE
    while True:
        font = ImageFont.truetype(str(BOLD), size)
        if size <= 40 or max(font.getlength(w) for w in title.split()) <= width:
            return font
        size -= 4


def _draw_lines(draw, lines, font, top: int, spacing: float) -> int:
    """Draw left-aligned lines from ``top``; return the y below the last one."""
    ascent, descent = font.getmetrics()
    step = round((ascent + descent) * spacing)
    for line in lines:
        draw.text((MARGIN, top), line, font=font, fill=design.TEXT_ON_COLOUR)
        top += step
    return top


def make_cover_png(texts: tuple[str, str, str], path: Path) -> Path:
    """Write the cover with ``texts`` (title, publisher, edition) to ``path`` (PNG)."""
    title, publisher, edition = texts
    width = SIZE[0] - 2 * MARGIN
    image = Image.new("RGB", SIZE, design.BRAND)
    draw = ImageDraw.Draw(image)

    title_font = _title_font(title, width)
    _draw_lines(draw, _wrap(title, title_font, width), title_font, top=MARGIN * 2, spacing=1.1)

    # Publisher and edition stand at the foot of the cover.
    font = ImageFont.truetype(str(REGULAR), TEXT_SIZE)
    lines = _wrap(publisher, font, width) + [edition]
    ascent, descent = font.getmetrics()
    top = SIZE[1] - MARGIN - round((ascent + descent) * 1.3) * len(lines)
    _draw_lines(draw, lines, font, top=top, spacing=1.3)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # optimize=False and no pnginfo: Pillow then writes only the image data.
    image.save(path, format="PNG", optimize=False)
    return path
