"""The design of the book: measured on the real PDFs and EPUBs.

PDF (pdfplumber, pypdfium2, page-validation): characters per line,
hyphenated lines (share, runs, letters on each side, Finnish breaks legal by
Voikko and at compound seams), one chapter heading size, a link's address not
printed twice, the cover the same in every language, PDF/UA-1.
EPUB (zipfile, Chromium): no unused file, no doubled colon in the rendered
text, no CSS custom properties or Furo variables, recommendations framed in
their section colour, the cover's title the same size in every language.

Uses the session fixture ``editions`` (tests/conftest.py). Expected values
come from publication.design, publication.cover and the built web pages,
never from this file.
"""

import collections
import html
import io
import re
import statistics
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from publication import cover, design, facts, hyphenation, pdf

pytestmark = pytest.mark.gate

LANGUAGES = facts.LANGUAGES
LETTERS = r"[^\W\d_]+"
MM = 72 / 25.4  # points per millimetre


def pdf_path(editions: Path, lang: str) -> Path:
    path = Path(editions) / "pdf" / f"{facts.NAME}-{lang}.pdf"
    assert path.is_file(), f"no PDF for {lang!r}: {path}"
    return path


def epub_path(editions: Path, lang: str) -> Path:
    path = Path(editions) / "epub" / f"{facts.NAME}-{lang}.epub"
    assert path.is_file(), f"no EPUB for {lang!r}: {path}"
    return path


# -- Reading the PDF back ---------------------------------------------------------------

Line = collections.namedtuple("Line", "page top bottom x0 x1 size text")


@lru_cache(maxsize=None)
def pdf_lines(path: Path) -> tuple[Line, ...]:
    """Every line of text of every page, top to bottom: characters on the
    same baseline, in reading order, with the size of most of them."""
    lines = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            rows = collections.defaultdict(list)
            for char in page.chars:
                rows[round(char["bottom"])].append(char)
            for bottom in sorted(rows):
                chars = sorted(rows[bottom], key=lambda c: c["x0"])
                size = collections.Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
                lines.append(Line(number, min(c["top"] for c in chars), bottom, chars[0]["x0"],
                                  chars[-1]["x1"], size, "".join(c["text"] for c in chars)))
    return tuple(lines)


def body_size(path: Path) -> float:
    """The size most characters after the cover and the contents are set in."""
    sizes = collections.Counter()
    for line in pdf_lines(path):
        if line.page >= 2:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0]


def body_lines(path: Path) -> list[Line]:
    """The running text: lines in the body size after the cover and the
    contents, above the page's footer (its last line, in a smaller size)."""
    size = body_size(path)
    return [line for line in pdf_lines(path) if line.page >= 2 and line.size == size]


@lru_cache(maxsize=None)
def vocabulary(editions: Path, lang: str) -> frozenset:
    """Every word of the edition's web pages, in lower case: a line-end
    fragment joined to the next line's first one is a hyphenated word only
    if the edition has that word."""
    words = set()
    for page in (Path(editions) / "html" / lang).glob("*.html"):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).replace("\u00ad", "")
        words.update(w.lower() for w in re.findall(LETTERS, html.unescape(text)))
    assert words, f"no web pages of {lang!r} to read words from"
    return frozenset(words)


Break = collections.namedtuple("Break", "line head tail")


def hyphenations(editions: Path, lang: str) -> tuple[list[Line], list[Break | None]]:
    """The body lines and, for each, the word it breaks with a hyphen at
    its end (None for a line that does not): "tu-" + "eksi" -> tueksi."""
    lines = body_lines(pdf_path(editions, lang))
    words = vocabulary(editions, lang)
    found = []
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        head = re.search(f"({LETTERS})-$", line.text)
        tail = re.match(LETTERS, following)
        if head and tail and not line.text.endswith(" -") \
                and (head.group(1) + tail.group(0)).lower() in words:
            found.append(Break(line, head.group(1), tail.group(0)))
        else:
            found.append(None)
    return lines, found


