"""The A4 PDF of an edition: Sphinx's ``singlehtml`` page, rendered by WeasyPrint.

The page is built with the project's own print theme (``print_theme/``:
a cover, contents with page numbers, one handbook page per PDF page run),
not with Furo, whose CSS makes WeasyPrint about ten times slower::

    sphinx-build -b singlehtml -c . -D language=LANG -D KEY=VALUE... source OUT
    write_pdf(LANG, OUT, BUILD / "pdf" / f"{facts.NAME}-{LANG}.pdf")

with each KEY=VALUE of :func:`sphinx_overrides` (publication.build does
this; :func:`build_singlehtml` runs the first step in this process).

The PDF is PDF/UA-1 (tagged, ``/Lang`` from ``<html lang>``, title shown),
embeds subsets of Atkinson Hyperlegible, and is byte-for-byte the same for
the same input and ``SOURCE_DATE_EPOCH``. Finnish text gets soft hyphens
from :mod:`publication.hyphenation` (pyphen, which WeasyPrint uses for
``hyphens: auto``, has no Finnish dictionary); Swedish and English are
hyphenated by WeasyPrint itself.
"""

import logging
import re
from datetime import datetime, timezone
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from . import facts, fonts, settings
from .files import write_file
from .hyphenation import soft_hyphenate

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


# -- Finnish hyphenation ----------------------------------------------------------------

# Elements whose text gets no soft hyphens: metadata, code, headings (they
# become bookmarks and running footers, and are short), the cover and the
# contents.
_NO_HYPHENS = frozenset({
    "head", "title", "script", "style", "template", "textarea",
    "pre", "code", "kbd", "samp", "tt", "var",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "nav",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
})


class _Hyphenator(HTMLParser):
    """Re-emits an HTML document with soft hyphens in its text nodes only."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.out: list[str] = []
        self.stack: list[str] = []  # open elements that get no hyphens

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in _NO_HYPHENS and tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.cdata_elem:  # <script>, <style>: raw text, written as read
            self.out.append(data)
        elif self.stack:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(escape(soft_hyphenate(data, self.lang), quote=False))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def hyphenate_html(html: str, lang: str) -> str:
    """``html`` with soft hyphens in the text of its body (not in attribute
    values, code, headings, the cover, the contents or the metadata)."""
    parser = _Hyphenator(lang)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


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
    missing = fonts.uncovered(_visible_text(html))
    if missing:
        shown = ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing)
        raise PdfError(f"the {lang!r} PDF: the font has no glyph for {shown}; it would be set in another font"
                       " (use another character in the text)")
    if lang == "fi":
        html = hyphenate_html(html, lang)
    try:
        document = weasyprint.HTML(
            string=html, base_url=index.as_uri(), url_fetcher=_url_fetcher(),
        ).render(pdf_variant="pdf/ua-1")
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
