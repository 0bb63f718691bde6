"""The editions of the publication, named on the about page (``.. editions::``).

The list holds the shipped languages of ``locale/languages.toml`` (a shipped
edition is complete: its build stops on any untranslated message) and the
edition being built, each by its name in itself (CLDR, through
:func:`publication.languages.autonym`) and marked with its language and
direction. A language being translated appears nowhere until it ships. On the
web, the names of the editions of the same site (LANGS) link to their about
page; in the PDF and the EPUB they are plain names, so that the books do not
depend on which editions were built beside them.
"""

import html

from docutils import nodes
from docutils.parsers.rst import Directive

from . import languages, settings


class editions_list(nodes.General, nodes.Element):
    pass


class EditionsDirective(Directive):
    def run(self):
        return [editions_list()]


def editions_of(lang: str) -> list[str]:
    """The shipped languages and ``lang``, in the registry's order."""
    shipped = set(languages.shipped())
    codes = [code for code in languages.registry() if code in shipped or code == lang]
    return codes if lang in codes else [*codes, lang]


def _attributes(code: str, page_lang: str, builder: str) -> str:
    """lang (and xml:lang in the EPUB's XHTML), and dir where the name's
    direction differs from the page's."""
    quoted = html.escape(code, quote=True)
    attributes = f' lang="{quoted}"'
    if builder.startswith("epub"):
        attributes += f' xml:lang="{quoted}"'
    direction = languages.get(code).direction
    if direction != languages.get(page_lang).direction:
        attributes += f' dir="{direction}"'
    return attributes


def _item(code: str, page_lang: str, app, docname: str, site: list[str]) -> nodes.list_item:
    name = html.escape(languages.autonym(code))
    attributes = _attributes(code, page_lang, app.builder.name)
    if app.builder.name == "html" and code != page_lang and code in site:
        up = "../" * (docname.count("/") + 1)
        href = html.escape(f"{up}{code}/{app.builder.get_target_uri(docname)}", quote=True)
        text = f'<a href="{href}" hreflang="{html.escape(code, quote=True)}"{attributes}>{name}</a>'
    else:
        text = f"<span{attributes}>{name}</span>"
    return nodes.list_item("", nodes.paragraph("", "", nodes.raw("", text, format="html")))


def make_list(app, doctree, docname) -> None:
    found = list(doctree.findall(editions_list))
    if not found:
        return
    lang = app.config.language
    if app.builder.format != "html":
        for node in found:
            node.replace_self(nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph(
                "", languages.autonym(code))) for code in editions_of(lang)), classes=["editions"]))
        return
    site = settings.languages()
    for node in found:
        node.replace_self(nodes.bullet_list("", *(_item(code, lang, app, docname, site) for code in editions_of(lang)),
                                            classes=["editions", "simple"]))


def setup(app):
    app.add_directive("editions", EditionsDirective)
    app.add_node(editions_list)
    app.connect("doctree-resolved", make_list)
