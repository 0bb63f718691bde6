"""The test editions of other scripts (tests/fixtures/locale): Arabic (right
to left), Northern Sámi and Russian, built in a copy of the project with a
registry entry each (shipped = false), and what their tests read back: the
glyphs a PDF draws, in the order its content stream draws them.

Not a test module: tests/test_rtl.py and tests/test_scripts.py share it; the
three editions are built once per test session (`make -j2 all` in one copy).
"""

import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, copy_project, make

FIXTURES = ROOT / "tests" / "fixtures" / "locale"
REGISTRY = {"ar": ("Arab", "rtl"), "se": ("Latn", "ltr"), "ru": ("Cyrl", "ltr")}
LANGS = ("ar", "se", "ru")
BASE_URL = "https://example.org/hf/"


def fixture_project(dest: Path, langs=LANGS) -> Path:
    """A copy of the project with the fixture catalogs of ``langs`` and
    their registry entries (not shipped: only LANGS builds them)."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_project(dest)
    with open(dest / "locale" / "languages.toml", "a", encoding="utf-8") as registry:
        for lang in langs:
            shutil.copytree(FIXTURES / lang, dest / "locale" / lang)
            script, direction = REGISTRY[lang]
            registry.write(f'\n[{lang}]\nscript = "{script}"\ndirection = "{direction}"\nshipped = false\n')
    return dest


def build_once(tmp_path_factory) -> Path:
    """The build folder of the fixture editions (every output), made on the
    first call of the session."""
    base = tmp_path_factory.getbasetemp() / "script-editions"
    build = base / "project" / "build"
    if not (base / "done").exists():
        shutil.rmtree(base, ignore_errors=True)
        project = fixture_project(base / "project")
        make(["-j2", "all", f"LANGS={' '.join(LANGS)}", f"BASE_URL={BASE_URL}"], build, cwd=project)
        (base / "done").write_text("built\n")
    return build


def registry_patch(monkeypatch) -> None:
    """Let this process see the fixture languages (publication.languages)."""
    from publication import languages

    table = dict(languages.registry())
    for lang, (script, direction) in REGISTRY.items():
        table[lang] = languages.Language(lang, script, direction, False)
    monkeypatch.setattr(languages, "registry", lambda path=None: table)


# -- glyphs drawn in a PDF -----------------------------------------------------------------------

@dataclass(frozen=True)
class Drawn:
    font: str  # BaseFont without the subset tag
    gid: int  # in the embedded font
    text: str  # from the ToUnicode map ("" if none)
    outline: tuple  # the glyph's outline, components resolved (compares glyphs across fonts)


def outline(font, glyph_name: str) -> tuple:
    """A glyph's outline as a hashable value (fontTools TTFont)."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    glyphs = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyphs)
    glyphs[glyph_name].draw(pen)
    return tuple((op, tuple(tuple(round(v) for v in point) for point in args)) for op, args in pen.value)


_CODE = re.compile(rb"<([0-9A-Fa-f]+)>")


def _to_unicode(font) -> dict[int, str]:
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.read_bytes()
    table = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = _CODE.findall(block)
        for code, value in zip(codes[::2], codes[1::2]):
            table[int(code, 16)] = bytes.fromhex(value.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            codes = _CODE.findall(line)
            if len(codes) == 3:
                low, high = (int(c, 16) for c in codes[:2])
                first = int(codes[2], 16)
                for offset in range(high - low + 1):
                    table[low + offset] = chr(first + offset)
    return table


class _Font:
    def __init__(self, font):
        from fontTools.ttLib import TTFont

        self.name = str(font.BaseFont).lstrip("/").split("+", 1)[-1]
        self.two_bytes = font.Subtype == "/Type0"
        descriptor = (font.DescendantFonts[0] if self.two_bytes else font).FontDescriptor
        self.ttf = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        self.order = self.ttf.getGlyphOrder()
        self.cmap = {}
        if not self.two_bytes:
            for table in self.ttf["cmap"].tables:
                self.cmap.update(table.cmap)
        self.unicode = _to_unicode(font)
        self.outlines = {}

    def drawn(self, data: bytes) -> list[Drawn]:
        step = 2 if self.two_bytes else 1
        result = []
        for index in range(0, len(data), step):
            code = int.from_bytes(data[index:index + step], "big")
            name = self.order[code] if self.two_bytes else self.cmap.get(code, ".notdef")
            if name not in self.outlines:
                self.outlines[name] = outline(self.ttf, name)
            result.append(Drawn(self.name, self.order.index(name), self.unicode.get(code, ""), self.outlines[name]))
        return result


def drawn_glyphs(path: Path) -> list[list[Drawn]]:
    """Per page, every glyph the page's content stream draws, in order."""
    import pikepdf

    pages = []
    with pikepdf.open(path) as pdf:
        cache = {}
        for page in pdf.pages:
            fonts = page.obj.Resources.get("/Font", {})
            current, glyphs = None, []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "Tf":
                    font = fonts[operands[0]]
                    key = font.objgen
                    if key not in cache:
                        cache[key] = _Font(font)
                    current = cache[key]
                elif op in ("Tj", "'", '"'):
                    glyphs += current.drawn(bytes(operands[-1]))
                elif op == "TJ":
                    for item in operands[0]:
                        if isinstance(item, pikepdf.String):
                            glyphs += current.drawn(bytes(item))
            pages.append(glyphs)
    return pages


def contains(sequence: list, part: list) -> bool:
    """``part`` appears in ``sequence`` as a contiguous run."""
    n = len(part)
    return any(sequence[i:i + n] == part for i in range(len(sequence) - n + 1))


def harfbuzz_outlines(font_bytes: bytes, text: str, rtl: bool, lang: str) -> list[tuple]:
    """HarfBuzz's glyphs of ``text`` (one run) in visual order, as outlines."""
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    font = hb.Font(hb.Face(hb.Blob(font_bytes)))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.language = lang
    hb.shape(font, buffer, {"kern": True, "liga": True})
    ttf = TTFont(io.BytesIO(font_bytes))
    order = ttf.getGlyphOrder()
    clusters = [info.cluster for info in buffer.glyph_infos]
    if rtl:
        assert clusters == sorted(clusters, reverse=True), "HarfBuzz's right-to-left output runs from the end"
    return [outline(ttf, order[info.codepoint]) for info in buffer.glyph_infos]
