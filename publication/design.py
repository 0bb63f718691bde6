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
#
# Each language is set in one typeface (the text of an edition never mixes
# two designs and never falls back to another font): the typeface of its
# script (SCRIPT_TYPEFACES, ISO 15924 codes of locale/languages.toml), or of
# the language itself where the script's typeface lacks letters it uses
# (LANGUAGE_TYPEFACES). Every character of an edition is checked against its
# typeface before anything is drawn (publication/fonts.py: uncovered).
#
# - Latin: Atkinson Hyperlegible (Braille Institute), designed for readers
#   with low vision; outputs use it derived with a plain zero (fonts.py).
# - Cyrillic, and Latin that Atkinson lacks: Noto Sans, a humanist sans of
#   similar proportions whose one design covers Latin, Greek and Cyrillic.
# - Arabic script: Noto Sans Arabic: Naskh-structured, low-contrast letters
#   with open counters; it covers Arabic, Persian (with the zero-width
#   non-joiner, U+200C, which IBM Plex Sans Arabic lacks), Urdu, Pashto and
#   Sorani, and its Latin letters and digits are Noto Sans's own.
# The Noto fonts are packaged as variable fonts; every output uses static
# instances made from them (fonts.py), so ReportLab, WeasyPrint, the EPUB and
# the browsers all get the same regular and bold files.

FONT_FAMILY = "Atkinson Hyperlegible"  # the font package's family name
FONT_STACK = f'"{FONT_FAMILY}", system-ui, sans-serif'


@dataclass(frozen=True)
class FontFile:
    weight: str
    style: str
    file: str  # the file the outputs use (named after the package's file it comes from)
    source: str = ""  # the package's file it is made from ("" = file itself)
    axes: tuple[tuple[str, float], ...] = ()  # a static instance of a variable font: (axis, value)

    @property
    def source_file(self) -> str:
        return self.source or self.file


FONT_FILES = (
    FontFile("normal", "normal", "AtkinsonHyperlegible-Regular.ttf"),
    FontFile("bold", "normal", "AtkinsonHyperlegible-Bold.ttf"),
    FontFile("normal", "italic", "AtkinsonHyperlegible-Italic.ttf"),
    FontFile("bold", "italic", "AtkinsonHyperlegible-BoldItalic.ttf"),
)

# Code points kept in the static Noto Sans instances (the web, the EPUB and
# the PDFs embed or serve them): Latin (all of Latin-1, Extended-A and -B and
# Additional: every Latin-script language of the network and more),
# spacing modifiers (Ukrainian apostrophe U+02BC), combining accents, Greek,
# Cyrillic and its supplement, general punctuation, currency, letterlike
# symbols (No. U+2116), arrows and the minus sign.
LATIN_GREEK_CYRILLIC = ((0x20, 0x24F), (0x2B0, 0x36F), (0x370, 0x3FF), (0x400, 0x52F), (0x1E00, 0x1EFF),
                        (0x2000, 0x206F), (0x20A0, 0x20C0), (0x2100, 0x214F), (0x2190, 0x21FF),
                        (0x2212, 0x2212), (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD))


@dataclass(frozen=True)
class Typeface:
    key: str  # how the design tokens name it
    family: str  # the CSS family name
    package: str  # the Python font package (fontpkg-*) holding its files
    files: tuple[FontFile, ...]  # regular, bold, italic, bold italic (an upright file may stand for italic)
    plain_zero: bool = False  # derived with a plain zero (Atkinson: fonts.py)
    keep: tuple[tuple[int, int], ...] | None = None  # code point ranges kept in the outputs' files (None: all)

    @property
    def stack(self) -> str:
        """The CSS font stack: the typeface, then the system's (which the
        glyph check makes sure is never needed for the text)."""
        return f'"{self.family}", system-ui, sans-serif'

    def file(self, weight: str = "normal", style: str = "normal") -> FontFile:
        return next(f for f in self.files if (f.weight, f.style) == (weight, style))

    @property
    def file_names(self) -> tuple[str, ...]:
        """The distinct files, regular first."""
        return tuple(dict.fromkeys(f.file for f in self.files))


def _instances(stem: str, upright: str, italic: str | None) -> tuple[FontFile, ...]:
    """Regular and bold (and their italics, or the upright files standing in
    for them) as static instances of variable fonts at normal width."""
    files = []
    for style, source in (("normal", upright), ("italic", italic)):
        for weight, value, name in (("normal", 400, "Regular"), ("bold", 700, "Bold")):
            suffix = name if style == "normal" or source is None else {"Regular": "Italic"}.get(name, name + "Italic")
            files.append(FontFile(weight, style, f"{stem}-{suffix}.ttf", source or upright,
                                  (("wght", value), ("wdth", 100))))
    return tuple(files)


ATKINSON = Typeface("atkinson-hyperlegible", FONT_FAMILY, "fontpkg_atkinson_hyperlegible", FONT_FILES,
                    plain_zero=True)
NOTO_SANS = Typeface("noto-sans", "Noto Sans", "fontpkg_noto_sans",
                     _instances("NotoSans", "NotoSans[wdth,wght].ttf", "NotoSans-Italic[wdth,wght].ttf"),
                     keep=LATIN_GREEK_CYRILLIC)
# Arabic script has no italic: emphasis stays upright (the upright files stand in).
NOTO_SANS_ARABIC = Typeface("noto-sans-arabic", "Noto Sans Arabic", "fontpkg_noto_sans_arabic",
                            _instances("NotoSansArabic", "NotoSansArabic[wdth,wght].ttf", None))
