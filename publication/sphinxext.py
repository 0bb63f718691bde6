"""Sphinx extension of the handbook: one edition per language.

- registers the recommendation markup (publication.rst);
- gives each edition its title and metadata from the catalogs;
- stops the build on a message that has no translation in a shipped language;
- adds the language switcher, hreflang alternates and a meta description.
"""

import html

from babel import Locale
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from . import catalogs, facts, rst

logger = logging.getLogger(__name__)


# -- Per-edition settings ---------------------------------------------------------

def configure_edition(app, config):
    lang = config.language
    if lang in catalogs.known_languages():
        translate = catalogs.translator(lang)
    else:
        translate = lambda msgid: msgid  # noqa: E731 - build.py reports unknown languages
    title = translate(facts.TITLE)
    publisher = translate(facts.PUBLISHER)
    config.project = title
    config.html_title = title
    config.author = publisher
    config.copyright = f"{facts.EDITION}, {publisher}"
    config.epub_title = title
    config.epub_author = publisher
    config.epub_publisher = publisher
    config.epub_copyright = config.copyright
    if facts.base_url():
        config.html_baseurl = f"{facts.base_url()}{lang}/"


# -- Untranslated messages ---------------------------------------------------------

def _identical_translations(lang: str) -> frozenset:
    """msgids whose translation is the msgid itself (Sphinx leaves those unmarked)."""
    return frozenset(m for m, s in catalogs.messages(lang).items() if m == s)


class UntranslatedMessages(SphinxTransform):
    """Warn (an error under -W) about each message left in the source language.

    Runs right after Sphinx's i18n transform (priority 20), which marks each
    node it translated with ``translated``."""

    default_priority = 21

    def apply(self):
        lang = self.config.language
        if lang == facts.SOURCE_LANGUAGE or self.app.builder.name == "gettext":
            return
        identical = _identical_translations(lang)
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        po = f"locale/{lang}/LC_MESSAGES/{domain}.po"
        for node, msgid in extract_messages(self.document):
            if node.get("translated") or msgid in identical or not msgid.strip():
                continue
            logger.warning(
                "no %r translation of %r in %s (run `make update-po`, then translate it)",
                lang, msgid[:70], po, location=node, type="publication", subtype="untranslated",
            )


# -- Web pages -------------------------------------------------------------------

def autonym(lang: str) -> str:
    """A language's name in itself, from the CLDR data of Babel."""
    name = Locale.parse(lang).get_display_name(lang)
    return name[:1].upper() + name[1:]


def page_description(doctree) -> str:
    """The first paragraph of the page body, cut at a word near 155 characters."""
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section):
            text = " ".join(paragraph.astext().split())
            if len(text) <= 155:
                return text
            return text[:155].rsplit(" ", 1)[0] + " …"
    return ""


def add_edition_links(app, pagename, templatename, context, doctree):
    if app.builder.name.startswith("epub"):
        return  # links out of the book, and HTML (not XHTML) meta tags
    lang = app.config.language
    depth = pagename.count("/") + 1
    up = "../" * depth
    editions = []
    links = []
    for other in app.config.publication_languages:
        href = f"{up}{other}/{pagename}.html"
        absolute = f"{facts.base_url()}{other}/{pagename}.html" if facts.base_url() else href
        editions.append({"lang": other, "name": autonym(other), "href": href, "current": other == lang})
        links.append(f'<link rel="alternate" hreflang="{other}" href="{html.escape(absolute)}">')
    context["editions"] = editions
    description = page_description(doctree) or context.get("docstitle", "")
    extra = "\n".join(links)
    extra += f'\n<meta name="description" content="{html.escape(description)}">'
    context["metatags"] = context.get("metatags", "") + extra + "\n"


def setup(app):
    rst.setup(app)
    app.add_config_value("publication_languages", list(facts.LANGUAGES), "html")
    app.connect("config-inited", configure_edition)
    app.add_transform(UntranslatedMessages)
    app.connect("html-page-context", add_edition_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
