"""Accessible PDFs (PDF/UA-1): the posters and the checklists people read.

Every file is built by the CLIs' own main() into a temporary folder, checked
by an independent PDF/UA-1 checker (page-validation) and read back: the
structure tree and the marked content with pdfplumber (pdfminer), the catalog,
the form widgets and the fonts with pikepdf. Expected text comes from
the build's records, never from the drawing code.
"""

import re
from pathlib import Path

import page
import pdfplumber
import pikepdf
import pytest

import build_checklist
import build_posters
from publication import facts, records, ui

LANGS = facts.LANGUAGES
EXAMPLE_URL = "https://example.org/handbook/"


RECORDS: Path | None = None  # the records of the session's build


@pytest.fixture(autouse=True)
def _records(editions):
    global RECORDS
    RECORDS = editions / "records"


@pytest.fixture(scope="module")
def built(editions, tmp_path_factory) -> Path:
    """Every poster (with QR codes) and every checklist."""
    out = tmp_path_factory.mktemp("pdfua")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_URL", EXAMPLE_URL)
        assert build_posters.main(["--out", str(out / "posters"), "--records", str(editions / "records")]) == 0
    assert build_checklist.main(["--out", str(out / "checklist"), "--records", str(editions / "records")]) == 0
    return out


def reader_files(out: Path) -> list[Path]:
    """The files people read: office and A4 posters, all.pdf, checklists."""
    return sorted([*(out / "posters").glob("*/*.pdf"), *(out / "posters").glob("*/a4/*.pdf"),
                   *(out / "checklist").glob("*.pdf")])


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def failures(path: Path) -> list[str]:
    report = page.validate_pdf(path, profile=page.ValidationProfile.PDF_UA_1)
    found = [f"{f.rule_id}: {f.message}" for f in report.failures]
    if not report.is_compliant and not found:
        found = ["not compliant (no failure listed)"]
    return found


# -- the checker ----------------------------------------------------------------------------

def test_every_file_people_read_passes_pdf_ua_1(built):
    files = reader_files(built)
    assert len(files) == len(LANGS) * (2 * len(facts.SECTION_PAGES) + 1 + 1)
    problems = {str(p.relative_to(built)): failures(p) for p in files}
    assert not {name: found for name, found in problems.items() if found}


def test_posters_without_qr_code_pass_too(tmp_path, monkeypatch):
    """`make all` without BASE_URL: no QR code, no Figure."""
    monkeypatch.delenv("BASE_URL", raising=False)
    assert build_posters.main(["--lang", "fi", "--variant", "all", "--out", str(tmp_path), "--records", str(RECORDS)]) == 0
    files = sorted(tmp_path.rglob("*.pdf"))
    assert len(files) == 3 * len(facts.SECTION_PAGES) + 1
    assert not {p.name: failures(p) for p in files if failures(p)}


def test_print_shop_files_are_tagged_too(built):
    files = sorted((built / "posters").glob("*/print/*.pdf"))
    assert len(files) == len(LANGS) * len(facts.SECTION_PAGES)
    assert not {p.name: failures(p) for p in files if failures(p)}


def test_the_checker_finds_an_untagged_pdf(built, tmp_path):
    """The check can fail: the same poster without its structure tree and
    PDF/UA identification does not pass."""
    path = tmp_path / "untagged.pdf"
    with pikepdf.open(built / "posters" / "fi" / "01-principle-1.pdf") as pdf:
        del pdf.Root.StructTreeRoot
        del pdf.Root.Metadata
        pdf.save(path)
    found = " ".join(failures(path))
    assert "StructTreeRoot" in found and "pdfuaid" in found


# -- what a reader gets: the structure -----------------------------------------------------------

def element_text(pdf, element) -> str:
    """The text of a structure element: the characters of its marked content."""
    if "mcids" not in element:
        return " ".join(element_text(pdf, kid) for kid in element.get("children", []))
    chars = pdf.pages[element["page_number"] - 1].chars
    return "".join(c["text"] for c in chars if c.get("mcid") in element["mcids"])


def kinds(elements) -> list[str]:
    return [e["type"] for e in elements]


def check_poster(pdf, elements, section, publication):
    assert kinds(elements) == ["H1", "P", "L", "P", "P", "P", "Figure"], kinds(elements)
    title, lead, recommendations, footer_title, _, url, figure = elements
    assert squash(element_text(pdf, title)) == squash(section.title)
    assert squash(element_text(pdf, lead)) == squash(section.lead)
    items = recommendations["children"]
    assert len(items) == len(section.recommendations)
    for item, rec in zip(items, section.recommendations):
        label, body = item["children"]
        assert (item["type"], label["type"], body["type"]) == ("LI", "Lbl", "LBody")
        assert element_text(pdf, label).strip() == rec.id
        assert squash(element_text(pdf, body)) == squash(rec.text)
    assert squash(publication) in squash(element_text(pdf, footer_title))
    assert element_text(pdf, url).strip() == section.url
    assert figure["alt_text"] == section.url
    x0, y0, x1, y1 = figure["attributes"]["BBox"]
    assert 0 < x0 < x1 and 0 < y0 < y1


