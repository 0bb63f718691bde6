"""The EPUB 3 edition: Sphinx's epub builder made accessible and reproducible.

Sphinx writes content.opf, nav.xhtml and toc.ncx from templates of its own
that neither settings nor ``templates_path`` reach, so this builder (it
replaces the builder name ``epub``) edits what Sphinx wrote:

- ``lang``/``xml:lang`` on every content document (the nav has them already),
  and ``dir`` (publication.sphinxext adds it to the content documents, this
  builder to the nav); ``page-progression-direction`` of the spine from the
  language's direction (right to left for Arabic);
- EPUB Accessibility 1.1 metadata and a ``cover-image`` in content.opf;
- ``role="doc-toc"`` and a landmarks nav in nav.xhtml;
- a cover in the edition's language (publication.cover) with a text alternative;
- toc.ncx names the book's identifier (sphinx#11184: Sphinx puts ``epub_uid``
  there, which EPUBCheck reports as NCX-001);
- one stylesheet, the theme's ``book.css`` (``epub_theme/``), with the design
  tokens (publication.design) written in as literal colours, and the fonts
  the text uses; every file that no content document, stylesheet or the
  package document refers to (Sphinx's basic.css and icons, the web's
  handbook.css and favicon, tokens.css, unused font faces) is left out;
- each section page's ``<section>`` carries its ``hb-section-N`` class;
- the dates from SOURCE_DATE_EPOCH and a zip with fixed order and timestamps,
  so that the same sources give the same bytes.

The builder's own texts (navigation labels, accessibility summary) are
interface strings (publication.ui): English msgids, translated in
``locale/<lang>/LC_MESSAGES/sphinx.po``; Sphinx's own Finnish catalog has no
"Table of Contents".
"""

import html
import os
import posixpath
import re
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from docutils import nodes
from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import cover, design, facts, settings, sphinxext, ui

logger = logging.getLogger(__name__)

COVER_IMAGE = "_images/cover.png"
COVER_PAGE = "epub-cover"  # Sphinx's name for the cover page (epub-cover.xhtml)
UID = "bookid"  # the XML id of dc:identifier in content.opf

THEME = "handbook_epub"
THEME_DIR = Path(__file__).resolve().parent / "epub_theme"
STYLESHEET = "book.css"  # the theme's (static/book.css.jinja)

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ZIP_COMPRESSLEVEL = 9


def book_identifier(lang: str) -> str:
    """A URN that stays the same for an edition (name, language, year)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{facts.NAME}/{lang}/{facts.EDITION}").urn


def epub_texts(lang: str) -> dict[str, str]:
    """The builder's own texts in the edition's language."""
    _ = ui.sphinx_translator(lang)
    return {
        "toc": _("Table of contents"),
        "cover": _("Cover"),
        "summary": _(
            "The publication is text structured with headings and lists, with a table of "
            "contents and a logical reading order. The cover image has a text "
            "alternative. The publication meets WCAG 2.1 Level AA. It has no flashing "
            "content, sound or motion."
        ),
    }


# -- What the book uses --------------------------------------------------------------

# Inline elements whose text is set in bold by book.css or the browser.
_BOLD = (nodes.strong, nodes.title, nodes.term, nodes.field_name)


def _is_bold(node) -> bool:
    while node is not None:
        if isinstance(node, _BOLD) or "recommendation-id" in node.get("classes", []):
            return True
        node = node.parent
    return False


def font_faces(doctrees, lang: str | None = None) -> list[design.FontFile]:
    """The faces of the font the text is set in: regular and bold always
    (text, headings), italic and bold italic only if some text is
    emphasised (outside or inside bold)."""
    italic = bold_italic = False
    for doctree in doctrees:
        for node in doctree.findall(nodes.emphasis):
            if _is_bold(node.parent):
                bold_italic = True
            else:
                italic = True
        for node in doctree.findall(nodes.strong):
            if any(isinstance(a, nodes.emphasis) for a in _ancestors(node)):
                bold_italic = True
    wanted = {("normal", "normal"), ("bold", "normal")}
    if italic:
        wanted.add(("normal", "italic"))
    if bold_italic:
        wanted.add(("bold", "italic"))
    return [font for font in design.typeface(lang).files if (font.weight, font.style) in wanted]


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def stylesheet_context(doctrees, lang: str | None = None) -> dict:
    """What book.css.jinja is filled in with: the design tokens as literal
    values, the typeface of the edition's language."""
    face = design.typeface(lang)
    return {
        "font_family": face.family,
        "font_stack": face.stack,
        "fonts": font_faces(doctrees, lang),
        "brand": design.BRAND,
        "sections": sorted(design.SECTION_COLOURS.items()),
    }