# -- PDF: measure and hyphenation -------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_characters_per_line(editions, lang):
    """60-75 characters a line: the mean of the full lines of running text
    (a line at least 85 % of the widest), and 95 % of all lines at most 75."""
    lines = body_lines(pdf_path(editions, lang))
    assert len(lines) > 50
    widest = max(line.x1 - line.x0 for line in lines)
    full = [len(line.text) for line in lines if line.x1 - line.x0 >= 0.85 * widest]
    mean = statistics.mean(full)
    assert 60 <= mean <= 75, f"{mean:.1f} characters in a full line"
    lengths = sorted(len(line.text) for line in lines)
    assert lengths[int(0.95 * len(lengths)) - 1] <= 75, lengths[-10:]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hyphenated_lines(editions, lang):
    """At most 10 % of the lines end in a hyphen, never three in a row, and
    every break keeps 3 letters at least on each side."""
    lines, breaks = hyphenations(editions, lang)
    share = sum(b is not None for b in breaks) / len(lines)
    assert share <= 0.10, f"{share:.1%} of {len(lines)} lines are hyphenated"
    run = longest = 0
    for item in breaks:
        run = run + 1 if item else 0
        longest = max(longest, run)
    assert longest <= 2, "three hyphenated lines in a row"
    short = [f"{b.head}-|{b.tail}" for b in breaks if b and (len(b.head) < 3 or len(b.tail) < 3)]
    assert not short, f"fewer than 3 letters beside a break: {short}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_line_ends_in_an_opening_hyphen(editions, lang):
    """'Asunto ensin -laatusuositukset': the hyphen opens the next word, so
    a line may break before it, never after it."""
    path = pdf_path(editions, lang)
    stranded = [line.text[-30:] for line in pdf_lines(path) if re.search(r"(^|\s)-$", line.text)]
    assert not stranded, stranded


def _voikko(words: list[str]) -> dict[str, tuple[bool, str]] | None:
    """(known to Voikko, Voikko's hyphenation pattern) of each word, from
    Debian's python3-libvoikko and voikko-fi in the system Python; None
    where they are missing."""
    import json

    script = ("import json, sys, libvoikko\n"
              "v = libvoikko.Voikko('fi')\n"
              "print(json.dumps({w: (v.spell(w), v.getHyphenationPattern(w)) for w in json.load(sys.stdin)}))\n")
    try:
        result = subprocess.run(["/usr/bin/python3", "-c", script], input=json.dumps(words),
                                capture_output=True, text=True, timeout=120, cwd="/")
    except OSError:
        return None
    if result.returncode:
        return None
    return {word: tuple(value) for word, value in json.loads(result.stdout).items()}


def test_finnish_breaks_are_legal_and_prefer_seams(editions):
    """Every Finnish line-end break is at a compound's seam when the word
    has one that keeps 3 letters on each side; every break the PDF may make
    in any Finnish word of its text, and every one it made, is one Voikko
    allows (the reference; Debian's python3-libvoikko, skipped without it)."""
    _, breaks = hyphenations(editions, "fi")
    breaks = [b for b in breaks if b]
    for b in breaks:
        word = (b.head + b.tail).lower()
        seams = [s for s in hyphenation.finnish_seams(word) if 3 <= s <= len(word) - 3]
        assert not seams or len(b.head) in seams, f"{b.head}-{b.tail}: not at a seam {seams}"
    text_words = {w.lower() for w in re.findall(LETTERS, _page_text(pdf_path(editions, "fi")))}
    made = {(b.head + b.tail).lower() for b in breaks}
    voikko = _voikko(sorted(text_words | made))
    if voikko is None:
        pytest.skip("Voikko (apt-get install python3-libvoikko voikko-fi) is not installed")
    illegal = [f"{b.head}-{b.tail}" for b in breaks if voikko[(b.head + b.tail).lower()][1][len(b.head)] not in "-="]
    assert not illegal, f"line-end breaks Voikko does not allow: {illegal}"
    possible = [(word, at) for word in sorted(text_words) if voikko[word][0]
                for at in pdf.print_breaks(word, "fi") if voikko[word][1][at] not in "-="]
    assert not possible, f"breaks the PDF may make that Voikko does not allow: {possible}"


