"""A3 posters of the recommendations, one per section and language (and the
same scaled to A4).

The pipeline: read the edition's records (:mod:`publication.records`: the text
exactly as Sphinx produced it) -> lay them out (:mod:`.layout`, sizes and
boxes) -> draw them (:mod:`.draw`, ReportLab) -> write each file whole.
Every language is read and laid out before any file is written, so an error
leaves the posters on disk as they were.
"""

from dataclasses import dataclass
from pathlib import Path

from .. import facts, fonts, hyphenation, printing, records, settings
from ..files import write_file
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


def read_edition(lang: str, records_dir: Path | None = None) -> Edition:
    """Read and lay out all five posters of a language."""
    try:
        fonts.register_language(lang)
    except fonts.FontError as error:
        raise PosterError(f"posters ({lang}): {error}") from None
    try:
        record = records.load(lang, records_dir)
    except records.RecordError as error:
        raise PosterError(f"posters ({lang}): {error}") from None
    sections = record.sections
    for section in sections:
        texts = [section.title, section.lead, *(r.text for r in section.recommendations),
                 record.publication, record.publisher]
        missing = printing.glyph_problems(" ".join(texts), lang)
        if missing:
            raise PosterError(f"poster {lang}/{layout.file_name(section)} ({lang}): the font has no glyph for"
                              f" {missing}; it would print as an empty box")
    try:
        layouts = layout.lay_out(sections, record.publication, record.publisher)
    except layout.TextTooLong as error:
        raise PosterError(str(error)) from None
    return Edition(lang, record.publication, record.publisher, tuple(layouts))


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
          records_dir: Path | None = None, progress=print, notice=print) -> list[Path]:
    """Write the posters; returns the files written. ``numbers``: sections
    (default all). ``all.pdf`` is written when all sections' office posters are."""
    out = Path(out) if out is not None else facts.BUILD_DIR / "posters"
    numbers = sorted(set(range(len(facts.SECTION_PAGES)) if numbers is None else numbers))
    editions = [read_edition(lang, records_dir) for lang in langs]
    if not settings.base_url():
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