_XHTML_REFERENCE = re.compile(r'\s(?:href|src)="([^"]*)"')
_CSS_REFERENCE = re.compile(r"""url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)""")


def references(path: Path, text: str) -> set[str]:
    """Local files that an XHTML or CSS file refers to, as paths relative
    to the book's root (``path`` is relative to it too)."""
    pattern = _CSS_REFERENCE if path.suffix == ".css" else _XHTML_REFERENCE
    found = set()
    for match in pattern.finditer(text):
        target = html.unescape(next(g for g in match.groups() if g))
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        found.add(posixpath.normpath(posixpath.join(posixpath.dirname(path.as_posix()), unquote(parts.path))))
    return found


def unused_files(root: Path, documents, always=(), suffixes=None) -> list[str]:
    """Files under ``root`` that no content document (``documents``), nor
    any stylesheet they link, refers to, and that are not in ``always`` (the
    cover image: the package document's). Content documents themselves are
    never listed; with ``suffixes``, only files of those suffixes are (what
    the builder would package)."""
    used, pending = set(always), [Path(d).as_posix() for d in documents]
    while pending:
        name = pending.pop()
        if name in used:
            continue
        used.add(name)
        file = root / name
        if file.suffix in (".xhtml", ".html", ".css") and file.is_file():
            pending.extend(references(Path(name), file.read_text(encoding="utf-8")) - used)
    unused = []
    for folder, _, files in os.walk(root):
        for file in files:
            name = (Path(folder) / file).relative_to(root).as_posix()
            suffix = Path(name).suffix
            if name in used or suffix in (".xhtml", ".html") or (suffixes is not None and suffix not in suffixes):
                continue
            unused.append(name)
    return sorted(unused)


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_PREFIX_HYPHEN_WORD = re.compile(r"(?<=\s)-[^\W\d_]+")


def keep_prefix_hyphens(body: str) -> str:
    """A hyphen that opens a word ("Asunto ensin -laatusuositukset", the
    Finnish open compound) belongs to that word: it is kept with it in a
    ``nowrap`` span (book.css), so no line ends in "ensin -". Text only,
    never inside a tag."""
    pieces = _TAG_OR_TEXT.split(body)
    for index in range(0, len(pieces), 2):  # the even pieces are text
        pieces[index] = _PREFIX_HYPHEN_WORD.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', pieces[index])
    return "".join(pieces)


def _replace_once(path: Path, old: str, new: str) -> None:
    """Replace the single ``old`` in a file Sphinx wrote from its template;
    anything else means the template changed, which must not pass unnoticed."""
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise ExtensionError(f"{path.name}: expected exactly one {old!r} (has Sphinx's EPUB template changed?)")
    path.write_text(text.replace(old, new), encoding="utf-8")


