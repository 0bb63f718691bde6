"""The fonts of every output: Atkinson Hyperlegible (Latin) with a plain zero,
static instances of Noto Sans and Noto Sans Arabic (the typeface of each
language: publication/design.py), their registration in ReportLab and the
check that a language's text has a glyph for every character.

The TTFs come from the ``fontpkg-atkinson-hyperlegible`` package. They are
registered as ``TTFont``, which ReportLab always embeds as subsets, and as a
family, so ``<b>`` and ``<i>`` in a Paragraph pick the right file.

The zero: Atkinson Hyperlegible draws "0" with a slash, which on a Finnish or
Swedish wall reads as the letter Ø ("Ø.1", "2Ø25"). Version 1.006 has no
plain alternate (its only other zero, ``zero.tf`` for the ``tnum`` feature, is
the same slashed glyph), and ReportLab cannot apply OpenType features anyway.
So each TTF is registered as a derived font, made in memory at run time with
fontTools from the packaged file (the same file gives the same bytes): a glyph
``zero.plain`` (the zero's own outer contour with a counter of the shape the
slash cuts through, no slash), U+0030 mapped to it in the cmap, and the family
renamed to :data:`DERIVED_FAMILY` so that it is never taken for the original.
"""

import fcntl
import hashlib
import io
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

FAMILY = "AtkinsonHyperlegible"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
FILES = {  # registered name -> file in the package's files/ folder
    REGULAR: "AtkinsonHyperlegible-Regular.ttf",
    BOLD: "AtkinsonHyperlegible-Bold.ttf",
    ITALIC: "AtkinsonHyperlegible-Italic.ttf",
    BOLD_ITALIC: "AtkinsonHyperlegible-BoldItalic.ttf",
}
PACKAGE = "fontpkg_atkinson_hyperlegible"
DERIVED_FAMILY = "Atkinson Hyperlegible Plain Zero"  # the family name inside the derived fonts
PLAIN_ZERO = "zero.plain"  # the derived fonts' glyph for U+0030


class FontError(Exception):
    """A font file is missing or unusable; the message names the file."""


def font_dir() -> Path:
    """The folder holding the package's TTFs."""
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        raise FontError(f"the font package {PACKAGE!r} is not installed "
                        f"(pip install fontpkg-atkinson-hyperlegible)") from None
    return Path(package.__file__).resolve().parent / "files"


_registered: dict[str, Path] = {}  # name -> file it was registered from
_data: dict[str, bytes] = {}  # name -> the TTF bytes registered (HarfBuzz shapes with the same font)


def font_data(name: str) -> bytes:
    """The bytes of a font registered in ReportLab under ``name``."""
    return _data[name]


def register(directory: Path | None = None) -> dict[str, str]:
    """Register the four styles (once per file) and return the font names
    by style: {"regular": ..., "bold": ..., "italic": ..., "bold_italic": ...}.

    Every file is checked on each call, so a font removed or replaced since
    is reported here rather than as a broken PDF."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    folder = Path(directory) if directory is not None else font_dir()
    for name, filename in FILES.items():
        path = folder / filename
        if not path.is_file():
            raise FontError(f"font file not found: {path}")
        if _registered.get(name) == path:
            continue
        try:
            data = plain_zero_font(path)
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        except (TTFError, OSError, ValueError) as error:
            raise FontError(f"{path}: cannot be used as a TrueType font: {error}") from None
        _registered[name] = path
        _data[name] = data
    # The family mapping makes <b>/<i> markup work; addMapping is idempotent.
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, name)
    return {"regular": REGULAR, "bold": BOLD, "italic": ITALIC, "bold_italic": BOLD_ITALIC}


def missing_characters(text: str, name: str = REGULAR) -> list[str]:
    """Characters of ``text`` the registered font ``name`` has no glyph for
    (they would print as empty boxes); whitespace is not counted."""
    from reportlab.pdfbase import pdfmetrics

    covered = pdfmetrics.getFont(name).face.charToGlyph
    return sorted({c for c in text if ord(c) not in covered and not c.isspace()})


# -- the derived font with a plain zero ----------------------------------------------------

def _contours(recording) -> list[list]:
    """A RecordingPen's value split into contours (lists of pen operations)."""
    contours, current = [], []
    for operation in recording:
        current.append(operation)
        if operation[0] in ("closePath", "endPath"):
            contours.append(current)
            current = []
    return contours


