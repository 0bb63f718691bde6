"""Fonts by language: each language's text in its typeface (publication/design.py),
checked glyph by glyph before anything is drawn, and real glyphs (not
.notdef, not another font) for Northern Sámi and Cyrillic text in every output:
the web pages, the PDF, the EPUB and its cover, the posters and the checklist
of the test editions se and ru (tests/fixtures)."""

import io
import re
import zipfile

import pytest
from scripts_fixture import build_once, drawn_glyphs, fixture_project, registry_patch

from conftest import make
from publication import design, facts

SAMI = set("áčđŋšŧžÁČĐŊŠŦŽ")
CYRILLIC = set("жйщыэюяё") | set("єіїґ")  # Russian and Ukrainian letters of the samples
SAMPLES = {"se": SAMI, "ru": CYRILLIC}

# A few letters of every language the network serves, and what they are set in.
ALPHABETS = {
    "fi": ("äöåÄÖÅšž", design.ATKINSON),
    "sv": ("åäöÅÄÖé", design.ATKINSON),
    "en": ("AZaz’“”–", design.ATKINSON),
    "et": ("õäöüšžÕÄÖÜŠŽ", design.ATKINSON),
    "so": ("abcdefghijklmnopqrstuvwxyz’", design.ATKINSON),
    "se": ("áčđŋšŧžÁČĐŊŠŦŽ", design.NOTO_SANS),
    "ru": ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяЁЖ«»№", design.NOTO_SANS),
    "uk": ("ґєіїҐЄІЇʼ", design.NOTO_SANS),
    "ar": ("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى،؛؟«»0123456789", design.NOTO_SANS_ARABIC),
    "fa": ("پچژگکی۰۱۲۳۴۵۶۷۸۹\u200c", design.NOTO_SANS_ARABIC),
}
SCRIPTS = {"et": ("Latn", "ltr"), "so": ("Latn", "ltr"), "uk": ("Cyrl", "ltr"), "fa": ("Arab", "rtl")}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return build_once(tmp_path_factory)


@pytest.fixture
def network_languages(build, monkeypatch):
    """This process sees the fixture languages and the others of the network,
    and the typefaces the build made."""
    from publication import fonts, languages

    registry_patch(monkeypatch)
    table = dict(languages.registry())
    for lang, (script, direction) in SCRIPTS.items():
        table[lang] = languages.Language(lang, script, direction, False)
    monkeypatch.setattr(languages, "registry", lambda path=None: table)
    monkeypatch.setattr(fonts, "cache_dir", lambda: build / "cache" / "fonts")


def test_every_language_of_the_network_has_its_letters(network_languages):
    from publication import fonts

    for lang, (letters, face) in ALPHABETS.items():
        assert design.typeface(lang) is face, lang
        assert fonts.uncovered(letters, lang=lang) == [], lang
    # Atkinson Hyperlegible lacks the Sámi eng and t with stroke: why Sámi is set in Noto Sans.
    assert fonts.uncovered("ŋŧ", lang="fi") == ["ŋ", "ŧ"]


def test_a_character_the_language_font_lacks_stops_the_build(tmp_path):
    """Per language: Cyrillic in the Arabic edition stops its catalogs (file:line,
    language, character); the Sámi eng is refused in English (Atkinson) but
    is Sámi's own."""
    project = fixture_project(tmp_path / "project", ("ar", "se"))
    catalog = project / "locale" / "ar" / "LC_MESSAGES" / "principle-1.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("للساكن عقد", "للساكن Ж عقد", 1),
                       encoding="utf-8")
    english = project / "locale" / "en" / "LC_MESSAGES" / "principle-2.po"
    english.write_text(english.read_text(encoding="utf-8").replace("The resident always", "The resideŋt always", 1),
                       encoding="utf-8")
    result = make(["catalogs", "LANGS=ar en se"], project / "build", cwd=project, check=False)
    assert result.returncode != 0
    assert re.search(r"locale/ar/LC_MESSAGES/principle-1\.po:\d+: the font has no glyph for U\+0416 'Ж' "
                     r"\(the 'ar' edition is set in Noto Sans Arabic\)", result.stderr), result.stderr
    result = make(["catalogs", "LANGS=en"], project / "build", cwd=project, check=False)
    assert re.search(r"locale/en/LC_MESSAGES/principle-2\.po:\d+: the font has no glyph for U\+014B 'ŋ' "
                     r"\(the 'en' edition is set in Atkinson Hyperlegible\)", result.stderr), result.stderr
    assert make(["catalogs", "LANGS=se"], project / "build", cwd=project, check=False).returncode == 0
    assert not (project / "build" / "posters").exists()


