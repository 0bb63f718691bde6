"""The A4 PDF of an edition: Sphinx's ``singlehtml`` page, rendered by WeasyPrint.

The page is built with the project's own print theme (``print_theme/``:
a cover, contents with page numbers, one handbook page per PDF page run),
not with Furo, whose CSS makes WeasyPrint about ten times slower::

    sphinx-build -b singlehtml -c . -D language=LANG -D KEY=VALUE... source OUT
    write_pdf(LANG, OUT, BUILD / "pdf" / f"{facts.NAME}-{LANG}.pdf")

with each KEY=VALUE of :func:`sphinx_overrides` (publication.build does
this; :func:`build_singlehtml` runs the first step in this process).

The PDF is PDF/UA-1 (tagged, ``/Lang`` from ``<html lang>``, title shown),
embeds subsets of the edition's typeface (publication/design.py), is laid out
right to left for a right-to-left language (``<html dir>``, print.css), and is byte-for-byte the same for
the same input and ``SOURCE_DATE_EPOCH``. WeasyPrint hyphenates every
language under print.css's limits; the Finnish breaks come from
:mod:`publication.hyphenation` (pyphen has no Finnish dictionary: see
:func:`pyphen_dictionary`). The cover's layout is publication.cover's.
"""

import logging
import re
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from html import escape, unescape
from pathlib import Path

from . import cover, facts, fonts, settings
from .files import write_file
from .htmltext import TextRewriter
from .hyphenation import WORD, word_breaks

# After Sphinx has run in this process, WeasyPrint's per-step progress
# (INFO) reaches the console; only its warnings matter.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PdfError(Exception):
    """The PDF cannot be made; the message says why."""


PRINT_THEME_DIR = Path(__file__).resolve().parent / "print_theme"
PRINT_THEME = PRINT_THEME_DIR.name  # a theme is named after its folder


def sphinx_overrides() -> dict[str, str]:
    """Configuration overrides of the ``singlehtml`` build of the PDF.

    Every value is a string, so the same dictionary serves
    ``sphinx-build -D key=value`` and ``Sphinx(confoverrides=...)`` (Sphinx
    converts strings the same way in both). A dictionary setting of conf.py
    cannot be replaced by -D, only added to (``html_theme_options.key``): so
    the print theme accepts and ignores Furo's theme options, and it renders
    no sidebars, whatever ``html_sidebars`` says. conf.py's ``html_css_files``
    (Furo's additions) are not linked either: the layout links only print.css."""
    theme_parent = str(PRINT_THEME_DIR.parent)
    if "," in theme_parent:  # -D splits list values at commas
        raise ValueError(f"a comma in {theme_parent!r}: it cannot be given to sphinx-build -D")
    return {
        "html_theme": PRINT_THEME,
        "html_theme_path": theme_parent,
        # No static files of the web edition (CSS, favicon): the design
        # tokens and the fonts come from publication.design, which print.css
        # names by relative URL (WeasyPrint resolves them next to index.html).
        # (-D cannot give an empty list: the theme's own folder stands in.)
        "html_static_path": str(PRINT_THEME_DIR / "static"),
        "html_favicon": "",
        "html_permalinks": "0",  # no "#" after the headings (nor in the bookmarks)
        "html_copy_source": "0",
        "html_show_sourcelink": "0",
        "html_use_index": "0",
        "html_domain_indices": "0",
        "html_baseurl": "",
    }


def build_singlehtml(lang: str, out_dir: Path, doctree_dir: Path, *,
                     warning_is_error: bool = True, quiet: bool = True) -> Path:
    """Run Sphinx's ``singlehtml`` builder with the print theme; returns ``out_dir``.
    (publication.build runs ``sphinx-build -D`` with :func:`sphinx_overrides`
    instead; this is for trying the PDF by hand.)"""
    import io

    from sphinx.application import Sphinx

    overrides = {"language": lang, **sphinx_overrides()}
    app = Sphinx(
        str(facts.SOURCE_DIR), str(facts.ROOT), str(out_dir), str(doctree_dir), "singlehtml",
        confoverrides=overrides, status=io.StringIO() if quiet else None,
        warningiserror=warning_is_error, freshenv=False,
    )
    app.build()
    if app.statuscode:
        raise PdfError(f"sphinx-build -b singlehtml ({lang}) failed")
    return Path(out_dir)


