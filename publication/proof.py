"""Proof sheets: every output of an edition at a glance, as PNG contact sheets.

    python -m publication.proof             # the languages of LANGS
    make proof                              # after make all

Writes ``build/proof/<lang>/``: ``posters.png`` (office, A4 and print-shop
posters), ``pdf.png`` (every page of the handbook), ``checklist.png`` (every
page), ``epub.png`` (the cover and every page of the book, rendered by
Chromium) and ``web-phone.png`` / ``web-desktop.png`` (every page of the web
edition at 390 and 1280 px, rendered by Debian's Chromium). For an editor or
translator reviewing a whole edition, and for the designer's sign-off.
"""

import argparse
import io
import sys
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import downloads, facts, fonts, settings
from .files import cannot_write, write_file

GAP = 24  # px between the tiles of a sheet
LABEL = 28  # px of label under each tile
BACKGROUND = "#D9DCE1"
CHROMIUM = "/usr/bin/chromium"


class ProofError(Exception):
    pass


def _font(size: int):
    return ImageFont.truetype(io.BytesIO(fonts.checked_files()["AtkinsonHyperlegible-Regular.ttf"]), size)


def sheet(tiles: list[tuple[str, Image.Image]], columns: int) -> Image.Image:
    """The tiles in a grid, each with its label below."""
    width = max(image.width for _, image in tiles)
    height = max(image.height for _, image in tiles)
    rows = (len(tiles) + columns - 1) // columns
    out = Image.new("RGB", (GAP + columns * (width + GAP), GAP + rows * (height + LABEL + GAP)), BACKGROUND)
    draw, font = ImageDraw.Draw(out), _font(18)
    for index, (label, image) in enumerate(tiles):
        x = GAP + (index % columns) * (width + GAP)
        y = GAP + (index // columns) * (height + LABEL + GAP)
        out.paste(image, (x, y))
        draw.text((x, y + height + 4), label, fill="#111111", font=font)
    return out


def pdf_pages(path: Path, width: int) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.render(scale=width / page.get_width()).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _screenshots(pages: list[tuple[str, str]], width: int, scale: float, dark: bool = False) -> list:
    """(label, file URL) -> full-page screenshots at ``width`` CSS px, scaled."""
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900},
                                    color_scheme="dark" if dark else "light")
            for label, url in pages:
                page.goto(url)
                image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
                height = min(image.height, 4 * image.width if width < 600 else 2 * image.width)
                image = image.crop((0, 0, image.width, height))
                shots.append((label, image.resize((round(image.width * scale), round(image.height * scale)))))
        finally:
            browser.close()
    return shots


def _pad(tiles):
    """Tiles of one height (the tallest): shorter ones on the background."""
    height = max(image.height for _, image in tiles)
    padded = []
    for label, image in tiles:
        canvas = Image.new("RGB", (image.width, height), BACKGROUND)
        canvas.paste(image, (0, 0))
        padded.append((label, canvas))
    return padded


def proof(lang: str, build: Path = facts.BUILD_DIR) -> list[Path]:
    out = build / "proof" / lang
    written = []

    def save(name: str, image: Image.Image):
        path = out / name
        write_file(path, _png(image))
        written.append(path)

    needed = [f for f in downloads.all_files(lang)] + [downloads.File(f"html/{lang}/index.html", "index.html")]
    missing = [str(build / f.source) for f in needed if not (build / f.source).exists()]
    if missing:
        raise ProofError(f"the {lang!r} outputs are not built: {missing[0]} (run `make all`)")

    posters = []
    for number, page in enumerate(facts.SECTION_PAGES):
        name = downloads.poster_file_name(number, page)
        for variant, folder in (("A3", ""), ("A4", "a4/"), ("print", "print/")):
            image = pdf_pages(build / "posters" / lang / f"{folder}{name}", 300 if variant != "print" else 330)[0]
            posters.append((f"{name} {variant}", image))
    save("posters.png", sheet(posters, 3))
    save("pdf.png", sheet([(f"p. {i}", image) for i, image in enumerate(
        pdf_pages(build / "pdf" / f"{facts.NAME}-{lang}.pdf", 300), 1)], 6))
    save("checklist.png", sheet([(f"p. {i}", image) for i, image in enumerate(
        pdf_pages(build / "checklist" / f"{facts.NAME}-{lang}.pdf", 300), 1)], 4))

    site = build / "html" / lang
    pages = [(p.stem, p.resolve().as_uri()) for p in sorted(site.glob("*.html")) if p.stem not in ("search", "genindex")]
    save("web-phone.png", sheet(_pad(_screenshots(pages, 390, 0.5)), 5))
    save("web-phone-dark.png", sheet(_pad(_screenshots(pages[:3], 390, 0.5, dark=True)), 3))
    save("web-desktop.png", sheet(_pad(_screenshots(pages, 1280, 0.25)), 4))

    with zipfile.ZipFile(build / "epub" / f"{facts.NAME}-{lang}.epub") as book, \
            _unzipped(book, build / "proof" / ".epub" / lang) as folder:
        documents = _spine(folder)
        save("epub.png", sheet(_pad(_screenshots([(p.stem, p.as_uri()) for p in documents], 600, 0.4)), 5))
    return written


def _spine(folder: Path) -> list[Path]:
    """The book's documents in reading order (content.opf's spine)."""
    import xml.etree.ElementTree as ET

    ns = {"opf": "http://www.idpf.org/2007/opf"}
    opf = ET.parse(folder / "content.opf").getroot()
    hrefs = {item.get("id"): item.get("href") for item in opf.iterfind("opf:manifest/opf:item", ns)}
    return [folder / hrefs[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", ns)
            if ref.get("linear") != "no"]


class _unzipped:
    """The book unpacked into a scratch folder for the browser, removed after."""

    def __init__(self, book: zipfile.ZipFile, folder: Path):
        self.book, self.folder = book, folder

    def __enter__(self) -> Path:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)
        self.book.extractall(self.folder)
        return self.folder

    def __exit__(self, *exc):
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*")
    args = parser.parse_args(argv)
    try:
        languages = settings.languages(" ".join(args.languages) or None)
        for lang in languages:
            for path in proof(lang):
                print(f"proof: {path}")
    except (ProofError, settings.SettingError, fonts.FontError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
