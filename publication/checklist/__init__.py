"""The self-assessment checklist: one fillable A4 PDF per language.

The pipeline: read the edition's records (:mod:`publication.records`: the
sections and the interface words exactly as Sphinx produced them) -> lay them out (:mod:`.layout`, pure) -> draw
them with AcroForm fields (:mod:`.draw`) -> write each file whole. Every
language is read and laid out before any file is written, so an error leaves
the checklists on disk as they were.

Fields (stable names, for scripts that read filled forms): ``unit``, ``date``,
``participants``, per recommendation ``rec-<id>-status`` (a radio group with
the export values of :data:`.layout.CHOICES`) and ``rec-<id>-notes``, and
``next-steps``.
"""

from dataclasses import dataclass
from pathlib import Path

from .. import catalogs, facts, fonts, hyphenation, printing, records, ui
from ..catalogs import CatalogError
from ..files import write_file
from ..printing import Metadata
from . import draw, layout
from .layout import CHOICES, Checklist, Labels


class ChecklistError(Exception):
    """Why a checklist cannot be made; names file and language, or file and line."""


def file_name(lang: str) -> str:
    return f"{facts.NAME}-{lang}.pdf"


def _where(lang: str) -> str:
    return f"checklist {file_name(lang)} ({lang})"


def _interface_catalog(lang: str) -> Path:
    return facts.LOCALE_DIR / lang / "LC_MESSAGES" / f"{ui.DOMAIN}.po"


def _line_of(path: Path, msgid: str) -> int:
    """The line of a message in a catalog (0 if not found)."""
    try:
        message = catalogs.read_catalog(path).get(msgid)
    except CatalogError:
        return 0
    return message.lineno or 0 if message is not None else 0


def read_labels(record: records.Edition) -> Labels:
    """The checklist's interface words in the record's language (English msgids)."""
    lang = record.lang
    _ = ui.translator(lang, record.interface)
    choices = (_("Achieved"), _("Partly"), _("Not yet"), _("Not applicable to us"))
    labels = Labels(
        heading=_("Self-assessment"),
        intro=_("Go through the recommendations together. For each one, choose the option that best "
                "describes your unit today, and write down your observations."),
        unit=_("Unit"),
        date=_("Date"),
        participants=_("Participants"),
        choices=tuple(zip(CHOICES, choices)),
        assessment=_("Assessment"),
        notes=_("Notes"),
        next_steps=_("Agreed next steps"),
        page=_("Page %(page)s of %(pages)s"),
    )
    try:
        labels.page % {"page": 1, "pages": 1}
    except (KeyError, ValueError, TypeError) as error:
        path, msgid = _interface_catalog(lang), "Page %(page)s of %(pages)s"
        raise CatalogError(str(catalogs.Problem(
            path, _line_of(path, msgid), f"the translation {labels.page!r} of {msgid!r} must keep %(page)s"
            f" and %(pages)s ({type(error).__name__}: {error})"))) from None
    return labels


def read_checklist(lang: str, records_dir: Path | None = None) -> Checklist:
    """One language's recommendations and interface words, checked."""
    try:
        fonts.register_language(lang)
    except fonts.FontError as error:
        raise ChecklistError(f"{_where(lang)}: {error}") from None
    try:
        record = records.load(lang, records_dir)
        labels = read_labels(record)
    except (records.RecordError, CatalogError) as error:
        raise ChecklistError(f"{_where(lang)}: {error}") from None
    checklist = Checklist(lang, record.publication, record.publisher, record.sections, labels)
    missing = printing.glyph_problems(" ".join(texts(checklist)), lang)
    if missing:
        raise ChecklistError(f"{_where(lang)}: the font has no glyph for {missing}; it would print as an empty box")
    return checklist


def texts(checklist: Checklist) -> list[str]:
    """Every text printed on the checklist."""
    labels = checklist.labels
    result = [checklist.publication, labels.heading, labels.intro, labels.unit, labels.date,
              labels.participants, labels.notes, labels.next_steps, labels.page, labels.assessment]
    result += [label for _, label in labels.choices]
    for section in checklist.sections:
        result += [section.title, *(r.text for r in section.recommendations)]
    return result


def metadata(checklist: Checklist) -> Metadata:
    """The same document information as the posters: title, translated
    publisher, publication and edition, keywords; /Lang."""
    heading = checklist.labels.heading
    return Metadata(
        title=f"{checklist.publication} {facts.EDITION} \u2013 {heading}",
        author=checklist.publisher,
        subject=f"{checklist.publication} {facts.EDITION}",
        keywords=(checklist.publication, heading, *(s.title for s in checklist.sections)),
        lang=checklist.lang,
    )


@dataclass(frozen=True)
class Edition:
    checklist: Checklist
    layout: layout.ChecklistLayout


def read_edition(lang: str, records_dir: Path | None = None) -> Edition:
    checklist = read_checklist(lang, records_dir)
    try:
        return Edition(checklist, layout.lay_out(checklist))
    except layout.DoesNotFit as error:
        raise ChecklistError(f"{_where(lang)}: {error}; shorten the {lang!r} text") from None


def build(langs=facts.LANGUAGES, out: Path | None = None, records_dir: Path | None = None,
          progress=print, notice=print) -> list[Path]:
    """Write <out>/<NAME>-<lang>.pdf for each language; returns the files written."""
    out = Path(out) if out is not None else facts.BUILD_DIR / "checklist"
    editions = [read_edition(lang, records_dir) for lang in langs]
    if "fi" in langs and not hyphenation.CACHE.exists():
        notice(f"checklist: no Finnish hyphenation cache {hyphenation.CACHE}: each word is analysed on the"
               " spot, which is slow (`python -m publication.hyphenation` makes the cache)")
    written = []
    for edition in editions:
        path = out / file_name(edition.checklist.lang)
        data = draw.render(edition.layout, metadata(edition.checklist))
        write_file(path, data)
        written.append(path)
        pages = edition.layout.pages
        progress(f"checklist {path} ({len(pages)} pages, {len(edition.layout.field_names())} fields,"
                 f" {len(data) // 1024} KB)")
    return written