# -- Hyphenation ----------------------------------------------------------------------
#
# WeasyPrint hyphenates with pyphen, under the limits print.css sets
# (hyphenate-limit-chars, hyphenate-limit-zone). pyphen has no Finnish
# dictionary; soft hyphens in the text would give the breaks, but WeasyPrint
# applies neither limit to soft hyphens (weasyprint/text/line_break.py), so a
# Finnish line would end in a hyphen whenever one fits. Instead, the Finnish
# PDF gets a pyphen dictionary of its own words for the time of the render:
# one whole-word pattern per word, with the breaks of publication.hyphenation
# (3 letters at least on each side, only where every reading of the word
# allows one, a compound only at its seams), and the same CSS limits as
# Swedish and English.

# Finnish breaks in the PDF: 3 letters at least on each side (the posters keep
# publication.hyphenation's own limits), at a compound's seam rather than
# inside one of its parts.
PRINT_LEFT_MIN, PRINT_RIGHT_MIN = 3, 3


def print_breaks(word: str, lang: str) -> list[int]:
    """Where the PDF may hyphenate a Finnish ``word``."""
    return word_breaks(word, lang, PRINT_LEFT_MIN, PRINT_RIGHT_MIN, seams_first=True)


def pyphen_patterns(words, lang: str) -> str:
    """A pyphen (libhyphen) dictionary that breaks exactly these words where
    :func:`print_breaks` says, and no other word anywhere: ".toiminta1tapoja."."""
    patterns = set()
    for word in {w.lower() for w in words}:
        breaks = print_breaks(word, lang)
        if breaks:
            pieces = [word[i:j] for i, j in zip([0, *breaks], [*breaks, len(word)])]
            patterns.add("." + "1".join(pieces) + ".")
    return "UTF-8\n" + "".join(f"{p}\n" for p in sorted(patterns))


@contextmanager
def pyphen_dictionary(lang: str, html: str):
    """Make ``lang`` known to pyphen (and so to WeasyPrint's ``hyphens:
    auto``) for the words of ``html``, until the block ends."""
    import pyphen

    if lang != "fi":
        yield
        return
    words = WORD.findall(_visible_text(html))  # not the <style> of the page: no CSS names
    with tempfile.TemporaryDirectory(prefix="hyph-") as folder:
        path = Path(folder) / f"hyph_{lang}.dic"
        path.write_text(pyphen_patterns(words, lang), encoding="utf-8")
        saved = pyphen.LANGUAGES.get(lang), pyphen.LANGUAGES_LOWERCASE.get(lang)
        pyphen.LANGUAGES[lang], pyphen.LANGUAGES_LOWERCASE[lang] = path, lang
        try:
            yield
        finally:
            for table, value in zip((pyphen.LANGUAGES, pyphen.LANGUAGES_LOWERCASE), saved):
                if value is None:
                    table.pop(lang, None)
                else:
                    table[lang] = value
            pyphen.hdcache.pop(path, None)


# Elements whose text is not laid out as running text: metadata, scripts,
# and headings (they also become bookmarks and the running footer).
_NOT_SET = frozenset({"head", "title", "script", "style", "template", "textarea",
                      "h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
})

# A hyphen that opens a word ("Asunto ensin -laatusuositukset", the Finnish
# open compound) belongs to that word: a line may break before it, never
# after it. U+2060 WORD JOINER forbids that break; Pango draws nothing for
# it (the font has no glyph for it, and needs none).
_PREFIX_HYPHEN = re.compile(r"(?<=\s)-(?=[^\W\d_])")
WORD_JOINER = "\u2060"


def join_prefix_hyphens(text: str) -> str:
    return _PREFIX_HYPHEN.sub("-" + WORD_JOINER, text)