def _replay(contour, pen) -> None:
    for operator, operands in contour:
        getattr(pen, operator)(*operands)


def _bounds(contours, transform):
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.transformPen import TransformPen

    pen = BoundsPen(None)
    for contour in contours:
        _replay(contour, TransformPen(pen, transform))
    return pen.bounds


def plain_zero_glyph(font, zero: str):
    """A TrueType glyph: the zero ``zero`` of ``font`` (a fontTools TTFont)
    without its slash. The slashed zero is an outer contour and two halves of
    the counter; the new counter is the outer contour scaled onto the halves'
    bounds (upright: measured on this font, within 4/1000 em of the
    designer's own counter curves), in an italic font measured and scaled
    with the slant taken out."""
    from fontTools.misc.transform import Transform
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.pens.reverseContourPen import ReverseContourPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyphs = font.getGlyphSet()
    recording = RecordingPen()
    glyphs[zero].draw(recording)
    contours = _contours(recording.value)
    if len(contours) != 3:
        raise ValueError(f"its zero has {len(contours)} contours, not the 3 of a slashed zero")
    slant = math.tan(math.radians(-font["post"].italicAngle))
    upright, slanted = Transform(1, 0, -slant, 1, 0, 0), Transform(1, 0, slant, 1, 0, 0)

    def area(contour):
        x0, y0, x1, y1 = _bounds([contour], upright)
        return (x1 - x0) * (y1 - y0)

    outer = max(contours, key=area)
    halves = [c for c in contours if c is not outer]
    ox0, oy0, ox1, oy1 = _bounds([outer], upright)
    ix0, iy0, ix1, iy1 = _bounds(halves, upright)
    onto_counter = (Transform().translate(ix0, iy0).scale((ix1 - ix0) / (ox1 - ox0), (iy1 - iy0) / (oy1 - oy0))
                    .translate(-ox0, -oy0))
    counter = slanted.transform(onto_counter).transform(upright)

    pen = TTGlyphPen(glyphs)
    _replay(outer, pen)
    _replay(outer, ReverseContourPen(TransformPen(pen, counter)))  # a hole: the other direction
    return pen.glyph()


def _rename(font, family: str) -> None:
    """Give the derived font its own family and PostScript names (the
    licence and copyright records stay as they are)."""
    table = font["name"]
    style = table.getDebugName(2) or "Regular"
    version = table.getDebugName(5) or ""
    postscript = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    names = {1: family, 3: f"{postscript};{version.split(';')[0]}", 4: f"{family} {style}", 6: postscript,
             10: "Atkinson Hyperlegible with a plain zero (no slash) at U+0030, derived by"
                 " publication/fonts.py from the packaged Atkinson Hyperlegible."}
    for record in list(table.names):
        if record.nameID in (16, 17):  # typographic family and style: not needed, would name the original
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        if any(r.platformID == 1 for r in table.names):
            table.setName(value, name_id, 1, 0, 0)


@lru_cache(maxsize=None)
def _derive(path: str, size: int, mtime_ns: int) -> bytes:
    from fontTools.ttLib import TTFont as FontToolsFont

    font = FontToolsFont(path, recalcTimestamp=False)  # the original's dates: the same bytes each run
    zero = font.getBestCmap().get(0x30)
    if zero is None:
        raise ValueError("it has no zero")
    glyph = plain_zero_glyph(font, zero)
    glyf = font["glyf"]
    glyf[PLAIN_ZERO] = glyph  # appends the name to the glyph order
    glyph.recalcBounds(glyf)
    font["hmtx"][PLAIN_ZERO] = (font["hmtx"][zero][0], glyph.xMin)
    for table in font["cmap"].tables:
        if 0x30 in table.cmap:
            table.cmap[0x30] = PLAIN_ZERO
    for name in font.getGlyphOrder():  # zero.tf (tabular figures) is built from the zero: plain too
        other = glyf[name]
        if other.isComposite():
            for component in other.components:
                if component.glyphName == zero:
                    component.glyphName = PLAIN_ZERO
    if "DSIG" in font:  # a signature of the original would not match
        del font["DSIG"]
    _rename(font, DERIVED_FAMILY)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cache_dir() -> Path:
    from .facts import BUILD_DIR

    return BUILD_DIR / "cache" / "fonts"