def test_seams_first_rule():
    """The rule itself: toiminta-tapoja, not toimintata-poja; an ambiguous
    word breaks only where all its readings allow (yhteisö-ihin or
    yhteis-öihin: neither 5 nor 6); a lexicalised compound at its morpheme
    seam (vastaan-ottamiseen)."""
    assert pdf.print_breaks("toimintatapoja", "fi") == [8]
    assert 10 in hyphenation.word_breaks("toimintatapoja", "fi")  # the syllables are still there
    assert not {5, 6} & set(pdf.print_breaks("yhteisöihin", "fi"))
    assert pdf.print_breaks("vastaanottamiseen", "fi") == [7]


# -- PDF: headings, links, cover, PDF/UA ------------------------------------------------

def _outline_pages(path: Path) -> list[int]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return [reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_chapter_heading_size(editions, lang):
    """The first line of every chapter's first page (contents, introduction,
    each handbook page) is set in one size, larger than the text."""
    path = pdf_path(editions, lang)
    pages = _outline_pages(path)
    assert len(pages) >= 8
    lines = pdf_lines(path)
    sizes = {}
    for page in pages:
        first = min((line for line in lines if line.page == page), key=lambda line: line.top)
        sizes[first.text] = first.size
    assert len(set(sizes.values())) == 1, sizes
    assert next(iter(sizes.values())) > body_size(path)


def _page_text(path: Path) -> str:
    """The PDF's text with line-end hyphens rejoined and whitespace single."""
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = re.sub(r"-\n(?=[^\W\d_])", "", text)
    return " ".join(text.split())


def _external_links(editions: Path, lang: str) -> list[tuple[str, str]]:
    """(text, href) of every external link of the edition's web pages."""
    links = []
    for page in sorted((Path(editions) / "html" / lang).glob("*.html")):
        if page.name in ("search.html", "downloads.html", "genindex.html"):
            continue
        source = page.read_text(encoding="utf-8")
        body = source[source.find('role="main"'):]
        for href, text in re.findall(r'<a class="reference external" href="([^"]*)"[^>]*>(.*?)</a>', body, re.S):
            if href.startswith(("http://", "https://")):
                links.append((" ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()), html.unescape(href)))
    return links


def _bare(address: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", address.lower()).rstrip("/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_link_address_not_printed_twice(editions, lang):
    """An external link's address follows its text in parentheses, unless
    the text already is the address (asuntoensin.fi)."""
    text = _page_text(pdf_path(editions, lang))
    printed = [re.sub(r"\s+", "", m) for m in re.findall(r"\((https?://[^)]*)\)", text)]
    links = _external_links(editions, lang)
    assert links, "no external links in the web pages to compare with"
    for label, href in links:
        is_address = "." in label and " " not in label and _bare(label) in _bare(href)
        if is_address:
            assert href not in printed, f"{label} is followed by its address {href}"
        else:
            assert href in printed, f"the address of {label!r} ({href}) is not printed"


def _cover_lines(path: Path) -> dict[float, list[Line]]:
    by_size = collections.defaultdict(list)
    for line in pdf_lines(path):
        if line.page == 0:
            by_size[line.size].append(line)
    return by_size


def _render_cover(path: Path, dpi: int = 30) -> Image.Image:
    document = pdfium.PdfDocument(str(path))
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def _hex(rgb) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb[:3])


def test_pdf_cover_is_the_same_design_in_every_language(editions):
    """Title, edition and publisher at the same places and sizes in every
    language, the title in its one size and inside its block; the panel and
    the band of the five section colours where publication.cover puts them."""
    layouts = {}
    for lang in LANGUAGES:
        path = pdf_path(editions, lang)
        lines = _cover_lines(path)
        title = lines.get(float(cover.TITLE_PT))
        assert title, f"{lang}: no title line in {cover.TITLE_PT} pt on the cover: {sorted(lines)}"
        assert len(title) <= 3
        top, bottom = cover.TITLE.y * MM, (cover.TITLE.y + cover.TITLE.height) * MM
        assert all(top - 1 <= line.top and line.bottom <= bottom + 1 for line in title), \
            f"{lang}: the title leaves its block"
        edition, = lines[float(cover.EDITION_PT)]
        publisher, = lines[float(cover.PUBLISHER_PT)]
        layouts[lang] = {
            "title": (round(title[0].x0, 1), round(title[0].top, 1)),
            "edition": (round(edition.x0, 1), round(edition.top, 1)),
            "publisher": (round(publisher.x0, 1), round(publisher.top, 1)),
        }
        image = _render_cover(path)
        px = image.width / (cover.PAGE.width * MM)  # pixels per point
        panel = image.getpixel((round(cover.PANEL.width * MM * px) - 3, round(cover.PANEL.height * MM * px) - 3))
        assert _hex(panel) == design.BRAND, f"{lang}: panel"
        stripe = cover.BAND.width / len(design.SECTION_COLOURS)
        y = round((cover.BAND.y + cover.BAND.height / 2) * MM * px)
        for number, colour in sorted(design.SECTION_COLOURS.items()):
            x = round((cover.BAND.x + (number + 0.5) * stripe) * MM * px)
            assert _hex(image.getpixel((x, y))) == colour, f"{lang}: stripe {number}"
    first = layouts[LANGUAGES[0]]
    for lang, layout in layouts.items():
        assert layout == first, f"{lang}: {layout} differs from {LANGUAGES[0]}: {first}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_ua_1(editions, lang):
    import page

    report = page.validate_pdf(str(pdf_path(editions, lang)), profile=page.ValidationProfile.PDF_UA_1)
    failures = [(f.rule_id, f.message) for f in report.failures]
    assert report.is_compliant and not failures, failures


# -- EPUB ---------------------------------------------------------------------------

OPF_NS = {"opf": "http://www.idpf.org/2007/opf"}


class Book:
    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as archive:
            self.files = {name: archive.read(name) for name in archive.namelist()}
        root = ET.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = root.find(".//{*}rootfile").get("full-path")
        self.base = posix_dirname(self.opf_path)
        self.opf = ET.fromstring(self.files[self.opf_path])
        self.items = self.opf.findall("opf:manifest/opf:item", OPF_NS)

    def path(self, href: str) -> str:
        return normalise(join(self.base, href))


def posix_dirname(path: str) -> str:
    return path.rpartition("/")[0]


def join(base: str, href: str) -> str:
    return f"{base}/{href}" if base else href


def normalise(path: str) -> str:
    parts = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


@lru_cache(maxsize=None)
def open_book(path: Path) -> Book:
    return Book(path)


def _references(book: Book, name: str) -> set[str]:
    """Files a content document or stylesheet of the book refers to."""
    data = book.files[name].decode("utf-8")
    if name.endswith(".css"):
        targets = re.findall(r"""url\(\s*["']?([^"')]+)""", data) + re.findall(r"""@import\s+["']([^"']+)""", data)
    else:
        targets = [value for element in ET.fromstring(data).iter() for key, value in element.attrib.items()
                   if key in ("href", "src", "{http://www.w3.org/1999/xlink}href")]
    found = set()
    for target in targets:
        target = target.split("#")[0].split("?")[0]
        if target and not re.match(r"^[a-z][a-z0-9+.-]*:", target):
            found.add(normalise(join(posix_dirname(name), target)))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_has_no_unused_file(editions, lang):
    """Every manifest item is the navigation (nav, NCX), the cover image, or
    referred to by a content document or a stylesheet; nothing is zipped
    that the manifest does not list."""
    book = open_book(epub_path(editions, lang))
    # What the content documents refer to, and what the stylesheets they
    # link refer to in turn (a stylesheet nothing links counts for nothing).
    pending = [book.path(i.get("href")) for i in book.items if i.get("media-type") == "application/xhtml+xml"]
    referenced, seen = set(), set()
    while pending:
        name = pending.pop()
        if name in seen or name not in book.files:
            continue
        seen.add(name)
        if name.endswith((".xhtml", ".css")):
            found = _references(book, name)
            referenced |= found
            pending.extend(found)
    unused = []
    for item in book.items:
        properties = item.get("properties", "").split()
        if "nav" in properties or "cover-image" in properties \
                or item.get("media-type") == "application/x-dtbncx+xml":
            continue
        if item.get("media-type") == "application/xhtml+xml":
            continue  # content documents: in the spine
        if book.path(item.get("href")) not in referenced:
            unused.append(item.get("href"))
    assert not unused, f"packaged but used by nothing: {unused}"
    listed = {book.path(item.get("href")) for item in book.items}
    extra = set(book.files) - listed - {"mimetype", "META-INF/container.xml", book.opf_path}
    assert not extra, f"in the zip but not in the manifest: {sorted(extra)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_css_uses_literal_colours(editions, lang):
    """No Furo variables (they do not exist in the book) and no custom
    properties at all: reading systems without var() get the same colours."""
    book = open_book(epub_path(editions, lang))
    sheets = {name: re.sub(r"/\*.*?\*/", "", data.decode("utf-8"), flags=re.S)  # without comments
              for name, data in book.files.items() if name.endswith(".css")}
    assert sheets
    for name, css in sheets.items():
        assert "var(--color-" not in css, name
        assert "var(" not in css, f"{name} uses CSS custom properties"
        assert not re.search(r"[{;\s]--[\w-]+\s*:", css), f"{name} declares CSS custom properties"


@pytest.fixture(scope="module")
def browser():
    from browser import chromium

    with chromium() as instance:
        yield instance


# The text a reader sees: text nodes and the content of ::before and ::after.
RENDERED_TEXT = """() => {
  const out = [];
  const generated = (element, which) => {
    const content = getComputedStyle(element, which).content;
    if (!content || content === 'none' || content === 'normal') return '';
    return content.replace(/^"(.*)"$/, '$1');
  };
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { out.push(node.data); return; }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (getComputedStyle(node).display === 'none') return;
    out.push(generated(node, '::before'));
    node.childNodes.forEach(walk);
    out.push(generated(node, '::after'));
  };
  walk(document.body);
  return out.join('');
}"""

FRAMES = """() => Array.from(document.querySelectorAll('li.recommendation')).map(li => {
  const style = getComputedStyle(li);
  return [li.parentElement.className, style.borderLeftStyle, parseFloat(style.borderLeftWidth),
          style.borderLeftColor, style.borderTopStyle, style.borderTopColor];
})"""


def _rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_rendered_in_chromium(editions, lang, browser, tmp_path):
    """Each content document with the book's stylesheet: no doubled colon
    ("Julkaisu::") in the text a reader sees, and every recommendation framed
    in its section's colour."""
    book = open_book(epub_path(editions, lang))
    for name, data in book.files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    page = browser.new_page()
    frames = 0
    try:
        for item in book.items:
            if item.get("media-type") != "application/xhtml+xml":
                continue
            page.goto((tmp_path / book.path(item.get("href"))).as_uri())
            text = " ".join(page.evaluate(RENDERED_TEXT).split())
            doubled = re.search(r".{0,30}:\s*:.{0,10}", text)
            assert not doubled, f"{item.get('href')}: {doubled.group(0)!r}"
            for classes, style, width, colour, top_style, top_colour in page.evaluate(FRAMES):
                number = int(re.search(r"hb-section-(\d+)", classes).group(1))
                expected = _rgb(design.SECTION_COLOURS[number])
                assert style == "solid" and width >= 3 and colour == expected, \
                    f"{item.get('href')}: the rule of a recommendation: {style} {width} {colour}"
                assert top_style == "solid" and top_colour == expected, item.get("href")
                frames += 1
    finally:
        page.close()
    assert frames == sum(1 for name in book.files if name.endswith(".xhtml")
                         for _ in re.finditer(r'class="recommendation"', book.files[name].decode()))
    assert frames > 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_keeps_opening_hyphens_with_their_word(editions, lang):
    """In the EPUB every hyphen that opens a word (after a space) stands in a
    span that book.css keeps from wrapping."""
    book = open_book(epub_path(editions, lang))
    css = "".join(data.decode("utf-8") for name, data in book.files.items() if name.endswith(".css"))
    assert re.search(r"span\.nowrap\s*\{\s*white-space:\s*nowrap", css)
    xhtml = "{http://www.w3.org/1999/xhtml}"
    loose = []
    for name, data in book.files.items():
        if not name.endswith(".xhtml") or name.endswith("nav.xhtml"):
            continue
        body = ET.fromstring(data).find(f"{xhtml}body")
        for element in body.iter():
            inside = element.tag == f"{xhtml}span" and element.get("class") == "nowrap"
            for text in ([] if inside else [element.text]) + [element.tail]:
                loose += re.findall(r"\s-[^\W\d_]+", text or "")
    assert not loose, f"opening hyphens that may wrap: {loose[:5]}"


def _cover_png(editions: Path, lang: str) -> Image.Image:
    book = open_book(epub_path(editions, lang))
    item, = [i for i in book.items if "cover-image" in i.get("properties", "").split()]
    return Image.open(io.BytesIO(book.files[book.path(item.get("href"))])).convert("RGB")


def _first_letter_height(image: Image.Image) -> int:
    """Height in pixels of the title's first letter (a capital in every
    edition): the first run of columns with white pixels in the title block."""
    scale = image.width / cover.PAGE.width
    box = (round(cover.TITLE.x * scale) - 2, round(cover.TITLE.y * scale),
           round((cover.TITLE.x + cover.TITLE.width) * scale), round((cover.TITLE.y + cover.TITLE.height) * scale))
    region = image.crop(box).convert("L").point(lambda v: 255 if v > 160 else 0)
    width, height = region.size
    pixels = region.load()
    # The first text row: from the first row with white to the next empty row.
    rows = [y for y in range(height) if any(pixels[x, y] for x in range(width))]
    assert rows, "no title on the cover"
    first_row = []
    for y in range(rows[0], height):
        if not any(pixels[x, y] for x in range(width)):
            break
        first_row.append(y)
    columns = [x for x in range(width) if any(pixels[x, y] for y in first_row)]
    letter = [columns[0]]
    for x in columns[1:]:
        if x != letter[-1] + 1:
            break
        letter.append(x)
    ys = [y for y in first_row if any(pixels[x, y] for x in letter)]
    return ys[-1] - ys[0] + 1


def test_epub_cover_title_size_is_the_same_in_every_language(editions):
    """The cover PNGs have the PDF cover's proportions and colours, and their
    titles' first capitals are as tall as the title size of the PDF makes a
    capital (the font's cap height at publication.cover.TITLE_PT)."""
    from fontTools.ttLib import TTFont

    from publication import fonts

    font = TTFont(fonts.font_dir() / "AtkinsonHyperlegible-Bold.ttf")
    cap = font["OS/2"].sCapHeight / font["head"].unitsPerEm
    heights = {}
    for lang in LANGUAGES:
        image = _cover_png(editions, lang)
        assert image.height / image.width == pytest.approx(cover.PAGE.height / cover.PAGE.width, abs=0.002)
        scale = image.width / cover.PAGE.width  # px per mm
        assert _hex(image.getpixel((5, 5))) == design.BRAND
        y = round((cover.BAND.y + cover.BAND.height / 2) * scale)
        stripe = cover.BAND.width / len(design.SECTION_COLOURS)
        for number, colour in sorted(design.SECTION_COLOURS.items()):
            assert _hex(image.getpixel((round((number + 0.5) * stripe * scale), y))) == colour
        heights[lang] = _first_letter_height(image)
        expected = cap * cover.TITLE_PT * cover.MM_PER_PT * scale
        assert heights[lang] == pytest.approx(expected, abs=3), f"{lang}: {heights[lang]} px, not {expected:.0f}"
    assert max(heights.values()) - min(heights.values()) <= 2, heights