class _TextFilter(TextRewriter):
    """Re-emits an HTML document with a word joiner after each hyphen that
    opens a word, in the text that is laid out (not in attribute values,
    metadata or headings)."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []  # open elements whose text is left alone

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in _NOT_SET and tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.cdata_elem:  # <script>, <style>: raw text, written as read
            self.out.append(data)
            return
        if not self.stack:
            data = join_prefix_hyphens(data)
        self.out.append(escape(data, quote=False))


def join_prefix_hyphens_html(html: str) -> str:
    """``html`` with :func:`join_prefix_hyphens` applied to the text that is laid out."""
    return _TextFilter().rewrite(html)


# -- Links ---------------------------------------------------------------------------

_EXTERNAL_LINK = re.compile(r'<a class="reference external" href="([^"]*)">([^<]*)</a>')
URL_IN_TEXT = "url-in-text"


def _bare_address(text: str) -> str:
    """An address without scheme, "www." or trailing slash, in lower case."""
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text.strip().lower())
    return text.removeprefix("www.").rstrip("/")


def shows_its_address(text: str, href: str) -> bool:
    """True when a link's text is its address, or a part of it
    ("asuntoensin.fi" for https://asuntoensin.fi/): one word with a dot."""
    bare = _bare_address(unescape(text))
    return bool(bare) and "." in bare and not re.search(r"\s", bare) and bare in _bare_address(unescape(href))


def mark_links_showing_their_address(html: str) -> str:
    """Give the class ``url-in-text`` to each external link whose text is
    already its address: print.css prints the address after the other
    links' text, and "asuntoensin.fi (https://asuntoensin.fi/)" says it twice."""
    def mark(match):
        href, text = match.groups()
        if not shows_its_address(text, href):
            return match.group(0)
        return f'<a class="reference external {URL_IN_TEXT}" href="{href}">{text}</a>'

    return _EXTERNAL_LINK.sub(mark, html)


# -- PDF ---------------------------------------------------------------------------

def _w3c_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _url_fetcher():
    """Local files and data: URLs only; a missing file stops the render."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def _visible_text(html: str) -> str:
    """The text of an HTML document: what the PDF will print."""
    import html as html_module

    body = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", html)
    return html_module.unescape(re.sub(r"<[^>]*>", " ", body))


PAGE_MARGINS = (24, 40, 28, 38)  # mm: top, right, bottom, left (left to right; mirrored for right to left)


def page_css(lang: str) -> str:
    """The page of an edition: its margins and the running footer (the
    chapter and the page number) in the edition's typeface (@page boxes do
    not see tokens.css's custom properties). A right-to-left edition is
    mirrored: the wider margin on the left (where its lines end), the chapter
    in the bottom right corner (where they start), the page number bottom left."""
    from . import design

    family = fonts.design_typeface(lang).family
    top, right, bottom, left = PAGE_MARGINS
    chapter = f'content: string(chapter); font: 9pt "{family}"; color: {design.MUTED};'
    number = f'content: counter(page); font: bold 9pt "{family}";'
    if design.direction(lang) == "rtl":
        right, left = left, right
        start, end = f"@bottom-right {{ {chapter} direction: rtl; }}", f"@bottom-left {{ {number} }}"
    else:
        start, end = f"@bottom-left {{ {chapter} }}", f"@bottom-right {{ {number} }}"
    # The cover's page (print.css: @page cover) has neither.
    return f"@page {{\n  margin: {top}mm {right}mm {bottom}mm {left}mm;\n  {start}\n  {end}\n}}\n"


def render_pdf(lang: str, singlehtml_dir: Path) -> bytes:
    """The PDF of ``singlehtml_dir/index.html`` as bytes."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    index = Path(singlehtml_dir).resolve() / "index.html"
    try:
        html = index.read_text(encoding="utf-8")
    except OSError as error:
        raise PdfError(f"{index}: cannot be read ({error.strerror}); run the singlehtml build first") from None
    if not re.search(rf'<html[^>]*\slang="{re.escape(lang)}"', html):
        raise PdfError(f"{index}: not the {lang!r} edition (<html lang> differs)")
    try:
        missing = fonts.uncovered(_visible_text(html), lang=lang)
    except fonts.FontError as error:
        raise PdfError(f"the {lang!r} PDF: {error}") from None
    if missing:
        raise PdfError(f"the {lang!r} PDF: the font has no glyph for {fonts.describe(missing)} (the {lang!r}"
                       f" edition is set in {fonts.design_typeface(lang).family}); it would be set in another font"
                       " (use another character in the text)")
    html = join_prefix_hyphens_html(mark_links_showing_their_address(html))
    try:
        with pyphen_dictionary(lang, html):
            document = weasyprint.HTML(
                string=html, base_url=index.as_uri(), url_fetcher=_url_fetcher(),
            ).render(pdf_variant="pdf/ua-1", stylesheets=[weasyprint.CSS(string=cover.cover_css()),
                                                       weasyprint.CSS(string=page_css(lang))])
    except FatalURLFetchingError as error:  # a BaseException: make it an ordinary error
        cause = error.__cause__ or error
        raise PdfError(f"the {lang!r} PDF: {error} ({cause})") from None
    date = _w3c_date(settings.source_date_epoch())
    document.metadata.created = date
    document.metadata.modified = date
    document.metadata.generator = None  # no tool versions beyond WeasyPrint's Producer
    return document.write_pdf(pdf_variant="pdf/ua-1", full_fonts=False)


def write_pdf(lang: str, singlehtml_dir: Path, out_pdf: Path) -> Path:
    """Render ``singlehtml_dir/index.html`` into ``out_pdf`` (written whole or not at all)."""
    out_pdf = Path(out_pdf)
    data = render_pdf(lang, Path(singlehtml_dir))
    write_file(out_pdf, data)
    return out_pdf
