"""The self-assessment checklist (build_checklist.py, publication/checklist/).

The checklists of every language are those of the session's build (`make
all`, conftest.py); the tests read them back with pypdf (fields,
fonts, metadata, text, filling) and pypdfium2 (pixels). Expected text always
comes from the records of the build (publication.records), never from this file.
"""

import io
import re
from pathlib import Path

import pypdfium2
import pytest
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm

import build_checklist
from conftest import make_in
from publication import checklist, facts, fonts, records, ui
from publication.checklist import layout
from publication.records import Recommendation, Section

LANGS = facts.LANGUAGES
A4 = (210 * mm, 297 * mm)
RADIO = 1 << 15
MULTILINE = 1 << 12


RECORDS: Path | None = None  # the records of the session's build


@pytest.fixture(autouse=True)
def _records(editions):
    global RECORDS
    RECORDS = editions / "records"


def build(argv) -> int:
    """build_checklist.py's main() on the records of the session's build."""
    argv = [str(a) for a in argv]
    return build_checklist.main(argv if "--records" in argv or "--help" in argv else [*argv, "--records", str(RECORDS)])


def interface(lang):
    return ui.translator(lang, records.load(lang, RECORDS).interface)


@pytest.fixture(scope="module")
def checklists(editions) -> Path:
    """The checklist of every language, as `make all` built it."""
    return editions / "checklist"


def pdf_path(out: Path, lang: str) -> Path:
    return out / f"{facts.NAME}-{lang}.pdf"


def sections(lang):
    return records.load_sections(lang, RECORDS)


def recommendations(lang):
    return [r for s in sections(lang) for r in s.recommendations]


def expected_fields(lang) -> set[str]:
    names = {"unit", "date", "participants", "next-steps"}
    for rec in recommendations(lang):
        names |= {f"rec-{rec.id}-status", f"rec-{rec.id}-notes"}
    return names


