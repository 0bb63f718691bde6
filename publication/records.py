"""The records of an edition: its text exactly as Sphinx produced it.

``sphinx-build -b records`` (``python -m publication.build --formats records``)
writes ``build/records/<lang>.json`` from the translated doctrees: the
publication's title and publisher, every section with its title, lead and
recommendations, and the interface strings of the language as Sphinx loaded
them. The posters, the checklist, the release files and the tests read the
text from here and nowhere else: there is one text pipeline.

The record of a recommendation is the text a reader sees: the translated
paragraphs without the ID label that :mod:`publication.rst` adds.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes

from . import facts, rst, settings

FORMAT_VERSION = 1


class RecordError(Exception):
    """The records of a language are missing or unusable; names the file."""


@dataclass(frozen=True)
class Recommendation:
    id: str  # "1.1": the same in every language and output
    text: str  # plain text, in the edition's language

    @property
    def anchor(self) -> str:
        return rst.anchor(self.id)


@dataclass(frozen=True)
class Section:
    number: int  # 0 = structures and prerequisites, 1-4 = the principles
    page: str  # the handbook page, e.g. "principle-1"
    title: str
    lead: str  # the theory part
    recommendations: tuple[Recommendation, ...]
    lang: str

    @property
    def url(self) -> str:
        """The page in this language's web edition ('' without BASE_URL)."""
        return settings.page_url(self.lang, self.page)


@dataclass(frozen=True)
class Edition:
    """One language's records."""
    lang: str
    publication: str  # the translated title of the publication
    publisher: str
    sections: tuple[Section, ...]
    interface: dict  # English msgid -> translation (empty in English)


def folder_of(build_dir: Path | None = None) -> Path:
    """build/records: the records of every language."""
    return Path(build_dir or facts.BUILD_DIR) / "records"


def path(lang: str, folder: Path | None = None) -> Path:
    return Path(folder or folder_of()) / f"{lang}.json"


# -- Reading (posters, checklist, dist, tests) ------------------------------------------

def load(lang: str, folder: Path | None = None) -> Edition:
    """The records of ``lang`` (in ``folder``, default build/records) as
    written by the last build."""
    file = path(lang, folder)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(f"{file}: no records of the {lang!r} edition (run `make records LANGS={lang}`)") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise RecordError(f"{file}: cannot be read ({error}); run `make records LANGS={lang}` again") from None
    try:
        if data["version"] != FORMAT_VERSION or data["lang"] != lang:
            raise ValueError("another version or language")
        sections = tuple(
            Section(number=int(s["number"]), page=str(s["page"]), title=str(s["title"]), lead=str(s["lead"]),
                    recommendations=tuple(Recommendation(str(r["id"]), str(r["text"]))
                                          for r in s["recommendations"]),
                    lang=lang)
            for s in data["sections"])
        interface = {str(k): str(v) for k, v in data["interface"].items()}
        return Edition(lang, str(data["publication"]), str(data["publisher"]), sections, interface)
    except (KeyError, TypeError, ValueError) as error:
        raise RecordError(f"{file}: not a records file of this version ({error}); "
                          f"run `make records LANGS={lang}` again") from None


def load_sections(lang: str, folder: Path | None = None) -> tuple[Section, ...]:
    return load(lang, folder).sections


# -- Writing (the Sphinx builder) ----------------------------------------------------------

def _visible_text(node: nodes.Element) -> str:
    """The text of a node as a reader sees it, without ID labels."""
    copy = node.deepcopy()
    for label in list(copy.findall(lambda n: isinstance(n, nodes.inline)
                                   and "recommendation-id" in n.get("classes", []))):
        label.parent.remove(label)
    return " ".join(copy.astext().split())


