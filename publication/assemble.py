"""Site assembly: the last step of a web edition.

    python -m publication.assemble --lang sv

Runs after the edition's web pages, PDF, EPUB, posters and checklist exist:
copies the files the downloads page offers into ``build/html/<lang>/downloads/``,
renders their thumbnails and writes each file's size into the page. Every
file is written whole (publication.files); files are rewritten only when
their bytes change.
"""

import argparse
import html
import io
import re
import sys
import zipfile
from pathlib import Path

from babel.units import format_unit

from . import downloads, facts, languages, settings
from .files import cannot_write, write_file


class AssemblyError(Exception):
    pass


def file_size(size: int, lang: str) -> str:
    """A file size in the edition's language (CLDR units, via Babel)."""
    lang = languages.cldr_locale(lang)  # the pseudo-locale has no CLDR data of its own
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=lang)
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=lang)


def thumbnail_png(source: Path) -> bytes:
    """The first page of a PDF, or the cover of an EPUB, THUMBNAIL_WIDTH px wide."""
    from PIL import Image

    if source.suffix == ".epub":
        with zipfile.ZipFile(source) as book:
            cover = next(n for n in book.namelist() if n.endswith("cover.png"))
            image = Image.open(io.BytesIO(book.read(cover))).convert("RGB")
        height = round(image.height * downloads.THUMBNAIL_WIDTH / image.width)
        image = image.resize((downloads.THUMBNAIL_WIDTH, height), Image.LANCZOS)
    else:
        import pypdfium2

        document = pypdfium2.PdfDocument(str(source))
        try:
            page = document[0]
            image = page.render(scale=downloads.THUMBNAIL_WIDTH / page.get_width()).to_pil().convert("RGB")
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        write_file(path, data)


def assemble(lang: str, build_dir: Path = facts.BUILD_DIR) -> Path:
    site = build_dir / "html" / lang
    page = site / f"{downloads.PAGE}.html"
    if not page.exists():
        raise AssemblyError(f"{page}: the {lang!r} web edition is not built (run `make html LANGS={lang}`)")
    missing = [str(build_dir / f.source) for f in downloads.all_files(lang) if not (build_dir / f.source).exists()]
    if missing:
        raise AssemblyError(f"the {lang!r} downloads are not built: {', '.join(missing)} (run `make all`)")
    folder = site / downloads.FOLDER
    text = page.read_text(encoding="utf-8")
    for file in downloads.all_files(lang):
        data = (build_dir / file.source).read_bytes()
        _write_if_changed(folder / file.name, data)
        details = html.escape(f"({file.format}, {file_size(len(data), lang)})")
        pattern = re.compile(rf'(<span class="download-details" data-file="{re.escape(html.escape(file.name))}">)'
                             r"[^<]*(</span>)")
        text, count = pattern.subn(lambda m: m.group(1) + details + m.group(2), text)
        if not count:
            raise AssemblyError(f"{page}: no entry for {file.name} (is the page from this version?)")
    for _, group in downloads.cards(lang):
        for card in group:
            _write_if_changed(folder / downloads.THUMBNAILS / card.thumbnail,
                              thumbnail_png(build_dir / card.thumbnail_of.source))
    _write_if_changed(page, text.encode("utf-8"))
    return site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", required=True)
    args = parser.parse_args(argv)
    try:
        settings.languages(args.lang)
        site = assemble(args.lang)
    except (AssemblyError, settings.SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 1
    print(f"[{args.lang}] site  {site}/{downloads.FOLDER}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