TYPEFACES = {t.key: t for t in (ATKINSON, NOTO_SANS, NOTO_SANS_ARABIC)}

SCRIPT_TYPEFACES = {"Latn": ATKINSON, "Cyrl": NOTO_SANS, "Arab": NOTO_SANS_ARABIC}
# Latin-script languages with letters Atkinson Hyperlegible lacks: the Sámi
# languages (eng, t with stroke: Northern Sámi "ŋ", "ŧ"; Skolt Sámi "ǥ ǩ ʒ").
# The whole text is set in Noto Sans rather than Atkinson with Noto's letters
# in between: two designs inside one word (their x-heights and strokes differ)
# read worse than one, and the ReportLab outputs have no per-letter fallback.
LANGUAGE_TYPEFACES = {"se": NOTO_SANS, "smn": NOTO_SANS, "sms": NOTO_SANS}


class NoTypeface(KeyError):
    """A language whose script has no typeface in the design tokens."""


def typeface(lang: str | None = None) -> Typeface:
    """The typeface of a language (Atkinson Hyperlegible without one)."""
    if lang is None:
        return ATKINSON
    if lang in LANGUAGE_TYPEFACES:
        return LANGUAGE_TYPEFACES[lang]
    from . import languages

    script = languages.get(lang).script
    try:
        return SCRIPT_TYPEFACES[script]
    except KeyError:
        raise NoTypeface(f"the {lang!r} edition: no typeface for the script {script!r} in publication/design.py"
                         f" (SCRIPT_TYPEFACES has {', '.join(SCRIPT_TYPEFACES)})") from None


def direction(lang: str | None) -> str:
    """"ltr" or "rtl" (locale/languages.toml)."""
    if lang is None:
        return "ltr"
    from . import languages

    return languages.get(lang).direction


def section_colour(number: int) -> str:
    return SECTION_COLOURS[number]


# -- CSS -----------------------------------------------------------------------------

def custom_properties(dark: bool = False, lang: str | None = None) -> dict[str, str]:
    """The tokens as CSS custom properties (``--hb-…``); the fonts are the language's."""
    face = typeface(lang)
    sections = SECTION_COLOURS_DARK if dark else SECTION_COLOURS
    values = {
        "--hb-ink": DARK_INK if dark else INK,
        "--hb-paper": DARK_BACKGROUND if dark else PAPER,
        "--hb-muted": "#B8BCC4" if dark else MUTED,
        "--hb-surface": DARK_SURFACE if dark else SURFACE,
        "--hb-text-on-colour": DARK_BACKGROUND if dark else TEXT_ON_COLOUR,
        "--hb-brand": DARK_BRAND if dark else BRAND,
        "--hb-font": face.stack,
        "--hb-font-family": f'"{face.family}"',  # print: the edition's typeface alone
    }
    values.update({f"--hb-section-{n}": colour for n, colour in sections.items()})
    return values


def _rule(selector: str, properties: dict[str, str]) -> str:
    body = "".join(f"  {name}: {value};\n" for name, value in properties.items())
    return f"{selector} {{\n{body}}}\n"


def font_faces_css(face: Typeface, files=None) -> str:
    """``@font-face`` rules of a typeface's files (relative URLs: the files
    lie beside the stylesheet); ``files``: only these FontFiles."""
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{font.file}") format("truetype"); '
        f"font-weight: {font.weight}; font-style: {font.style}; font-display: swap; }}\n"
        for font in (face.files if files is None else files))


def tokens_css(font_urls: bool = True, lang: str | None = None) -> str:
    """``tokens.css``: the fonts of the language, the tokens (light, and dark
    where the reader's system or Furo's switch asks for it) and one accent per
    section (``.hb-section-N`` sets ``--hb-accent``)."""
    parts = ["/* Generated from publication/design.py: edit the tokens there. */\n"]
    if font_urls:
        parts.append(font_faces_css(typeface(lang)))
    parts.append(_rule(":root", {**custom_properties(lang=lang), "--hb-accent": "var(--hb-brand)"}))
    # The default accent follows the brand into dark mode: a custom
    # property refers to another where it is declared (:root, light).
    dark = {**custom_properties(dark=True, lang=lang), "--hb-accent": "var(--hb-brand)"}
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
        # The edition's typeface: tokens.css sets --hb-font per language.
        "font-stack": "var(--hb-font)",
        "font-stack--headings": "var(--hb-font)",
    }


# -- Sphinx ----------------------------------------------------------------------------

STYLESHEET = "tokens.css"


def write_tokens(app) -> None:
    """Write ``_static/tokens.css`` and the font files of the edition's
    language into an HTML-based output and link the stylesheet (before the
    project's own)."""
    if app.builder.format != "html":
        return
    from pathlib import Path

    from sphinx.errors import ExtensionError

    from .files import write_file
    from .fonts import FontError, language_files

    lang = app.config.language
    static = Path(app.outdir) / "_static"
    try:
        # Atkinson: the derived fonts with a plain zero (publication/fonts.py),
        # "0.1" must not read as "Ø.1"; Noto: static instances.
        files = language_files(lang)
        css = tokens_css(lang=lang)
    except (FontError, NoTypeface) as error:
        raise ExtensionError(str(error)) from None
    write_file(static / STYLESHEET, css.encode("utf-8"))
    for name, data in files.items():
        write_file(static / name, data)
    app.add_css_file(STYLESHEET, priority=100)


def setup(app):
    app.connect("builder-inited", write_tokens)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