def _check_pdf(path, lang):
    glyphs = [d for page in drawn_glyphs(path) for d in page]
    found = {d.text for d in glyphs if d.text in SAMPLES[lang]}
    assert found == SAMPLES[lang] or found >= SAMPLES[lang] - set("ЖЁ"), (path.name, SAMPLES[lang] - found)
    for drawn in glyphs:
        if drawn.text in SAMPLES[lang]:
            assert drawn.gid != 0 and drawn.outline, (path.name, drawn.text)
            assert drawn.font.replace("-", "").startswith("NotoSans"), (path.name, drawn.font)
    assert all(d.font.replace("-", "").startswith("NotoSans") for d in glyphs), path.name


@pytest.mark.parametrize("lang", ["se", "ru"])
def test_samples_have_real_glyphs_in_the_pdfs(build, lang):
    _check_pdf(build / "pdf" / f"{facts.NAME}-{lang}.pdf", lang)
    section = "00-structures.pdf"
    _check_poster = [d for d in drawn_glyphs(build / "posters" / lang / section)[0] if d.text in SAMPLES[lang]]
    assert {d.text for d in _check_poster} >= SAMPLES[lang] - set("ЁЖ")
    assert all(d.gid != 0 and d.outline and d.font.startswith("NotoSans") for d in _check_poster)
    checklist = [d for page in drawn_glyphs(build / "checklist" / f"{facts.NAME}-{lang}.pdf") for d in page]
    assert {d.text for d in checklist} >= SAMPLES[lang] - set("ЁЖ")
    assert all(d.gid != 0 and d.outline and d.font.startswith("NotoSans") for d in checklist
               if d.text in SAMPLES[lang])


@pytest.mark.parametrize("lang", ["se", "ru"])
def test_samples_have_real_glyphs_in_the_epub(build, lang):
    from fontTools.ttLib import TTFont

    with zipfile.ZipFile(build / "epub" / f"{facts.NAME}-{lang}.epub") as book:
        css = book.read("_static/book.css").decode("utf-8")
        assert 'font-family: "Noto Sans"' in css
        text = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
        assert SAMPLES[lang] - set("ЁЖ") <= set(text)
        faces = [n for n in book.namelist() if re.search(r"NotoSans-\w+\.ttf$", n)]
        assert faces
        for name in faces:
            cmap = TTFont(io.BytesIO(book.read(name))).getBestCmap()
            assert all(ord(c) in cmap for c in SAMPLES[lang]), name
        if lang == "ru":  # the cover's title is Cyrillic: drawn in the Noto Sans of the book
            from PIL import Image

            from publication import cover

            title = "Рекомендации по качеству «Жильё прежде всего»"
            assert title in book.read("content.opf").decode("utf-8")
            image = Image.open(io.BytesIO(book.read("_images/cover.png")))
            panel = image.crop((0, 0, image.width, int(image.height * cover.PANEL.height / cover.PAGE.height)))
            assert len(panel.getcolors(maxcolors=1 << 16)) > 20  # white text on the brand colour, anti-aliased


@pytest.mark.parametrize("lang", ["se", "ru"])
def test_samples_have_real_glyphs_on_the_web(build, lang):
    from browser import chromium, serve

    with serve(build / "html") as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}{lang}/structures.html")
        page.evaluate("document.fonts.ready")
        letters = "".join(sorted(SAMPLES[lang]))
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans"')
        assert page.evaluate(f"document.fonts.check('16px \"Noto Sans\"', {letters!r})")
        loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert any(f.strip('"') == "Noto Sans" for f in loaded)
        assert SAMPLES[lang] - set("ЁЖ") <= set(page.inner_text("article"))
