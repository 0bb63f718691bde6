"""The downloads page of each web edition (``source/downloads.rst``).

The page's own text is ordinary reST (translated through the catalogs). The
``downloads`` directive stands for the list of the edition's files: the PDF,
the EPUB, the checklist and every poster, each with its format and size, and
a thumbnail rendered from each poster. The list is made when the HTML
builder writes the page, from the files then in the build folder, which are
copied into the site (``<lang>/downloads/``): every link works when the site
is served or opened from disk. Other builders drop the list, and
``downloads-link`` (a link to the page, for the front page) with it.
"""

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from babel.units import format_unit
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.util import logging

from . import facts, ui
from .content import load_sections

logger = logging.getLogger(__name__)

PAGE = "downloads"
FOLDER = "downloads"  # in each edition's web site
THUMBNAIL_WIDTH = 180  # px


class downloads_list(nodes.General, nodes.Element):
    pass


class downloads_link(nodes.General, nodes.Element):
    pass


class DownloadsDirective(Directive):
    def run(self):
        return [downloads_list()]


class DownloadsLinkDirective(Directive):
    def run(self):
        return [downloads_link()]


@dataclass(frozen=True)
class Download:
    label: str
    path: Path  # in the build folder
    name: str  # in the site's downloads folder
    thumbnail_alt: str | None = None  # posters have a thumbnail

    @property
    def format(self) -> str:
        return self.path.suffix.lstrip(".").upper()


def edition_downloads(lang: str, build_dir: Path = facts.BUILD_DIR) -> list[tuple[str, list[Download]]]:
    """The edition's files in groups: (heading, files)."""
    _ = ui.translator(lang)
    sections = load_sections(lang)
    posters = build_dir / "posters" / lang

    def poster_list(folder: Path, prefix: str) -> list[Download]:
        items = [Download(s.title, folder / f"{s.number:02d}-{s.page}.pdf", f"{prefix}{s.number:02d}-{s.page}.pdf",
                          _("Thumbnail of the poster “%(title)s”") % {"title": s.title})
                 for s in sections]
        return items

    return [
        (_("Handbook"), [
            Download(_("The handbook as a PDF file (A4)"), build_dir / "pdf" / f"{facts.NAME}-{lang}.pdf",
                     f"{facts.NAME}-{lang}.pdf"),
            Download(_("The handbook as an EPUB 3 e-book"), build_dir / "epub" / f"{facts.NAME}-{lang}.epub",
                     f"{facts.NAME}-{lang}.epub"),
        ]),
        (_("Self-assessment checklist"), [
            Download(_("Self-assessment checklist, a fillable PDF form (A4)"),
                     build_dir / "checklist" / f"{facts.NAME}-{lang}.pdf", f"{facts.NAME}-checklist-{lang}.pdf"),
        ]),
        (_("Posters for an office printer (A3)"), [
            *poster_list(posters, "poster-"),
            Download(_("All posters in one file"), posters / "all.pdf", "posters-all.pdf"),
        ]),
        (_("Posters for an A4 printer"), poster_list(posters / "a4", "poster-a4-")),
        (_("Posters for a print shop (A3 with 3 mm bleed and crop marks)"),
         poster_list(posters / "print", "poster-print-")),
    ]


def file_size(size: int, lang: str) -> str:
    """A file size in the edition's language (CLDR units, via Babel)."""
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=lang)
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=lang)


def render_thumbnail(pdf: Path, png: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[0]
        scale = THUMBNAIL_WIDTH / page.get_width()
        page.render(scale=scale).to_pil().convert("RGB").save(png, optimize=True)
    finally:
        document.close()


def _item(download: Download, lang: str, outdir: Path) -> nodes.list_item:
    target = outdir / FOLDER / download.name
    shutil.copyfile(download.path, target)
    item = nodes.list_item(classes=["download"])
    paragraph = nodes.paragraph()
    if download.thumbnail_alt:
        png = Path(download.name).with_suffix(".png").name
        render_thumbnail(download.path, outdir / FOLDER / "thumbnails" / png)
        paragraph += nodes.raw("", f'<img class="download-thumbnail" src="{FOLDER}/thumbnails/{png}" '
                                   f'alt="{html.escape(download.thumbnail_alt, quote=True)}" '
                                   f'width="{THUMBNAIL_WIDTH}">', format="html")
    paragraph += nodes.reference("", download.label, refuri=f"{FOLDER}/{download.name}", classes=["download-link"])
    details = f"{download.format}, {file_size(download.path.stat().st_size, lang)}"
    paragraph += nodes.inline("", f" ({details})", classes=["download-details"])
    item += paragraph
    return item


def make_list(app, doctree, docname) -> None:
    lists = list(doctree.findall(downloads_list))
    links = list(doctree.findall(downloads_link))
    if app.builder.name != "html":
        for node in lists + links:
            node.parent.remove(node)
        return
    for node in links:
        reference = nodes.reference("", app.env.titles[PAGE].astext(), refuri=app.builder.get_relative_uri(docname, PAGE))
        node.replace_self(nodes.paragraph("", "", reference, classes=["downloads-link"]))
    if not lists:
        return
    lang = app.config.language
    build_dir = facts.BUILD_DIR
    outdir = Path(app.outdir)
    (outdir / FOLDER / "thumbnails").mkdir(parents=True, exist_ok=True)
    replacement = []
    for number, (heading, downloads) in enumerate(edition_downloads(lang, build_dir), 1):
        missing = [str(d.path) for d in downloads if not d.path.exists()]
        if missing:
            logger.warning("downloads: not built yet: %s (run `make all`)", ", ".join(missing),
                           location=lists[0], type="publication", subtype="downloads")
            continue
        section = nodes.section(ids=[f"downloads-{number}"])
        section += nodes.title("", heading)
        section += nodes.bullet_list("", *(_item(d, lang, outdir) for d in downloads), classes=["downloads"])
        replacement.append(section)
    lists[0].replace_self(replacement)
    for extra in lists[1:]:
        extra.parent.remove(extra)


def setup(app):
    app.add_directive("downloads", DownloadsDirective)
    app.add_directive("downloads-link", DownloadsLinkDirective)
    app.add_node(downloads_list)
    app.add_node(downloads_link)
    app.connect("doctree-resolved", make_list)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
