"""The downloads page of each web edition (``source/downloads.rst``).

The page's own text is ordinary reST (translated through the catalogs). The
``downloads`` directive stands for the edition's files as cards: the
handbook's PDF and EPUB, the checklist, and one card per poster with its A3,
A4 and print-shop files. Sphinx writes the cards from what it knows (the
translated section titles, the interface strings); it never reads a built
file. Site assembly (:mod:`publication.assemble`) runs after the PDF, EPUB,
posters and checklist exist: it copies them into ``<lang>/downloads/``,
renders the thumbnails and fills in each file's size. Other builders drop the
list, and ``downloads-link`` (a link to the page, for the front page) with it.
"""

import html
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import Directive

from . import facts, ui

PAGE = "downloads"
FOLDER = "downloads"  # in each edition's web site
THUMBNAILS = "thumbnails"  # in FOLDER
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


# -- What the page offers (shared with site assembly) ---------------------------------

def N_(msgid: str) -> str:
    """Marks an interface string for extraction (``make gettext``); translated where shown."""
    return msgid


@dataclass(frozen=True)
class File:
    source: str  # relative to the build folder
    name: str  # in the edition's downloads/ folder

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[-1].upper()


@dataclass(frozen=True)
class Card:
    key: str  # "handbook-pdf", "poster-01", ...
    thumbnail_of: File  # the file whose first page (or cover) is the thumbnail
    files: tuple[tuple[str, File], ...]  # (what it is, file)

    @property
    def thumbnail(self) -> str:
        return f"{self.key}.png"


def poster_file_name(number: int, page: str) -> str:
    return f"{number:02d}-{page}.pdf"


def cards(lang: str) -> list[tuple[str, list[Card]]]:
    """The edition's files as (group, cards); the strings are interface
    msgids (English), translated by the caller."""
    name = facts.NAME
    pdf = File(f"pdf/{name}-{lang}.pdf", f"{name}-{lang}.pdf")
    epub = File(f"epub/{name}-{lang}.epub", f"{name}-{lang}.epub")
    checklist = File(f"checklist/{name}-{lang}.pdf", f"{name}-checklist-{lang}.pdf")
    posters = []
    for number, page in enumerate(facts.SECTION_PAGES):
        file = poster_file_name(number, page)
        office = File(f"posters/{lang}/{file}", f"poster-{file}")
        posters.append(Card(f"poster-{number:02d}", office, (
            (N_("A3 poster for an office printer"), office),
            (N_("A4 poster"), File(f"posters/{lang}/a4/{file}", f"poster-a4-{file}")),
            (N_("A3 poster for a print shop (3 mm bleed, crop marks)"),
             File(f"posters/{lang}/print/{file}", f"poster-print-{file}")),
        )))
    all_posters = File(f"posters/{lang}/all.pdf", "posters-all.pdf")
    return [
        (N_("Handbook"), [
            Card("handbook-pdf", pdf, ((N_("The handbook as a PDF file (A4)"), pdf),)),
            Card("handbook-epub", epub, ((N_("The handbook as an EPUB 3 e-book"), epub),)),
        ]),
        (N_("Self-assessment checklist"), [
            Card("checklist", checklist, ((N_("Self-assessment checklist, a fillable PDF form (A4)"), checklist),)),
        ]),
        (N_("Posters"), [*posters, Card("posters-all", all_posters, ((N_("All posters in one file"), all_posters),))]),
    ]


def all_files(lang: str) -> list[File]:
    return list(dict.fromkeys(f for _, group in cards(lang) for card in group for _, f in card.files))


# -- The page (Sphinx) --------------------------------------------------------------------

def _card_title(card: Card, _, titles: dict[str, str]) -> str:
    if card.key.startswith("poster-") and card.key != "posters-all":
        number = int(card.key.split("-")[1])
        return titles[facts.SECTION_PAGES[number]]
    return _(card.files[0][0])


def _card_node(card: Card, title: str, alt: str, _) -> nodes.list_item:
    """One card: the thumbnail, the title, and a link per file that names
    what the file is, its format and (filled in by site assembly) its size.
    A poster's card carries its section's colour (``hb-section-N``)."""
    classes = ["download"]
    if card.key.startswith("poster-") and card.key != "posters-all":
        classes.append(f"hb-section-{int(card.key.split('-')[1])}")
    item = nodes.list_item(classes=classes)
    item += nodes.raw("", f'<img class="download-thumbnail" src="{FOLDER}/{THUMBNAILS}/{card.thumbnail}" '
                          f'alt="{html.escape(alt, quote=True)}" width="{THUMBNAIL_WIDTH}" loading="lazy">',
                      format="html")
    body = nodes.container(classes=["download-body"])
    body += nodes.paragraph("", "", nodes.strong("", title), classes=["download-title"])
    links = nodes.bullet_list(classes=["download-files"])
    for label, file in card.files:
        text = _(label) if len(card.files) > 1 else _("Download")
        reference = nodes.reference("", "", refuri=f"{FOLDER}/{file.name}", classes=["download-link"])
        reference += nodes.inline(text, text, classes=["download-label"])
        reference += nodes.Text(" ")
        # The size is filled in by site assembly (publication.assemble).
        reference += nodes.raw("", f'<span class="download-details" data-file="{html.escape(file.name)}">'
                                   f"({file.format})</span>", format="html")
        links += nodes.list_item("", nodes.paragraph("", "", reference))
    body += links
    item += body
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
    _ = ui.sphinx_translator(lang)
    titles = {page: app.env.titles[page].astext() for page in facts.SECTION_PAGES}
    replacement = []
    for number, (group, group_cards) in enumerate(cards(lang), 1):
        section = nodes.section(ids=[f"downloads-{number}"])
        section += nodes.title("", _(group))
        items = []
        for card in group_cards:
            title = _card_title(card, _, titles)
            if card.key.startswith("poster-") and card.key != "posters-all":
                alt = _("Thumbnail of the poster “%(title)s”") % {"title": title}
            else:
                alt = _("Thumbnail: %(title)s") % {"title": title}
            items.append(_card_node(card, title, alt, _))
        section += nodes.bullet_list("", *items, classes=["downloads"])
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
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
