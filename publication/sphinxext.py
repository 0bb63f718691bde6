"""Sphinx extension of the handbook: one edition per language.

- registers the recommendation markup (publication.rst);
- gives each edition its title and metadata from the catalogs;
- stops the build on a message that has no translation in a shipped language;
- adds the language switcher, hreflang alternates and a meta description;
- gives every page's ``<html>`` the edition's ``lang`` and ``dir`` (web, EPUB,
  the PDF's page), and links ``rtl.css`` into right-to-left web editions.
"""

import hashlib
import html
import re
from pathlib import Path

from babel import Locale
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from . import catalogs, design, facts, rst, settings

logger = logging.getLogger(__name__)


# -- Per-edition settings ---------------------------------------------------------

def _catalog_text(app, msgid: str, domain: str) -> str:
    """``msgid`` translated by Sphinx's gettext from the compiled catalog of
    ``domain`` (a page of the handbook). A shipped language must have it."""
    from sphinx.locale import init

    lang = app.config.language
    if lang == facts.SOURCE_LANGUAGE:
        return msgid
    translator, _found = init([str(facts.BUILD_DIR / "locale")], lang, domain, namespace=f"publication-{domain}")
    text = translator.gettext(msgid)
    if text == msgid:
        logger.warning("no %r translation of %r in locale/%s/LC_MESSAGES/%s.po (run `make update-po`, then "
                       "translate it)", lang, msgid, lang, domain, type="publication", subtype="untranslated")
    return text


def configure_edition(app, config):
    title = _catalog_text(app, facts.TITLE, "index")
    publisher = _catalog_text(app, facts.PUBLISHER, "about")
    config.project = title
    config.html_title = title
    config.author = publisher
    config.copyright = f"{facts.EDITION}, {publisher}"
    config.epub_title = title
    config.epub_author = publisher
    config.epub_publisher = publisher
    config.epub_copyright = config.copyright
    base = settings.base_url()
    if base:
        config.html_baseurl = f"{base}{config.language}/"


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


# -- Catalogs as inputs --------------------------------------------------------------
# Sphinx rereads a page when its compiled catalog is newer than the page's
# doctree only if it finds a .po beside the .mo, and never when the catalog
# was deleted. The environment keeps what each page was read with instead.

def _catalog_state(app, docname: str):
    domain = docname_to_domain(docname, app.config.gettext_compact)
    mo = facts.BUILD_DIR / "locale" / app.config.language / "LC_MESSAGES" / f"{domain}.mo"
    try:
        stat = mo.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def note_catalog(app, doctree) -> None:
    """doctree-read: the catalog this page was translated with."""
    env = app.env
    if not hasattr(env, "publication_catalogs"):
        env.publication_catalogs = {}
    env.publication_catalogs[env.docname] = _catalog_state(app, env.docname)


def outdated_by_catalogs(app, env, added, changed, removed) -> list[str]:
    """env-get-outdated: pages whose catalog changed, appeared or went away."""
    read_with = getattr(env, "publication_catalogs", {})
    return [docname for docname in env.found_docs - added - changed
            if read_with.get(docname, "unknown") != _catalog_state(app, docname)]


def purge_catalog(app, env, docname) -> None:
    getattr(env, "publication_catalogs", {}).pop(docname, None)


def merge_catalogs(app, env, docnames, other) -> None:
    if not hasattr(env, "publication_catalogs"):
        env.publication_catalogs = {}
    for docname in docnames:
        if docname in getattr(other, "publication_catalogs", {}):
            env.publication_catalogs[docname] = other.publication_catalogs[docname]


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
    base = settings.base_url()
    languages = settings.languages()
    for other in languages:
        href = f"{up}{other}/{pagename}.html"
        editions.append({"lang": other, "name": autonym(other), "href": href, "current": other == lang})
        # hreflang needs absolute addresses: without BASE_URL there are none.
        if base and len(languages) > 1:
            absolute = f"{base}{other}/{pagename}.html"
            links.append(f'<link rel="alternate" hreflang="{other}" href="{html.escape(absolute)}">')
    context["editions"] = editions if len(editions) > 1 else []
    description = page_description(doctree) or context.get("docstitle", "")
    extra = "\n".join(links)
    extra += f'\n<meta name="description" content="{html.escape(description)}">'
    context["metatags"] = context.get("metatags", "") + extra + "\n"


# -- Direction ---------------------------------------------------------------------

_HTML_TAG = re.compile(r"<html\b([^>]*)>")
RTL_STYLESHEET = "rtl.css"  # source/_static/rtl.css: Furo mirrored (Furo has no RTL support of its own)


def set_html_direction(page: str, lang: str, direction: str) -> str:
    """``page`` whose ``<html>`` element has ``lang`` and ``dir`` (added
    where missing; an existing ``dir`` is left alone)."""
    def add(match):
        attributes = match.group(1)
        if not re.search(r"\slang=", attributes):
            attributes += f' lang="{html.escape(lang)}"'
        if not re.search(r"\sdir=", attributes):
            attributes += f' dir="{direction}"'
        return f"<html{attributes}>"

    return _HTML_TAG.sub(add, page, count=1)


def add_direction(app) -> None:
    """builder-inited: every page an HTML-based builder renders gets the
    edition's direction on its root element (Furo's, the print theme's and
    the EPUB's templates write only ``lang``); a right-to-left web edition
    links rtl.css after the project's stylesheets."""
    if app.builder.format != "html":
        return
    lang = app.config.language
    direction = design.direction(lang)
    templates = app.builder.templates
    render = templates.render

    def render_with_direction(template, context):
        return set_html_direction(render(template, context), lang, direction)

    templates.render = render_with_direction
    if direction == "rtl" and app.builder.name in ("html", "dirhtml"):
        app.add_css_file(RTL_STYLESHEET, priority=900)


def code_version() -> int:
    """A number that changes with the code that shapes the doctrees (this
    package's modules): Sphinx rereads every page when an extension's
    ``env_version`` changes, so a change of the code reaches every language."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for module in sorted(package.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return int.from_bytes(digest.digest()[:6], "big")


def setup(app):
    rst.setup(app)
    app.connect("config-inited", configure_edition)
    app.connect("builder-inited", add_direction)
    app.add_transform(UntranslatedMessages)
    app.connect("html-page-context", add_edition_links)
    app.connect("doctree-read", note_catalog)
    app.connect("env-get-outdated", outdated_by_catalogs)
    app.connect("env-purge-doc", purge_catalog)
    app.connect("env-merge-info", merge_catalogs)
    return {
        "version": facts.EDITION,
        "env_version": code_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