def squash(text: str) -> str:
    """Text without whitespace and hyphens: line breaks and hyphenation
    differ between the checklist and the source, the letters do not."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def widgets(path: Path):
    """(page index, field name, widget dictionary) of every widget."""
    for index, page in enumerate(PdfReader(path).pages):
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            name = annot["/T"] if "/T" in annot else annot["/Parent"].get_object()["/T"]
            yield index, str(name), annot


def rect(annot) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in annot["/Rect"])


# -- files, pages ----------------------------------------------------------------------

def test_one_checklist_per_language(checklists):
    assert sorted(p.name for p in checklists.iterdir()) == sorted(f"{facts.NAME}-{lang}.pdf" for lang in LANGS)
    assert not list(checklists.glob("*.tmp")) and not list(checklists.glob(".*"))


def test_pages_are_a4(checklists):
    for lang in LANGS:
        reader = PdfReader(pdf_path(checklists, lang))
        assert 2 <= len(reader.pages) <= 12
        for page in reader.pages:
            box = page.mediabox
            assert (float(box.left), float(box.bottom)) == (0, 0)
            assert float(box.width) == pytest.approx(A4[0], abs=0.01)
            assert float(box.height) == pytest.approx(A4[1], abs=0.01)


def test_small(checklists):
    # Speed is a `make bench` figure, not a timed test.
    assert all(p.stat().st_size <= 300 * 1024 for p in checklists.iterdir())


# -- fields ------------------------------------------------------------------------------

def test_field_names_follow_the_recommendations(checklists):
    for lang in LANGS:
        fields = PdfReader(pdf_path(checklists, lang)).get_fields()
        assert set(fields) == expected_fields(lang)
        assert len(fields) == 4 + 2 * len(recommendations(lang)) == 54


def test_field_kinds_and_choices(checklists):
    for lang in LANGS:
        fields = PdfReader(pdf_path(checklists, lang)).get_fields()
        for name, field in fields.items():
            flags = int(field.get("/Ff", 0))
            if name.endswith("-status"):
                assert field["/FT"] == "/Btn" and flags & RADIO, name
                assert field["/_States_"] == [f"/{value}" for value in layout.CHOICES]
                assert "/V" not in field or field["/V"] in (None, "/Off"), "nothing chosen in a blank form"
            else:
                assert field["/FT"] == "/Tx", name
                assert field.get("/V", "") == ""
                assert bool(flags & MULTILINE) == (name not in ("unit", "date")), name
        assert layout.CHOICES == ("achieved", "partly", "not-yet", "not-applicable")


def test_every_field_has_a_tooltip_in_the_language(checklists):
    for lang in LANGS:
        _ = interface(lang)
        fields = PdfReader(pdf_path(checklists, lang)).get_fields()
        assert fields["unit"]["/TU"] == _("Unit")
        assert fields["date"]["/TU"] == _("Date")
        assert fields["participants"]["/TU"] == _("Participants")
        assert fields["next-steps"]["/TU"] == _("Agreed next steps")
        for rec in recommendations(lang):
            assert fields[f"rec-{rec.id}-notes"]["/TU"] == f"{rec.id} \u2013 {_('Notes')}"
            assert fields[f"rec-{rec.id}-status"]["/TU"] == f"{rec.id} \u2013 {_('Assessment')}"


def test_room_to_write_and_fields_inside_the_margins(checklists):
    for lang in LANGS:
        for _, name, annot in widgets(pdf_path(checklists, lang)):
            x0, y0, x1, y1 = rect(annot)
            assert x0 >= 10 * mm and y0 >= 10 * mm and x1 <= A4[0] - 10 * mm and y1 <= A4[1] - 10 * mm, name
            if name.endswith("-notes"):
                assert y1 - y0 >= 25 * mm, (lang, name, (y1 - y0) / mm)
                assert x1 - x0 >= 120 * mm
            if name == "next-steps":
                assert y1 - y0 >= 55 * mm
            if name.endswith("-status"):
                assert y1 - y0 >= 4 * mm, "a circle big enough to tick by hand"


def test_a_recommendation_is_never_split_across_pages(checklists):
    for lang in LANGS:
        path = pdf_path(checklists, lang)
        pages = {}
        for index, name, _ in widgets(path):
            pages.setdefault(name, set()).add(index)
        texts = [squash(t) for t in page_texts(path)]
        for rec in recommendations(lang):
            status, notes = pages[f"rec-{rec.id}-status"], pages[f"rec-{rec.id}-notes"]
            assert len(status) == 1 and status == notes, (lang, rec.id, status, notes)
            (index,) = status
            assert squash(rec.text) in texts[index], (lang, rec.id)


def test_four_radio_buttons_with_their_labels(checklists):
    for lang in LANGS:
        labels = checklist.read_labels(records.load(lang, RECORDS)).choices
        edition = checklist.read_edition(lang, RECORDS)
        for page in edition.layout.pages:
            buttons = [op for op in page.ops if isinstance(op, layout.RadioButton)]
            assert len(buttons) == 4 * len(page.recommendations)
            for button in buttons:
                assert (button.value, button.label.text) in labels
                # the label stands right of its circle, on its line
                assert 0 < button.label.x - button.box.right <= 6
                assert button.box.y <= button.label.baseline <= button.box.top
        path = pdf_path(checklists, lang)
        text = "\n".join(page_texts(path))
        for _, label in labels:
            assert text.count(label) >= len(recommendations(lang)), (lang, label)


# -- text, fonts, metadata ------------------------------------------------------------------

def test_every_recommendation_and_heading_is_on_the_checklist(checklists):
    for lang in LANGS:
        _ = interface(lang)
        texts = page_texts(pdf_path(checklists, lang))
        flat = squash(" ".join(texts))
        assert squash(records.load(lang, RECORDS).publication) in squash(texts[0])
        for msgid in ("Self-assessment", "Unit", "Date", "Participants"):
            assert squash(_(msgid)) in squash(texts[0]), (lang, msgid)
        assert squash(_("Agreed next steps")) in squash(texts[-1])
        for section in sections(lang):
            assert squash(section.title) in flat, (lang, section.page)
            for rec in section.recommendations:
                assert re.search(rf"(^|\s){re.escape(rec.id)}(\s|$)", " ".join(texts)), (lang, rec.id)
                assert squash(rec.text) in flat, (lang, rec.id)
        for number, text in enumerate(texts, 1):
            assert squash(_("Page %(page)s of %(pages)s") % {"page": number, "pages": len(texts)}) in squash(text)


def test_text_is_at_least_10_pt(checklists):
    for lang in LANGS:
        sizes = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                scale = (tm[0] * cm[0] + tm[1] * cm[2]) if tm else 1
                sizes.append(abs(size * scale))

        for page in PdfReader(pdf_path(checklists, lang)).pages:
            page.extract_text(visitor_text=visit)
        assert sizes and min(sizes) >= 10 - 0.01, (lang, min(sizes))


def test_fonts_are_embedded_atkinson(checklists):
    for lang in LANGS:
        reader = PdfReader(pdf_path(checklists, lang))
        for page in reader.pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                assert "AtkinsonHyperlegible" in font["/BaseFont"], font["/BaseFont"]
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant["/FontDescriptor"]
        # What is typed into a field is set in the viewer's Helvetica: ReportLab's
        # AcroForm offers only the standard 14 fonts.
        form_fonts = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
        assert {f.get_object()["/BaseFont"] for f in form_fonts.values()} == {"/Helvetica"}


def test_metadata_and_language(checklists):
    for lang in LANGS:
        record, _ = records.load(lang, RECORDS), interface(lang)
        publication, publisher = record.publication, record.publisher
        reader = PdfReader(pdf_path(checklists, lang))
        info = reader.metadata
        assert publication in info.title and _("Self-assessment") in info.title
        assert info.author == publisher
        assert publication in info.subject and facts.EDITION in info.subject
        assert publication in info["/Keywords"]
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)
        assert info["/CreationDate"] == info["/ModDate"]


# -- filling -------------------------------------------------------------------------------------

def test_a_form_filled_by_a_script_reads_back(checklists, tmp_path):
    notes = 'Huom: ä & < > ” \u2013 "R&D" <b>\nToinen rivi'
    for lang in LANGS:
        values = {"unit": "Asumispalvelu Ä & Ö", "date": "30.11.2026", "participants": "A, B & C",
                  "next-steps": notes}
        for index, rec in enumerate(recommendations(lang)):
            values[f"rec-{rec.id}-status"] = f"/{layout.CHOICES[index % len(layout.CHOICES)]}"
            values[f"rec-{rec.id}-notes"] = f"{rec.id}: {notes}"
        writer = PdfWriter(clone_from=PdfReader(pdf_path(checklists, lang)))
        writer.update_page_form_field_values(None, values, auto_regenerate=False)
        filled = tmp_path / f"filled-{lang}.pdf"
        with open(filled, "wb") as f:
            writer.write(f)
        fields = PdfReader(filled).get_fields()
        assert {name: fields[name].get("/V") for name in values} == values
        # the chosen button shows as chosen, the other three as off
        for _, name, annot in widgets(filled):
            if name.endswith("-status"):
                states = [k for k in annot["/AP"]["/N"] if k != "/Off"]
                assert annot["/AS"] == (states[0] if states[0] == values[name] else "/Off"), name
        assert len(pypdfium2.PdfDocument(filled)) == len(PdfReader(filled).pages)


# -- pixels: printed blank --------------------------------------------------------------------------

def test_printed_blank_shows_every_field(checklists):
    """Rendered without the form layer (as a viewer that ignores fields would
    print it), every box and circle is still drawn, and the 10 mm margin stays
    empty apart from the footer line."""
    scale = 100 / 72
    for lang in ("fi", "sv"):
        path = pdf_path(checklists, lang)
        document = pypdfium2.PdfDocument(path)
        found = {}
        for index, name, annot in widgets(path):
            found.setdefault(index, []).append((name, rect(annot)))
        for index, page in enumerate(document):
            image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("L")
            height = image.height
            for name, (x0, y0, x1, y1) in found.get(index, []):
                if not name.endswith("-status"):  # a text field's frame is drawn around it
                    x0, y0, x1, y1 = (x0 - layout.FIELD_PADDING, y0 - layout.FIELD_PADDING,
                                      x1 + layout.FIELD_PADDING, y1 + layout.FIELD_PADDING)
                # the middle of the left edge and of the bottom edge
                left = min(image.getpixel((round(x0 * scale) + dx, round(height - (y0 + y1) / 2 * scale)))
                           for dx in (-2, -1, 0, 1, 2))
                bottom = min(image.getpixel((round((x0 + x1) / 2 * scale), round(height - y0 * scale) + dy))
                             for dy in (-2, -1, 0, 1, 2))
                assert left < 160 and bottom < 160, (lang, index, name, left, bottom)
            w = image.width
            margin = round(10 * mm * scale) - 1
            for box in ((0, 0, w, margin), (0, 0, margin, height), (w - margin, 0, w, height)):
                assert image.crop(box).getextrema()[0] >= 250, (lang, index, box)


# -- reproducibility, errors ---------------------------------------------------------------------------

def test_same_source_date_epoch_gives_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for run in ("a", "b"):
        assert build(["--lang", "fi", "--lang", "sv", "--out", tmp_path / run]) == 0
    for lang in ("fi", "sv"):
        first, second = pdf_path(tmp_path / "a", lang), pdf_path(tmp_path / "b", lang)
        assert first.read_bytes() == second.read_bytes(), lang
        assert PdfReader(first).metadata["/CreationDate"].startswith("D:20231114")


def test_progress_one_line_per_file(tmp_path, capsys):
    assert build(["--lang", "sv,en", "--out", tmp_path]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("checklist ") for line in lines)


def set_message(path: Path, match, new_text) -> None:
    """Give the message whose msgid satisfies ``match`` a new translation."""
    with open(path, "rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.id and match(" ".join(str(m.id).split())))
    message.string = new_text
    with open(path, "wb") as f:
        write_po(f, catalog)


def test_missing_interface_translation_names_file_and_line(fresh_copy):
    path = fresh_copy / "locale" / "sv" / "LC_MESSAGES" / "sphinx.po"
    set_message(path, lambda msgid: msgid == "Notes", "")
    result = make_in(fresh_copy, "checklist", "sv")
    assert result.returncode != 0
    assert re.search(r"sphinx\.po:\d+: untranslated: 'Notes'", result.stderr), result.stderr
    assert not (fresh_copy / "build" / "checklist").exists()


def test_broken_page_template_is_named(fresh_copy):
    path = fresh_copy / "locale" / "fi" / "LC_MESSAGES" / "sphinx.po"
    set_message(path, lambda msgid: msgid.startswith("Page %(page)s"), "Sivu %(sivu)s")
    result = make_in(fresh_copy, "checklist", "fi")
    assert result.returncode != 0
    assert re.search(r"sphinx\.po:\d+: the translation's placeholders \(%\(sivu\)s\) differ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_cli_help_and_bad_language(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        build(["--help"])
    assert exit_.value.code == 0
    assert "--lang" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        build(["--lang", "xx", "--out", tmp_path])
    assert exit_.value.code == 2
    assert "unknown language 'xx'" in capsys.readouterr().err


# -- layout (pure) -----------------------------------------------------------------------------------------

def synthetic(text: str, count: int = 3, lang: str = "en", title: str | None = None) -> layout.Checklist:
    labels = checklist.read_labels(records.load(lang, RECORDS))
    title = text if title is None else title
    recs = tuple(Recommendation(f"1.{i}", text) for i in range(1, count + 1))
    section = Section(1, "principle-1", title, title, recs, lang)
    return layout.Checklist(lang, title, title, (section,), labels)


def test_markup_characters_are_printed_as_text(tmp_path):
    text = 'R&D <b>not bold</b> "quoted" a<b & c>d &amp; ÅÄÖ åäö – ’'
    result = layout.lay_out(synthetic(text))
    data = checklist.draw.render(result, checklist.metadata(synthetic(text)))
    extracted = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    # the title line, the section heading, three recommendations and the footer of each page
    assert squash(extracted).count(squash(text)) == 5 + len(result.pages), extracted


def test_long_texts_flow_onto_more_pages_without_splitting_a_block():
    long = "Asukas arviointiyksiköissä " * 40
    result = layout.lay_out(synthetic(long, count=6, lang="fi", title="Otsikko"))
    assert len(result.pages) >= 3
    seen = [rec for page in result.pages for rec in page.recommendations]
    assert seen == [f"1.{i}" for i in range(1, 7)]
    for page in result.pages:
        ids = {op.name.split("-")[1] for op in page.fields if op.name.startswith("rec-")}
        assert ids == set(page.recommendations)
        for op in page.ops:
            box = getattr(op, "box", None)
            if box is not None:
                # (an ID badge reaches a fraction of a point above its line)
                assert box.y >= layout.BOTTOM - 0.5 and box.top <= layout.HEIGHT - layout.TOP + 0.5, op


def test_section_heading_is_kept_with_its_first_recommendation():
    parts = layout.chunks(synthetic("text", count=2))
    header, heading, first, second, end = parts
    # a page with room for the header and the heading, but not the first block
    available = header.height + header.gap_after + heading.height + 1 * mm
    assert heading.height + heading.gap_after + first.height <= available
    assert max(second.height, end.height) <= available
    pages = layout.paginate(parts, available=available)
    assert pages[0] == [header]
    assert pages[1][:2] == [heading, first]


def test_a_block_taller_than_a_page_is_an_error():
    with pytest.raises(layout.DoesNotFit, match=r"^block 1\.1 needs \d+ mm"):
        layout.lay_out(synthetic("sana " * 3000, title="Otsikko"))


def test_spare_room_goes_to_the_notes_boxes():
    result = layout.lay_out(synthetic("text", count=3))
    notes = [op.box.height for page in result.pages for op in page.fields if op.name.endswith("-notes")]
    assert all(layout.NOTES_HEIGHT - 0.01 <= h <= layout.NOTES_HEIGHT + layout.NOTES_GROW + 0.01 for h in notes)


def test_all_text_has_glyphs_in_the_font(checklists):
    """Every character printed on the checklists (read from the PDFs) is in
    the packaged font files themselves (read with fontTools)."""
    from fontTools.ttLib import TTFont

    folder = fonts.font_dir()
    covered = set.intersection(*(set(TTFont(folder / name).getBestCmap())
                                 for name in ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")))
    for lang in LANGS:
        text = "".join(page_texts(pdf_path(checklists, lang)))
        assert "\ufffd" not in text
        assert not {c for c in text if not c.isspace() and ord(c) not in covered}, lang


def test_recommendation_texts_are_hyphenated():
    """The body style asks publication.hyphenation for breaks: a word too long
    for its line is broken with a hyphen, not moved whole."""
    from reportlab.platypus import Paragraph

    paragraph = Paragraph(layout.markup("Asukas arviointiyksiköissä"), layout.style("body", "fi"))
    paragraph.wrap(110, 1000)
    lines = [" ".join(w.text if hasattr(w, "text") else w for w in line[1]) for line in paragraph.blPara.lines]
    assert lines[0].endswith("-"), lines
