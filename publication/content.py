"""The recommendations as typed records, read from ``source/`` and ``locale/``.

This is how the posters, the checklist and the tests get the text: the same
reST the handbook is built from, each message translated through the same
catalog Sphinx uses. Nothing here holds a sentence of its own.
"""

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree

from . import facts, rst
from .catalogs import CatalogError, catalog_paths, files_signature, translator


class ContentError(Exception):
    """The source does not have the expected shape; names file and line."""


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
        return facts.page_url(self.lang, self.page)


def message_id(node: nodes.Element) -> str:
    """The msgid Sphinx's gettext builder extracts for a node."""
    return node.rawsource.replace("\n", " ").strip()


def plain_text(markup: str) -> str:
    """reST inline markup as the text a reader sees."""
    settings = {"report_level": 5, "warning_stream": io.StringIO()}
    doctree = publish_doctree(markup, settings_overrides=settings)
    return " ".join(doctree.astext().split())


def _parse(path: Path) -> nodes.document:
    rst.register_docutils()
    settings = {"report_level": 2, "halt_level": 2, "warning_stream": io.StringIO(),
                "doctitle_xform": False}
    text = path.read_text(encoding="utf-8")
    try:
        return publish_doctree(text, source_path=str(path), settings_overrides=settings)
    except Exception as error:  # docutils raises SystemMessage with file:line
        raise ContentError(f"{path}: {error}") from None


def read_section(page: str, lang: str, source_dir: Path = facts.SOURCE_DIR,
                 locale_dir: Path = facts.LOCALE_DIR) -> Section:
    """One section page in one language."""
    path = Path(source_dir) / f"{page}.rst"
    if not path.exists():
        raise ContentError(f"{path}: missing section page")
    doctree = _parse(path)
    translate = translator(lang, locale_dir)

    def text_of(node):
        return plain_text(translate(message_id(node)))

    section = next(doctree.findall(nodes.section), None)
    if section is None:
        raise ContentError(f"{path}: no section title")
    lists = [n for n in section.findall(nodes.bullet_list) if "recommendations" in n["classes"]]
    if len(lists) != 1:
        raise ContentError(f"{path}: expected one 'recommendations' list, found {len(lists)}")
    lead = [text_of(n) for n in section.children
            if isinstance(n, nodes.paragraph)]
    recs = []
    for item in lists[0].children:
        paragraphs = [n for n in item.children if isinstance(n, nodes.paragraph)]
        recs.append(Recommendation(item["recommendation_id"], " ".join(text_of(p) for p in paragraphs)))
    numbers = {r.id.split(".")[0] for r in recs}
    if len(numbers) != 1:
        raise ContentError(f"{path}: recommendation IDs of several sections: {sorted(numbers)}")
    number = numbers.pop()
    expected = [f"{number}.{i}" for i in range(1, len(recs) + 1)]
    if [r.id for r in recs] != expected:
        raise ContentError(f"{path}: recommendation IDs {[r.id for r in recs]} are not {expected}")
    return Section(
        number=int(number),
        page=page,
        title=text_of(section[0]),
        lead=" ".join(lead),
        recommendations=tuple(recs),
        lang=lang,
    )


@lru_cache(maxsize=32)
def _cached_sections(lang: str, source_dir: str, locale_dir: str, signature: tuple) -> tuple[Section, ...]:
    return tuple(read_section(page, lang, Path(source_dir), Path(locale_dir)) for page in facts.SECTION_PAGES)


def load_sections(lang: str, source_dir: Path = facts.SOURCE_DIR,
                  locale_dir: Path = facts.LOCALE_DIR) -> tuple[Section, ...]:
    """All five sections of one language, in order, as the files are now."""
    files = [Path(source_dir) / f"{page}.rst" for page in facts.SECTION_PAGES]
    files += catalog_paths(lang, Path(locale_dir)) if lang != facts.SOURCE_LANGUAGE else []
    signature = files_signature(f for f in files if f.exists())
    return _cached_sections(lang, str(source_dir), str(locale_dir), signature)


__all__ = ["CatalogError", "ContentError", "Recommendation", "Section", "load_sections", "read_section"]