def plain_zero_font(path: Path) -> bytes:
    """The TTF at ``path`` as the derived font with a plain zero (bytes).

    Deriving takes about 0.05 s a file, and a build runs some twenty
    processes: the result is kept in build/cache/fonts/, named by the hashes
    of the original and of the derived bytes, so that a damaged or altered
    cache file is never used (it is made again)."""
    import hashlib

    source = Path(path).read_bytes()
    key = f"{Path(path).stem}-{hashlib.sha256(source).hexdigest()[:16]}"
    folder = _cache_dir()
    for cached in folder.glob(f"{key}-*.ttf") if folder.is_dir() else ():
        data = cached.read_bytes()
        if cached.stem.endswith(hashlib.sha256(data).hexdigest()[:16]):
            return data
    stat = Path(path).stat()
    try:
        data = _derive(str(path), stat.st_size, stat.st_mtime_ns)
    except Exception as error:  # fontTools reports a broken file in many ways (TTLibError, struct.error, ...)
        raise ValueError(f"cannot derive a plain zero: {type(error).__name__}: {error}") from None
    try:
        from .files import write_file

        write_file(folder / f"{key}-{hashlib.sha256(data).hexdigest()[:16]}.ttf", data)
    except OSError:
        pass  # a cache: the build goes on without it
    return data


# -- every output: the files checked, the characters covered ------------------------------

def checked_files(directory: Path | None = None) -> dict[str, bytes]:
    """The four styles as the outputs use them (the derived fonts with a plain
    zero), by file name. A missing or damaged file is a FontError naming it:
    WeasyPrint would silently set the text in another style or font."""
    folder = Path(directory) if directory is not None else font_dir()
    result = {}
    for filename in FILES.values():
        path = folder / filename
        if not path.is_file():
            raise FontError(f"font file not found: {path} (rm -rf .venv && make all)")
        try:
            result[filename] = plain_zero_font(path)
        except (OSError, ValueError) as error:
            raise FontError(f"{path}: cannot be used as a TrueType font: {error} (rm -rf .venv && make all)") from None
    return result


@lru_cache(maxsize=None)
def _coverage(directory: str) -> frozenset[int]:
    """Code points every style has a glyph for."""
    from fontTools.ttLib import TTFont as FontToolsFont

    sets = []
    for data in checked_files(Path(directory)).values():
        sets.append(frozenset(FontToolsFont(io.BytesIO(data)).getBestCmap()))
    return frozenset.intersection(*sets)


def invisible(character: str) -> bool:
    """White space and invisible format characters (soft hyphen, joiners,
    bidi marks: Unicode category Cf) need no glyph: shaping hides them."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def uncovered(text: str, directory: Path | None = None, lang: str | None = None) -> list[str]:
    """Characters of ``text`` (but white space and invisible format
    characters such as the soft hyphen) that some style of the language's
    typeface lacks (without ``lang``: Atkinson Hyperlegible, in ``directory``)."""
    if lang is not None and design_typeface(lang) is not design.ATKINSON:
        covered = _typeface_coverage(design_typeface(lang).key)
    else:
        covered = _coverage(str(Path(directory) if directory is not None else font_dir()))
    return sorted({c for c in text if ord(c) not in covered and not invisible(c)})


def describe(missing) -> str:
    """U+0127 'ŧ', ... for a message."""
    return ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing)


# -- the typeface of each language (publication/design.py) ---------------------------------

from . import design  # noqa: E402  (design imports nothing of this module at import time)


def design_typeface(lang: str | None) -> "design.Typeface":
    try:
        return design.typeface(lang)
    except design.NoTypeface as error:
        raise FontError(error.args[0]) from None


def package_dir(face: "design.Typeface") -> Path:
    """The folder holding a typeface package's files."""
    import importlib

    try:
        package = importlib.import_module(face.package)
    except ImportError:
        name = face.package.replace("_", "-")
        raise FontError(f"the font package {name!r} of {face.family} is not installed (pip install {name})") from None
    return Path(package.__file__).resolve().parent / "files"


