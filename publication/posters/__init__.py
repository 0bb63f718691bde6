"""A3 posters of the recommendations, one per section and language (and the
same scaled to A4).

The pipeline: read the sections (:mod:`publication.content`, straight from
``source/`` and the ``.po`` files) -> lay them out (:mod:`.layout`, sizes and
boxes) -> draw them (:mod:`.draw`, ReportLab) -> write each file whole.
Every language is read and laid out before any file is written, so an error
leaves the posters on disk as they were.
"""

from dataclasses import dataclass
from pathlib import Path

from .. import catalogs, facts, fonts, hyphenation
from ..catalogs import CatalogError
from ..content import ContentError, read_section
from ..files import write_file
from ..printing import catalog_problems
from . import draw, layout

ALL_NAME = "all.pdf"


class PosterError(Exception):
    """Why a poster cannot be made; names poster and language, or file and line."""


@dataclass(frozen=True)
class Edition:
    """One language's laid-out posters and what the PDFs say about themselves."""
    lang: str
    publication: str
    publisher: str
    layouts: tuple[layout.PosterLayout, ...]


def _catalog_problems(lang: str, page: str, locale_dir: Path) -> str:
    """file:line of what is wrong in a page's catalog, to go with a
    translator's 'no translation of ...'."""
    if lang == facts.SOURCE_LANGUAGE:
        return ""
    return catalog_problems(Path(locale_dir) / lang / "LC_MESSAGES" / f"{page}.po")


def read_edition(lang: str, source_dir: Path = facts.SOURCE_DIR, locale_dir: Path = facts.LOCALE_DIR) -> Edition:
    """Read and lay out all five posters of a language."""
    try:
        fonts.register()
    except fonts.FontError as error:
        raise PosterError(f"posters ({lang}): {error}") from None
    try:
        translate = catalogs.translator(lang, locale_dir)
        publication, publisher = translate(facts.TITLE), translate(facts.PUBLISHER)
    except CatalogError as error:
        raise PosterError(f"posters ({lang}): {error}") from None
    sections = []
    for number, page in enumerate(facts.SECTION_PAGES):
        try:
            sections.append(read_section(page, lang, source_dir, locale_dir))
        except CatalogError as error:
            raise PosterError(f"poster {lang}/{number:02d}-{page}.pdf ({lang}): {error}"
                              f"{_catalog_problems(lang, page, locale_dir)}") from None
        except ContentError as error:
            raise PosterError(f"poster {lang}/{number:02d}-{page}.pdf ({lang}): {error}") from None
    for section in sections:
        texts = [section.title, section.lead, *(r.text for r in section.recommendations), publication, publisher]
        for name in (fonts.REGULAR, fonts.BOLD):
            missing = fonts.missing_characters(" ".join(texts), name)
            if missing:
                shown = ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing)
                raise PosterError(f"poster {lang}/{layout.file_name(section)} ({lang}): the font {name} has no"
                                  f" glyph for {shown}; it would print as an empty box")
    try:
        layouts = layout.lay_out(sections, publication, publisher)
    except layout.TextTooLong as error:
        raise PosterError(str(error)) from None
    return Edition(lang, publication, publisher, tuple(layouts))


def poster_metadata(edition: Edition, poster: layout.PosterLayout) -> draw.Metadata:
    section = poster.section
    return draw.Metadata(
        title=section.title,
        author=edition.publisher,
        subject=f"{edition.publication} {facts.EDITION}",
        keywords=(edition.publication, section.title, *(r.id for r in section.recommendations)),
        lang=edition.lang,
    )


def all_metadata(edition: Edition) -> draw.Metadata:
    return draw.Metadata(
        title=f"{edition.publication} {facts.EDITION}",
        author=edition.publisher,
        subject=f"{edition.publication} {facts.EDITION}",
        keywords=(edition.publication, *(p.section.title for p in edition.layouts)),
        lang=edition.lang,
    )


def output_path(out: Path, lang: str, name: str, variant: str) -> Path:
    """<out>/<lang>/NN-<page>.pdf (office), .../print/... and .../a4/..."""
    folder = Path(out) / lang
    return folder / name if variant == draw.OFFICE else folder / variant / name


def build(langs=facts.LANGUAGES, numbers=None, variants=draw.VARIANTS, out: Path | None = None,
          source_dir: Path = facts.SOURCE_DIR, locale_dir: Path = facts.LOCALE_DIR,
          progress=print, notice=print) -> list[Path]:
    """Write the posters; returns the files written. ``numbers``: sections
    (default all). ``all.pdf`` is written when all sections' office posters are."""
    out = Path(out) if out is not None else facts.BUILD_DIR / "posters"
    numbers = sorted(set(range(len(facts.SECTION_PAGES)) if numbers is None else numbers))
    editions = [read_edition(lang, source_dir, locale_dir) for lang in langs]
    if not facts.base_url():
        notice("posters: BASE_URL is not set, so the posters carry no QR code")
    if "fi" in langs and not hyphenation.CACHE.exists():
        notice(f"posters: no Finnish hyphenation cache {hyphenation.CACHE}: each word is analysed on the"
               " spot, which is slow (`python -m publication.hyphenation` makes the cache)")

    written = []
    for edition in editions:
        chosen = [p for p in edition.layouts if p.section.number in numbers]
        for poster in chosen:
            for variant in variants:
                path = output_path(out, edition.lang, poster.file_name, variant)
                data = draw.render([poster], variant, poster_metadata(edition, poster))
                write_file(path, data)
                written.append(path)
                progress(f"poster {path} ({variant}, body {poster.body_size:g} pt, {len(data) // 1024} KB)")
        if draw.OFFICE in variants and len(chosen) == len(edition.layouts):
            path = Path(out) / edition.lang / ALL_NAME
            data = draw.render(chosen, draw.OFFICE, all_metadata(edition))
            write_file(path, data)
            written.append(path)
            progress(f"poster {path} (office, {len(chosen)} pages, {len(data) // 1024} KB)")
    return written
