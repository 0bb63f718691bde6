"""Atkinson Hyperlegible for ReportLab outputs (posters, checklists).

The TTFs come from the ``fontpkg-atkinson-hyperlegible`` package. They are
registered as ``TTFont``, which ReportLab always embeds as subsets, and as a
family, so ``<b>`` and ``<i>`` in a Paragraph pick the right file.
"""

from pathlib import Path

FAMILY = "AtkinsonHyperlegible"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
FILES = {  # registered name -> file in the package's files/ folder
    REGULAR: "AtkinsonHyperlegible-Regular.ttf",
    BOLD: "AtkinsonHyperlegible-Bold.ttf",
    ITALIC: "AtkinsonHyperlegible-Italic.ttf",
    BOLD_ITALIC: "AtkinsonHyperlegible-BoldItalic.ttf",
}
PACKAGE = "fontpkg_atkinson_hyperlegible"


class FontError(Exception):
    """A font file is missing or unusable; the message names the file."""


def font_dir() -> Path:
    """The folder holding the package's TTFs."""
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        raise FontError(f"the font package {PACKAGE!r} is not installed "
                        f"(pip install fontpkg-atkinson-hyperlegible)") from None
    return Path(package.__file__).resolve().parent / "files"


_registered: dict[str, Path] = {}  # name -> file it was registered from


def register(directory: Path | None = None) -> dict[str, str]:
    """Register the four styles (once per file) and return the font names
    by style: {"regular": ..., "bold": ..., "italic": ..., "bold_italic": ...}.

    Every file is checked on each call, so a font removed or replaced since
    is reported here rather than as a broken PDF."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    folder = Path(directory) if directory is not None else font_dir()
    for name, filename in FILES.items():
        path = folder / filename
        if not path.is_file():
            raise FontError(f"font file not found: {path}")
        if _registered.get(name) == path:
            continue
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (TTFError, OSError) as error:
            raise FontError(f"{path}: cannot be used as a TrueType font: {error}") from None
        _registered[name] = path
    # The family mapping makes <b>/<i> markup work; addMapping is idempotent.
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, name)
    return {"regular": REGULAR, "bold": BOLD, "italic": ITALIC, "bold_italic": BOLD_ITALIC}


def missing_characters(text: str, name: str = REGULAR) -> list[str]:
    """Characters of ``text`` the registered font ``name`` has no glyph for
    (they would print as empty boxes); whitespace is not counted."""
    from reportlab.pdfbase import pdfmetrics

    covered = pdfmetrics.getFont(name).face.charToGlyph
    return sorted({c for c in text if ord(c) not in covered and not c.isspace()})
