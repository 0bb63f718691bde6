"""Sphinx extension of the handbook: one edition per language.

- registers the recommendation markup (publication.rst);
- gives each edition its title and metadata from the catalogs;
- stops the build on a message that has no translation in a shipped language;
- adds the language switcher, hreflang alternates and a meta description;
- typesets the web pages (soft hyphens in headings and titles, a hyphen that
  opens a word kept with it) and gives the search script the project's own
  interface strings (``translations.js``).
- names the editions on the about page (publication.editions).
- gives every page's ``<html>`` the edition's ``lang`` and ``dir`` (web, EPUB,
  the PDF's page), and links ``rtl.css`` into right-to-left web editions.
"""

import gettext
import hashlib
import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from . import catalogs, design, editions, facts, hyphenation, languages, rst, settings, ui
from .downloads import PAGE as DOWNLOADS_PAGE
from .htmltext import TextRewriter

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
    # A translation may keep the original (a name): only a missing one is reported.
    if text == msgid and msgid not in _identical_translations(lang):
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
    """A language's name in itself (CLDR through Babel; the registry names a
    language CLDR does not know, such as the pseudo-locale)."""
    return languages.autonym(lang)


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


# -- Web pages: typesetting ---------------------------------------------------------
# The HTML builder renders every page through source/_templates/web/page.html, which
# passes the page's <body> through :func:`typeset`: Furo's templates and
# Sphinx's writer stay as they are, the page's <head> (title, description)
# and the doctree (search index, records, other outputs) are untouched.

def N_(msgid: str) -> str:
    """Marks an interface string for extraction (``make gettext``); translated where shown."""
    return msgid