CACHE_VERSION = 1  # change when the making of the instances changes


def cache_dir() -> Path:
    from . import facts

    return facts.BUILD_DIR / "cache" / "fonts"


def _make_instance(source: Path, font: "design.FontFile", keep) -> bytes:
    """A static instance of a variable font at ``font.axes`` (and only the
    code points ``keep``, with their layout features), as TTF bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.varLib import instancer

    original = FontToolsFont(str(source), recalcTimestamp=False)
    if keep is not None:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = True
        options.recalc_timestamp = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[c for low, high in keep for c in range(low, high + 1)])
        subsetter.subset(original)
    static = instancer.instantiateVariableFont(original, dict(font.axes), updateFontNames="STAT" in original)
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


@lru_cache(maxsize=None)
def _instance(face_key: str, file: str) -> bytes:
    """A typeface's file as the outputs use it, made once per build folder
    (build/cache/fonts: instancing a variable font takes seconds) and once
    per process."""
    face = design.TYPEFACES[face_key]
    font = next(f for f in face.files if f.file == file)
    source = package_dir(face) / font.source_file
    if not source.is_file():
        raise FontError(f"font file not found: {source} (rm -rf .venv && make all)")
    data = source.read_bytes()
    recipe = f"{CACHE_VERSION} {font.axes} {face.keep}".encode()
    key = hashlib.sha256(data + recipe).hexdigest()[:16]
    folder = cache_dir()
    cached = folder / f"{Path(file).stem}-{key}.ttf"
    if cached.is_file():
        return cached.read_bytes()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder / ".lock", "w")
    except OSError as error:
        raise FontError(f"cannot write {folder}: {error.strerror or error}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process (make -j2) may be making the same file
        if cached.is_file():
            return cached.read_bytes()
        try:
            made = _make_instance(source, font, face.keep)
        except Exception as error:  # fontTools reports a broken file in many ways
            raise FontError(f"{source}: cannot be used as a variable TrueType font: {type(error).__name__}: {error}"
                            " (rm -rf .venv && make all)") from None
        from .files import write_file

        for stale in folder.glob(f"{Path(file).stem}-*.ttf"):
            stale.unlink(missing_ok=True)
        write_file(cached, made)
    return made


def typeface_files(face: "design.Typeface") -> dict[str, bytes]:
    """A typeface's files as every output uses them, by file name."""
    if face is design.ATKINSON:
        return checked_files()
    return {name: _instance(face.key, name) for name in face.file_names}


def language_files(lang: str | None) -> dict[str, bytes]:
    """The files of a language's typeface, by file name."""
    return typeface_files(design_typeface(lang))


@lru_cache(maxsize=None)
def _typeface_coverage(face_key: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont as FontToolsFont

    sets = [frozenset(FontToolsFont(io.BytesIO(data)).getBestCmap())
            for data in typeface_files(design.TYPEFACES[face_key]).values()]
    return frozenset.intersection(*sets)


# ReportLab names of each typeface's styles.
_STYLES = (("regular", "normal", "normal"), ("bold", "bold", "normal"), ("italic", "normal", "italic"),
           ("bold_italic", "bold", "italic"))


def register_language(lang: str | None) -> dict[str, str]:
    """Register a language's typeface in ReportLab (once per file) and return
    its font names by style, as :func:`register` does for Atkinson."""
    face = design_typeface(lang)
    if face is design.ATKINSON:
        return register()
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    files = typeface_files(face)
    base = face.family.replace(" ", "")
    names = {}
    for style, weight, slant in _STYLES:
        file = face.file(weight, slant).file
        name = f"{base}-{Path(file).stem.split('-')[-1]}"
        if _registered.get(name) != file:
            try:
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(files[file])))
            except (TTFError, OSError, ValueError) as error:
                raise FontError(f"{file}: cannot be used as a TrueType font: {error}") from None
            _registered[name] = file
            _data[name] = files[file]
        names[style] = name
    for (bold, italic), style in zip(((0, 0), (1, 0), (0, 1), (1, 1)), ("regular", "bold", "italic", "bold_italic")):
        addMapping(base, bold, italic, names[style])
    return names