def test_poster_is_tagged_as_read(built):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_URL", EXAMPLE_URL)
        for lang in LANGS:
            publication = records.load(lang, RECORDS).publication
            sections = records.load_sections(lang, RECORDS)
            for section in sections:
                name = f"{section.number:02d}-{section.page}.pdf"
                for path in (built / "posters" / lang / name, built / "posters" / lang / "a4" / name):
                    with pdfplumber.open(path) as pdf:
                        (document,) = pdf.structure_tree
                        assert document["type"] == "Document"
                        check_poster(pdf, document["children"], section, publication)
            with pdfplumber.open(built / "posters" / lang / "all.pdf") as pdf:
                (document,) = pdf.structure_tree
                assert kinds(document["children"]) == ["Sect"] * len(sections)
                for sect, section in zip(document["children"], sections):
                    check_poster(pdf, sect["children"], section, publication)


def test_everything_drawn_is_content_or_artifact(built):
    """No character or line is left out of the structure or unmarked: text
    belongs to an element, shapes are artifacts (or the QR code's Figure)."""
    for path in reader_files(built):
        with pdfplumber.open(path) as pdf:
            for number, pdf_page in enumerate(pdf.pages, 1):
                untagged = [c["text"] for c in pdf_page.chars if c.get("tag") in (None, "Artifact")
                            and not c["text"].isspace() and c["y0"] > 20 * 72 / 25.4]
                assert not untagged, (path.name, number, "".join(untagged)[:80])
                for shape in (*pdf_page.rects, *pdf_page.curves, *pdf_page.lines):
                    assert shape.get("tag") in ("Artifact", "Figure"), (path.name, number, shape.get("tag"))


def test_lines_end_in_a_space_so_words_stay_apart(built):
    """Read from the structure, the last word of a line and the first of the
    next are two words (a hyphenated word is one)."""
    lang = "en"
    with pdfplumber.open(built / "checklist" / f"{facts.NAME}-{lang}.pdf") as pdf:
        (document,) = pdf.structure_tree
        intro = document["children"][2]
        text = " ".join(element_text(pdf, intro).split())
    expected = ui.translator(lang, records.load(lang, RECORDS).interface)("Go through the recommendations together. For each one, choose the option that"
                                   " best describes your unit today, and write down your observations.")
    assert text == expected


# -- the checklist: headings, fields -----------------------------------------------------------

def walk(elements):
    for element in elements:
        yield element
        yield from walk(element.get("children", []))


def test_checklist_headings_and_lists(built):
    for lang in LANGS:
        _ = ui.translator(lang, records.load(lang, RECORDS).interface)
        sections = records.load_sections(lang, RECORDS)
        with pdfplumber.open(built / "checklist" / f"{facts.NAME}-{lang}.pdf") as pdf:
            (document,) = pdf.structure_tree
            top = document["children"]
            headings = [(e["type"], squash(element_text(pdf, e))) for e in top if e["type"] in ("H1", "H2")]
            assert headings == ([("H1", squash(_("Self-assessment")))]
                                + [("H2", squash(s.title)) for s in sections]
                                + [("H2", squash(_("Agreed next steps")))])
            lists = [e for e in top if e["type"] == "L"]
            assert len(lists) == len(sections)
            for found, section in zip(lists, sections):
                labels = [element_text(pdf, item["children"][0]).strip() for item in found["children"]]
                assert labels == [r.id for r in section.recommendations]
                for item, rec in zip(found["children"], section.recommendations):
                    body = item["children"][1]
                    assert body["type"] == "LBody"
                    text, *choices, notes = body["children"]  # (the Form elements hold no text)
                    assert squash(element_text(pdf, text)) == squash(rec.text)
                    assert [element_text(pdf, c).strip() for c in choices] == [
                        _("Achieved"), _("Partly"), _("Not yet"), _("Not applicable to us")]
                    assert element_text(pdf, notes).strip() == _("Notes")


def test_every_widget_is_in_a_form_element_with_a_name(built):
    for lang in LANGS:
        with pikepdf.open(built / "checklist" / f"{facts.NAME}-{lang}.pdf") as pdf:
            root = pdf.Root.StructTreeRoot
            nums = root.ParentTree.Nums
            parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            count = 0
            for pdf_page in pdf.pages:
                assert pdf_page.obj.Tabs == pikepdf.Name.S
                for annot in pdf_page.obj.get("/Annots", []):
                    count += 1
                    form = parents[int(annot.StructParent)]
                    assert form.S == pikepdf.Name.Form
                    (objr,) = [k for k in form.K if isinstance(k, pikepdf.Dictionary)]
                    assert objr.Type == pikepdf.Name.OBJR and objr.Obj.objgen == annot.objgen
                    field = annot if "/T" in annot else annot.Parent
                    assert str(field.get("/TU", "")).strip(), str(field.T)
                    if "/T" not in annot:  # a radio button: its choice is said too
                        assert str(form.Alt).startswith(str(field.TU) + ": ")
            assert count == 3 + 5 * sum(len(s.recommendations) for s in records.load_sections(lang, RECORDS)) + 1


# -- metadata and fonts -------------------------------------------------------------------------

def test_pdf_ua_identification_title_and_language(built):
    for path in reader_files(built):
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            assert meta.get("pdfuaid:part") == "1", path.name
            assert meta.get("dc:title") == str(pdf.docinfo.Title), path.name
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert pdf.Root.MarkInfo.Marked is True
            assert str(pdf.Root.Lang) in LANGS


def test_no_character_maps_to_u0000(built):
    for path in reader_files(built):
        with pikepdf.open(path) as pdf:
            for pdf_page in pdf.pages:
                for font in pdf_page.Resources.Font.values():
                    cmap = font.ToUnicode.read_bytes()
                    assert not re.search(rb"<[0-9A-Fa-f]+>\s*<0000>", cmap), (path.name, str(font.BaseFont))
                    for count in re.findall(rb"(\d+) beginbfchar", cmap):
                        assert int(count) <= 100