class AccessibleEpubBuilder(Epub3Builder):
    name = "epub"

    def init(self) -> None:
        super().init()
        self.lang = self.config.epub_language
        lang = html.escape(self.lang)
        # Sphinx's <html> tag for EPUB has no language at all.
        self.html_tag = HTML_TAG.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
        self.texts = epub_texts(self.lang)
        # Sphinx's labels are English in every language ("XXX should be localized").
        self.guide_titles = {"toc": self.texts["toc"], "cover": self.texts["cover"]}

    def cover_texts(self) -> tuple[str, str, str]:
        """Title, publisher and edition, as publication.sphinxext set them for the language."""
        return self.config.project, self.config.author, facts.EDITION

    # -- Stylesheet ----------------------------------------------------------------

    def add_css_file(self, filename: str, **kwargs) -> None:
        """Link the theme's stylesheet only: not pygments.css (the book has
        no code), not tokens.css (custom properties, which some reading
        systems ignore; book.css has the same tokens as literal values), not
        the web's handbook.css (epub_css_files is empty in conf.py)."""
        if filename == STYLESHEET:
            super().add_css_file(filename, **kwargs)

    def prepare_writing(self, docnames) -> None:
        super().prepare_writing(docnames)
        # The context of the theme's static templates (book.css.jinja).
        excluded = set(self.config.epub_exclude_files)
        doctrees = (self.env.get_doctree(name) for name in sorted(self.env.found_docs)
                    if name + self.out_suffix not in excluded)
        self.globalcontext["book"] = stylesheet_context(doctrees, self.lang)

    # -- Pages ---------------------------------------------------------------------

    def handle_page(self, pagename, addctx, templatename="page.html", **kwargs):
        # Sphinx's cover template has the English alt text "Cover image";
        # the cover page gets the same layout as the other pages instead.
        if pagename == COVER_PAGE:
            alt = html.escape(cover.cover_alt_text(*self.cover_texts()))
            addctx = {**addctx, "body": f'<div class="epub-cover"><img src="{COVER_IMAGE}" alt="{alt}" /></div>'}
            templatename = "page.html"
        elif "body" in addctx:
            body = keep_prefix_hyphens(addctx["body"])
            if pagename in facts.SECTION_PAGES:
                # The section's colour for the page heading too (book.css).
                number = facts.SECTION_PAGES.index(pagename)
                if not body.lstrip().startswith("<section "):
                    raise ExtensionError(f"{pagename}: the page body does not start with a <section>")
                body = body.replace("<section ", f'<section class="hb-section-{number}" ', 1)
            addctx = {**addctx, "body": body}
        super().handle_page(pagename, addctx, templatename, **kwargs)

    def handle_finish(self) -> None:
        # Before Sphinx lists the output folder into the manifest.
        try:
            cover.make_cover_png(self.cover_texts(), self.outdir / COVER_IMAGE, self.lang)
        except ValueError as error:  # a title too long for the cover
            logger.warning("the %s cover: %s", self.lang, error, type="publication", subtype="cover")
        excluded = set(self.config.epub_exclude_files)
        documents = sorted(p.relative_to(self.outdir).as_posix() for p in self.outdir.rglob("*.xhtml")
                           if p.relative_to(self.outdir).as_posix() not in excluded)
        for name in unused_files(self.outdir, documents, always=[COVER_IMAGE], suffixes=self.media_types):
            (self.outdir / name).unlink()  # so Sphinx does not list it in the manifest
        super().handle_finish()

    # -- content.opf -----------------------------------------------------------

    def content_metadata(self):
        metadata = super().content_metadata()
        # The order of the pages follows the language: a right-to-left book
        # turns its pages from right to left (Sphinx writes "ltr" always).
        metadata["page_progression_direction"] = design.direction(self.lang)
        # Sphinx uses the clock when SOURCE_DATE_EPOCH is unset; the project
        # has its own default (settings.source_date_epoch).
        when = time.gmtime(settings.source_date_epoch())
        metadata["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", when)
        description = sphinxext.page_description(self.env.get_doctree(self.config.root_doc))
        metadata["description"] = html.escape(description or self.config.epub_title)
        return metadata

    def accessibility_metadata(self) -> str:
        features = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"]
        properties = [
            ("schema:accessMode", "textual"),
            ("schema:accessModeSufficient", "textual"),
            *(("schema:accessibilityFeature", feature) for feature in features),
            ("schema:accessibilityHazard", "none"),
            ("schema:accessibilitySummary", self.texts["summary"]),
            ("dcterms:conformsTo", CONFORMS_TO),
        ]
        return "".join(f'    <meta property="{name}">{html.escape(value)}</meta>\n'
                       for name, value in properties)

    def build_content(self) -> None:
        super().build_content()
        opf = self.outdir / "content.opf"
        _replace_once(opf, "  </metadata>", self.accessibility_metadata() + "  </metadata>")
        image = f'href="{COVER_IMAGE}" media-type="image/png"'
        _replace_once(opf, image, f'{image} properties="cover-image"')
        # The landmarks link to the nav's table of contents, and a link may
        # only lead to a spine item (EPUBCheck RSC-011).
        _replace_once(opf, "  </spine>", '    <itemref idref="nav" linear="no" />\n  </spine>')

    # -- nav.xhtml and toc.ncx -------------------------------------------------

    def landmarks(self) -> str:
        root = self.config.root_doc
        entries = [
            ("cover", f"{COVER_PAGE}{self.out_suffix}", self.guide_titles["cover"]),
            ("toc", "nav.xhtml#toc", self.guide_titles["toc"]),
            ("bodymatter", f"{root}{self.out_suffix}", self.env.titles[root].astext()),
        ]
        items = "".join(f'        <li><a epub:type="{kind}" href="{href}">{html.escape(text)}</a></li>\n'
                        for kind, href, text in entries)
        return f'    <nav epub:type="landmarks" hidden="">\n      <ol>\n{items}      </ol>\n    </nav>\n'

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = self.outdir / "nav.xhtml"
        _replace_once(nav, '<nav epub:type="toc">', '<nav epub:type="toc" id="toc" role="doc-toc">')
        lang = html.escape(self.lang)
        # Sphinx writes nav.xhtml from its own template, not through the
        # renderer that gives the content documents their dir (sphinxext).
        _replace_once(nav, f'xml:lang="{lang}">', f'xml:lang="{lang}" dir="{design.direction(self.lang)}">')
        _replace_once(nav, "  </body>", self.landmarks() + "  </body>")

    def toc_metadata(self, level, navpoints):
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)  # sphinx#11184
        return metadata

    # -- The .epub file --------------------------------------------------------

    def build_epub(self) -> None:
        """Zip the book: mimetype first and stored (the OCF rule), the rest
        deflated, in Sphinx's order, with the timestamp of SOURCE_DATE_EPOCH
        and fixed attributes, so that equal files give equal bytes."""
        outname = self.config.epub_basename + ".epub"
        logger.info("writing %s file...", outname)
        # A zip cannot store times before 1980.
        date_time = max(time.gmtime(settings.source_date_epoch())[:6], (1980, 1, 1, 0, 0, 0))
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with ZipFile(self.outdir / outname, "w") as epub:
            for name in names:
                info = ZipInfo(name, date_time)
                info.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever system builds it
                info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                epub.writestr(info, (self.outdir / name).read_bytes(), compresslevel=ZIP_COMPRESSLEVEL)


def configure_epub(app, config) -> None:
    """EPUB settings that follow from the edition; after publication.sphinxext
    (priority 500) has set the title and publisher of the language."""
    config.epub_uid = UID
    config.epub_identifier = book_identifier(config.language)
    config.epub_contributor = config.epub_publisher  # Sphinx's default is "unknown"
    config.epub_cover = (COVER_IMAGE, "epub-cover.html")  # the page: handle_page
    # Sphinx adds the cover page to manifest and spine itself; a page left by
    # an earlier build in the output folder would be listed a second time
    # (a duplicate itemref) and change the manifest order.
    config.epub_exclude_files = [*config.epub_exclude_files, f"{COVER_PAGE}.xhtml"]


def setup(app):
    app.setup_extension("sphinx.builders.epub3")
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_builder(AccessibleEpubBuilder, override=True)
    app.connect("config-inited", configure_epub, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