def section_record(docname: str, doctree: nodes.document, number: int, warn) -> dict | None:
    """The record of one section page; ``warn(message, node)`` reports a
    page that does not have the shape of a section."""
    section = next(doctree.findall(nodes.section), None)
    if section is None:
        warn(f"{docname}: a section page needs a title", doctree)
        return None
    lists = [n for n in section.findall(nodes.bullet_list) if "recommendations" in n["classes"]]
    if len(lists) != 1:
        warn(f"{docname}: expected one 'recommendations' list, found {len(lists)}", section)
        return None
    recommendations = [{"id": item["recommendation_id"],
                        "text": " ".join(_visible_text(p) for p in item.children
                                         if isinstance(p, nodes.paragraph))}
                       for item in lists[0].children]
    expected = [f"{number}.{i}" for i in range(1, len(recommendations) + 1)]
    found = [r["id"] for r in recommendations]
    if found != expected:
        warn(f"{docname}: recommendation IDs {found} are not {expected}", lists[0])
        return None
    return {
        "number": number,
        "page": docname,
        "title": _visible_text(section[0]),
        "lead": " ".join(_visible_text(p) for p in section.children if isinstance(p, nodes.paragraph)),
        "recommendations": recommendations,
    }


def interface_table(lang: str) -> dict[str, str]:
    """The interface strings (domain ``sphinx``) as Sphinx loaded them for
    this build: the project's catalog first, then Sphinx's own."""
    from sphinx.locale import translators

    table: dict[str, str] = {}
    translator = translators.get(("general", "sphinx"))  # Sphinx's namespace of its own catalog
    while translator is not None:
        for key, value in getattr(translator, "_catalog", {}).items():
            if isinstance(key, str) and key and value:
                table.setdefault(key, value)
        translator = getattr(translator, "_fallback", None)
    return {} if lang == "en" else dict(sorted(table.items()))


def encode(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def setup(app):
    from sphinx.builders import Builder
    from sphinx.util import logging

    logger = logging.getLogger(__name__)

    class RecordsBuilder(Builder):
        """Writes ``records.json``: the translated text of the sections."""
        name = "records"
        format = "records"
        epilog = "The records are in %(outdir)s."
        allow_parallel = False

        def init(self):
            self.sections: dict[str, dict] = {}

        def get_outdated_docs(self):
            return "all of them"  # cheap: the doctrees are read already

        def get_target_uri(self, docname, typ=None):
            return ""

        def prepare_writing(self, docnames):
            pass

        def write_doc(self, docname, doctree):
            if docname not in facts.SECTION_PAGES:
                return
            number = facts.SECTION_PAGES.index(docname)

            def warn(message, node):
                logger.warning(message, location=node, type="publication", subtype="records")

            record = section_record(docname, doctree, number, warn)
            if record is not None:
                self.sections[docname] = record

        def finish(self):
            from .files import write_file

            lang = self.config.language
            missing = [page for page in facts.SECTION_PAGES if page not in self.sections]
            if missing:
                logger.warning("records: no section record of %s", ", ".join(missing),
                               type="publication", subtype="records")
                return
            data = {
                "version": FORMAT_VERSION,
                "lang": lang,
                "publication": self.env.titles[self.config.root_doc].astext(),
                "publisher": self.config.author,
                "sections": [self.sections[page] for page in facts.SECTION_PAGES],
                "interface": interface_table(lang),
            }
            from .fonts import FontError, uncovered

            texts = [data["publication"], data["publisher"]] + [
                text for s in data["sections"] for text in (s["title"], s["lead"], *(r["text"] for r in s["recommendations"]))]
            try:
                missing = uncovered(" ".join(texts), lang=lang)
            except FontError as error:
                logger.warning("%s", error, type="publication", subtype="font")
                return
            if missing:
                shown = ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing)
                logger.warning("records (%s): the font has no glyph for %s; the posters, checklist and PDF cannot "
                               "print it (use another character)", lang, shown, type="publication", subtype="font")
                return
            write_file(Path(self.outdir) / "records.json", encode(data))

    app.add_builder(RecordsBuilder)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
