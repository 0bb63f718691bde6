"""The look of every output, in one place: the design tokens.

The web edition (Furo's CSS variables and ``tokens.css``), the PDF and EPUB
stylesheets (``tokens.css``) and the ReportLab outputs (posters, checklist,
the EPUB cover) all take their colours and type from here. A token is named
after what it is for, not after how it looks.

As a Sphinx extension this module writes ``_static/tokens.css`` into every
HTML-based output (web, EPUB, the PDF's ``singlehtml``) and links it before
the project's own stylesheets, which use only ``var(--hb-…)``.
"""

from dataclasses import dataclass

# -- Colour ------------------------------------------------------------------------

# One colour per section (0 = structures and prerequisites, 1-4 = the
# principles). Each is dark enough for white text at 7:1 or more (WCAG AAA);
# the tests compute it from the outputs.
SECTION_COLOURS = {
    0: "#1F3A5F",  # ink blue
    1: "#14532D",  # forest green
    2: "#7A1F3D",  # plum
    3: "#6B3A00",  # umber
    4: "#134E4A",  # deep teal
}
# The same hues lightened for a dark background (dark mode): each at 7:1 or
# more on DARK_BACKGROUND.
SECTION_COLOURS_DARK = {
    0: "#9DC0EC",
    1: "#86D3A2",
    2: "#EFA5BF",
    3: "#E8B77A",
    4: "#7FD1C8",
}

INK = "#111111"  # body text
PAPER = "#FFFFFF"
TEXT_ON_COLOUR = "#FFFFFF"  # text on a section colour
MUTED = "#444444"  # running footers, secondary text: 9.7:1 on paper
SURFACE = "#F3F4F6"  # the quiet background of a recommendation
BORDER = "#4D4D4D"  # form field borders: 8.5:1 on paper
BRAND = SECTION_COLOURS[0]

# -- Colour for offset print (CMYK) --------------------------------------------------
# The print-shop posters (PDF/X-4, FOGRA39) use these instead of the sRGB
# values: the section colours converted through the print profile
# (publication/icc/), body text and the QR code in black ink alone, white as
# no ink. C, M, Y, K in percent.
# BEGIN GENERATED CMYK TOKENS
# `python -m publication.colour tokens`: SECTION_COLOURS through FOGRA39L-argyll.icc
# (relative colorimetric), C M Y K in percent.
SECTION_COLOURS_CMYK = {
    0: (89, 56, 0, 59),  # #1F3A5F
    1: (82, 0, 90, 68),  # #14532D
    2: (0, 95, 24, 61),  # #7A1F3D
    3: (0, 56, 100, 69),  # #6B3A00
    4: (78, 0, 42, 73),  # #134E4A
}
# END GENERATED CMYK TOKENS
INK_CMYK = (0, 0, 0, 100)  # body text, QR code: 100 % K, so no colour fringes on small type
PAPER_CMYK = (0, 0, 0, 0)  # white (PAPER, TEXT_ON_COLOUR): no ink
REGISTRATION_CMYK = (100, 100, 100, 100)  # crop marks print on every plate


def print_colour(colour: str) -> tuple[int, int, int, int]:
    """The CMYK (percent) that stands for an sRGB token in print; KeyError
    for a colour that has none (add it here rather than convert on the fly)."""
    value = colour.upper()
    cmyk = {c.upper(): SECTION_COLOURS_CMYK[n] for n, c in SECTION_COLOURS.items()}
    cmyk.update({INK: INK_CMYK, PAPER: PAPER_CMYK, TEXT_ON_COLOUR: PAPER_CMYK})
    return cmyk[value]

DARK_BACKGROUND = "#14161A"
DARK_INK = "#ECEDEF"
DARK_SURFACE = "#1E2127"
DARK_BRAND = SECTION_COLOURS_DARK[0]

# -- Type --------------------------------------------------------------------------

FONT_FAMILY = "Atkinson Hyperlegible"  # the font package's family name
FONT_STACK = f'"{FONT_FAMILY}", system-ui, sans-serif'


@dataclass(frozen=True)
class FontFile:
    weight: str
    style: str
    file: str  # in the font package's files/ folder


FONT_FILES = (
    FontFile("normal", "normal", "AtkinsonHyperlegible-Regular.ttf"),
    FontFile("bold", "normal", "AtkinsonHyperlegible-Bold.ttf"),
    FontFile("normal", "italic", "AtkinsonHyperlegible-Italic.ttf"),
    FontFile("bold", "italic", "AtkinsonHyperlegible-BoldItalic.ttf"),
)