# Browsers do not hyphenate on their own everywhere (Debian's Chromium
# ignores ``hyphens: auto``), and a word wider than its line is then broken
# anywhere with no hyphen shown. Headings and titles, set large in narrow
# columns, get soft hyphens at the breaks the PDF uses.
SOFT_HYPHEN = hyphenation.SOFT_HYPHEN
HYPHENATE_FROM = 10  # letters: shorter words fit any line of any heading
HYPHENATED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HYPHENATED_CLASSES = frozenset({
    "sidebar-brand-text",  # the sidebar's title
    "brand",  # the mobile header's title
    "related-pages",  # the next and previous page
    "download-title",  # the cards of the downloads page
    "hb-hyphenate",  # any other text that asks for it (the root page's titles)
})
UNHYPHENATED_CLASSES = frozenset({
    "headerlink",  # the permalink's "#"
    "context",  # "Next", "Previous" above the related pages' titles
})
# A hyphen that opens a word ("Asunto ensin -laatusuositukset", the Finnish
# open compound) stays with the word: a line may break before it, never
# after it. The hyphen and the word (up to its first soft hyphen) go into a
# no-wrap span, so the text is the same to search, copy and read aloud.
PREFIX_WORD = re.compile(r"-[^\W\d_][^\s\u00ad]*")
NOWRAP_CLASS = "hb-nowrap"
# Text that is not laid out as running text.
_RAW = frozenset({"script", "style", "svg", "pre", "code", "textarea", "title", "template"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
# Furo writes these labels in English into its templates, outside _():
# translated here like the theme's other interface strings (Furo's text ->
# the project's msgid; the English edition spells "colour" as en_GB does).
FURO_LABELS = {
    "Toggle site navigation sidebar": N_("Toggle site navigation sidebar"),
    "Toggle table of contents sidebar": N_("Toggle table of contents sidebar"),
    "Toggle Light / Dark / Auto color theme": N_("Switch colour theme (light, dark, automatic)"),
    "Contents": N_("Contents"),
    "Menu": N_("Menu"),
    "Expand": N_("Expand"),
    "Light mode": N_("Light mode"),
    "Dark mode": N_("Dark mode"),
    "Auto light/dark, in light mode": N_("Auto light/dark, in light mode"),
    "Auto light/dark, in dark mode": N_("Auto light/dark, in dark mode"),
}
# Sphinx's HTML writer gives permalinks these titles: the project's
# catalog translates them (Sphinx's own Finnish catalog lacks them).
PERMALINK_TITLES = (N_("Link to this heading"), N_("Link to this term"))


# Words whose dictionary breaks read badly in a title, and the only breaks
# they get on screen (the seams of the compound): Swedish has no compound
# analysis here, and pyphen would offer "Kvalitetsrekommendatio-ner".
PREFERRED_BREAKS = {
    "sv": {"kvalitetsrekommendationer": "kvalitets-rekommendationer"},
}


def _title_breaks(word: str, lang: str) -> list[int]:
    preferred = PREFERRED_BREAKS.get(lang, {}).get(word.lower())
    if preferred:
        positions, offset = [], 0
        for piece in preferred.split("-")[:-1]:
            offset += len(piece)
            positions.append(offset)
        return positions
    return hyphenation.word_breaks(word, lang, left=3, right=3, seams_first=True)


def soft_hyphens(text: str, lang: str) -> str:
    """``text`` with a soft hyphen at each break of each long word, where
    the PDF would break it (seams of Finnish compounds first)."""
    def mark(match):
        word = match.group(0)
        if len(word) < HYPHENATE_FROM:
            return word
        pieces, last = [], 0
        for position in _title_breaks(word, lang):
            pieces.append(word[last:position])
            last = position
        pieces.append(word[last:])
        return SOFT_HYPHEN.join(pieces)

    return hyphenation.WORD.sub(mark, text)


class _Typesetter(TextRewriter):
    """Re-emits the HTML of a page's body with its text typeset for the
    screen; tags, attributes and scripts as they were (but Furo's English
    labels, translated)."""

    def __init__(self, lang: str, labels: dict[str, str]):
        super().__init__()
        self.lang = lang
        self.labels = labels
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hyphenate, raw)
        self.before = " "  # the last character of text written

    def _state(self) -> tuple[bool, bool]:
        return self.stack[-1][1:] if self.stack else (False, False)

    def _translated_start(self, tag: str, attrs) -> str:
        text = self.get_starttag_text()
        for name, value in attrs:
            if name in ("aria-label", "title") and value in self.labels:
                text = text.replace(f'{name}="{value}"', f'{name}="{html.escape(self.labels[value])}"', 1)
        return text

    def handle_starttag(self, tag, attrs):
        self.out.append(self._translated_start(tag, attrs))
        if tag in _VOID:
            return
        hyphenate, raw = self._state()
        classes = set((dict(attrs).get("class") or "").split())
        if tag in HYPHENATED_TAGS or classes & HYPHENATED_CLASSES:
            hyphenate = True
        if classes & UNHYPHENATED_CLASSES:
            hyphenate = False
        self.stack.append((tag, hyphenate, raw or tag in _RAW))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._translated_start(tag, attrs))

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if any(open_tag == tag for open_tag, *_ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if self.cdata_elem:  # <script>, <style>: written as read
            self.out.append(data)
            return
        hyphenate, raw = self._state()
        if raw:
            stripped = data.strip()
            if self.stack and self.stack[-1][0] == "title" and stripped in self.labels:  # Furo's icons
                data = data.replace(stripped, self.labels[stripped])
            self.out.append(html.escape(data, quote=False))
            return
        if hyphenate:
            data = soft_hyphens(data, self.lang)
        pieces, last = [], 0
        for match in PREFIX_WORD.finditer(data):
            start = match.start()
            if not (data[start - 1] if start else self.before).isspace():
                continue
            pieces.append(html.escape(data[last:start], quote=False))
            pieces.append(f'<span class="{NOWRAP_CLASS}">{html.escape(match.group(0), quote=False)}</span>')
            last = match.end()
        pieces.append(html.escape(data[last:], quote=False))
        self.out.append("".join(pieces))
        if data:
            self.before = data[-1]


def typeset(body: str, lang: str, labels: dict[str, str] | None = None) -> str:
    """The HTML ``body`` of a web page typeset for the screen."""
    return _Typesetter(lang, labels or {}).rewrite(str(body))


PAGE_TEMPLATE = "web/page.html"  # in source/_templates
SEARCH_SCRIPT = "search-results.js"  # in source/_static: one result per page, summaries as the pages


def use_page_template(app, pagename, templatename, context, doctree):
    """html-page-context: render the page through ``web/page.html`` (which
    extends the theme's template and typesets its body). The web edition's
    builder only: the EPUB and the PDF are typeset on their own."""
    if app.builder.name != "html":
        return None
    if not getattr(app.builder, "hb_script_catalog", False):
        # After Sphinx copied its static files, before the first page links
        # them (with a checksum of the file's contents).
        write_script_catalog(app)
        app.builder.hb_script_catalog = True
    context["hb_template"] = templatename
    if pagename == "search":
        app.add_js_file(SEARCH_SCRIPT)  # this page only
    env = app.env
    if DOWNLOADS_PAGE in env.found_docs and DOWNLOADS_PAGE in env.titles:
        context["hb_downloads"] = {
            "href": context["pathto"](DOWNLOADS_PAGE),
            "title": env.titles[DOWNLOADS_PAGE].astext(),
            "current": pagename == DOWNLOADS_PAGE,
        }
    return PAGE_TEMPLATE


def register_typesetting(app) -> None:
    """builder-inited: the ``hb_typeset`` filter of web/page.html, and the
    script catalog's place in every page (written by use_page_template)."""
    if app.builder.name != "html":
        return
    lang = app.config.language
    _ = ui.sphinx_translator(lang)
    labels = {text: _(msgid) for text, msgid in FURO_LABELS.items()}
    app.builder.templates.environment.filters["hb_typeset"] = lambda body: typeset(body, lang, labels)
    if lang != ui.MSGID_LANGUAGE:
        # Sphinx links translations.js only when it has a catalog of its own
        # for the language; the project's always.
        app.add_js_file(TRANSLATIONS_JS)


# -- Web pages: the search script's interface strings ----------------------------------
# Sphinx's translations.js comes from Sphinx's own catalogs: some Finnish
# strings are empty or misspelt, and its plural expression "(n != 1)" gives
# a boolean, which Documentation.ngettext uses as an index into the plural
# forms ([..][true] is undefined, so the result summary of a search never
# shows). The web edition's translations.js is written from the project's
# catalog instead: exactly the strings the shipped scripts ask for, and a
# plural expression that gives a number.

TRANSLATIONS_JS = "translations.js"


def plural_expression(translations) -> str:
    """The catalog's plural expression as JavaScript that gives a number (0, 1, ...)."""
    forms = translations.info().get("plural-forms", "nplurals=2; plural=(n != 1);")
    match = re.search(r"plural\s*=\s*([^;]+)", forms)
    expression = match.group(1).strip() if match else "(n != 1)"
    if not re.fullmatch(r"[n0-9\s()!=<>&|?:%+*/-]+", expression):
        raise ValueError(f"unexpected plural expression {expression!r}")
    return f"Number({expression})"


def script_catalog(lang: str, scripts, mo_path: Path) -> tuple[dict, str, list]:
    """(messages, plural expression, missing msgids) for the ``_()``,
    ``Documentation.gettext`` and ``Documentation.ngettext`` calls of the
    scripts, from the compiled catalog ``mo_path``."""
    with open(mo_path, "rb") as f:
        translations = gettext.GNUTranslations(f)
    table = translations._catalog  # noqa: SLF001 - msgid -> text; (msgid, n) -> plural form n
    count = re.search(r"nplurals\s*=\s*(\d+)", translations.info().get("plural-forms", "nplurals=2"))
    messages, missing = {}, []
    for msgid in ui.script_messages(scripts):
        if isinstance(msgid, tuple):
            forms = [table.get((msgid[0], n), "") for n in range(int(count.group(1)) if count else 2)]
            if all(forms):
                messages[msgid[0]] = forms
            else:
                missing.append(msgid[0])
        elif table.get(msgid):
            messages[msgid] = table[msgid]
        else:
            missing.append(msgid)
    return messages, plural_expression(translations), missing


def write_script_catalog(app) -> None:
    """``_static/translations.js`` from the project's catalog (the web
    edition, before its first page is written)."""
    lang = app.config.language
    if lang == ui.MSGID_LANGUAGE:
        return
    from .files import write_file

    static = Path(app.outdir) / "_static"
    mo_path = Path(app.config.locale_dirs[0]) / lang / "LC_MESSAGES" / f"{ui.DOMAIN}.mo"
    scripts = sorted(p for p in static.rglob("*.js") if p.name not in (TRANSLATIONS_JS, "searchindex.js"))
    if not mo_path.exists():
        logger.warning("no %r interface catalog (%s): run `make catalogs LANGS=%s`", lang, mo_path, lang,
                       type="publication", subtype="untranslated")
        return
    messages, plural, missing = script_catalog(lang, scripts, mo_path)
    for msgid in missing:
        logger.warning("no %r translation of %r (a string of the search script) in locale/%s/LC_MESSAGES/%s.po "
                       "(run `make update-po`, then translate it)", lang, msgid[:70], lang, ui.DOMAIN,
                       type="publication", subtype="untranslated")
    catalog = {"locale": lang, "messages": dict(sorted(messages.items())), "plural_expr": plural}
    text = (f"/* The search script's interface strings: locale/{lang}/LC_MESSAGES/{ui.DOMAIN}.po "
            "(publication/sphinxext.py). */\n"
            f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False, indent=1)});\n")
    write_file(static / TRANSLATIONS_JS, text.encode("utf-8"))


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
    editions.setup(app)
    app.connect("config-inited", configure_edition)
    app.connect("builder-inited", add_direction)
    app.add_transform(UntranslatedMessages)
    app.connect("html-page-context", add_edition_links)
    app.connect("html-page-context", use_page_template)
    app.connect("builder-inited", register_typesetting)
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