def section_colour(number: int) -> str:
    return SECTION_COLOURS[number]


# -- CSS -----------------------------------------------------------------------------

def custom_properties(dark: bool = False) -> dict[str, str]:
    """The tokens as CSS custom properties (``--hb-…``)."""
    sections = SECTION_COLOURS_DARK if dark else SECTION_COLOURS
    values = {
        "--hb-ink": DARK_INK if dark else INK,
        "--hb-paper": DARK_BACKGROUND if dark else PAPER,
        "--hb-muted": "#B8BCC4" if dark else MUTED,
        "--hb-surface": DARK_SURFACE if dark else SURFACE,
        "--hb-text-on-colour": DARK_BACKGROUND if dark else TEXT_ON_COLOUR,
        "--hb-brand": DARK_BRAND if dark else BRAND,
        "--hb-font": FONT_STACK,
        "--hb-font-family": f'"{FONT_FAMILY}"',  # print: the project's font alone
    }
    values.update({f"--hb-section-{n}": colour for n, colour in sections.items()})
    return values


def _rule(selector: str, properties: dict[str, str]) -> str:
    body = "".join(f"  {name}: {value};\n" for name, value in properties.items())
    return f"{selector} {{\n{body}}}\n"


def tokens_css(font_urls: bool = True) -> str:
    """``tokens.css``: the fonts, the tokens (light, and dark where the
    reader's system or Furo's switch asks for it) and one accent per section
    (``.hb-section-N`` sets ``--hb-accent``)."""
    parts = ["/* Generated from publication/design.py: edit the tokens there. */\n"]
    if font_urls:
        for font in FONT_FILES:
            parts.append(
                f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{font.file}") format("truetype"); '
                f"font-weight: {font.weight}; font-style: {font.style}; font-display: swap; }}\n")
    parts.append(_rule(":root", {**custom_properties(), "--hb-accent": "var(--hb-brand)"}))
    # The default accent follows the brand into dark mode: a custom
    # property refers to another where it is declared (:root, light).
    dark = {**custom_properties(dark=True), "--hb-accent": "var(--hb-brand)"}
    # Furo: body[data-theme="dark"], or "auto" following the system setting.
    parts.append(_rule('body[data-theme="dark"]', dark))
    parts.append("@media (prefers-color-scheme: dark) {\n"
                 + _rule('body:not([data-theme="light"]):not([data-theme="dark"])', dark).replace("\n", "\n  ")
                 + "}\n")
    for number in SECTION_COLOURS:
        parts.append(f".hb-section-{number} {{ --hb-accent: var(--hb-section-{number}); }}\n")
    return "".join(parts)


# -- Web (Furo) tokens ------------------------------------------------------------------
# The web edition's theme takes its paper, ink, surfaces and brand from the
# tokens above, so that screen and print share one look; the section
# colours reach the pages through tokens.css (--hb-section-N, --hb-accent).

def furo_variables(dark: bool = False) -> dict[str, str]:
    """Furo's CSS variables (``html_theme_options``): colours and the font."""
    tokens = custom_properties(dark)
    return {
        "color-brand-primary": tokens["--hb-brand"],
        "color-brand-content": tokens["--hb-brand"],
        "color-brand-visited": tokens["--hb-brand"],
        "color-foreground-primary": tokens["--hb-ink"],
        "color-foreground-secondary": tokens["--hb-muted"],
        "color-background-primary": tokens["--hb-paper"],
        "color-background-secondary": tokens["--hb-surface"],
        "font-stack": FONT_STACK,
        "font-stack--headings": FONT_STACK,
    }


# -- Sphinx ----------------------------------------------------------------------------

STYLESHEET = "tokens.css"


def write_tokens(app) -> None:
    """Write ``_static/tokens.css`` and the font files into an HTML-based
    output and link the stylesheet (before the project's own)."""
    if app.builder.format != "html":
        return
    from pathlib import Path

    from sphinx.errors import ExtensionError

    from .files import write_file
    from .fonts import FontError, checked_files

    static = Path(app.outdir) / "_static"
    write_file(static / STYLESHEET, tokens_css().encode("utf-8"))
    try:
        # The derived fonts with a plain zero (publication/fonts.py): "0.1"
        # must not read as "Ø.1". CSS still names the family FONT_FAMILY.
        files = checked_files()
    except FontError as error:
        raise ExtensionError(str(error)) from None
    for font in FONT_FILES:
        write_file(static / font.file, files[font.file])
    app.add_css_file(STYLESHEET, priority=100)


def setup(app):
    app.connect("builder-inited", write_tokens)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
