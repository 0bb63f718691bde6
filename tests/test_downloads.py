"""The downloads page of each edition: every file of the edition, copied into
the site, with its format and size, and a thumbnail with alt text for each
poster; linked from the front page."""

from html.parser import HTMLParser

import pytest

from publication import facts, ui
from publication.records import load, load_sections

pytestmark = pytest.mark.gate


class Downloads(HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.links, self.images = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "download-link" in attrs.get("class", ""):
            self.links.append(attrs["href"])
        if tag == "img" and "download-thumbnail" in attrs.get("class", ""):
            self.images.append(attrs)


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_downloads_page_offers_every_file_of_the_edition(editions, lang):
    site = editions / "html" / lang
    page = Downloads((site / "downloads.html").read_text(encoding="utf-8"))
    sections = load_sections(lang, editions / "records")
    # Handbook PDF and EPUB, checklist, office + A4 + print posters, all posters in one file.
    assert len(page.links) == 3 + 3 * len(sections) + 1
    for href in page.links:
        assert (site / href).is_file(), href
    originals = {
        f"downloads/{facts.NAME}-{lang}.pdf": editions / "pdf" / f"{facts.NAME}-{lang}.pdf",
        f"downloads/{facts.NAME}-{lang}.epub": editions / "epub" / f"{facts.NAME}-{lang}.epub",
        f"downloads/{facts.NAME}-checklist-{lang}.pdf": editions / "checklist" / f"{facts.NAME}-{lang}.pdf",
    }
    for href, original in originals.items():
        assert href in page.links
        assert (site / href).read_bytes() == original.read_bytes()


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_one_card_per_poster_and_a_thumbnail_with_alt_text_for_every_card(editions, lang):
    from PIL import Image

    site = editions / "html" / lang
    text = (site / "downloads.html").read_text(encoding="utf-8")
    page = Downloads(text)
    titles = [s.title for s in load_sections(lang, editions / "records")]
    # PDF, EPUB, checklist, one per poster, all posters in one file: each once.
    assert len(page.images) == 3 + len(titles) + 1
    assert len({image["src"] for image in page.images}) == len(page.images)
    _ = ui.translator(lang, load(lang, editions / "records").interface)
    poster_alts = [image["alt"] for image in page.images if "poster-0" in image["src"]]
    assert poster_alts == [_("Thumbnail of the poster “%(title)s”") % {"title": title} for title in titles]
    for image in page.images:
        assert image["alt"].strip()
        with Image.open(site / image["src"]) as thumbnail:
            assert thumbnail.width == int(image["width"])
            assert thumbnail.height > thumbnail.width  # portrait: a page or a cover


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_every_file_shows_its_format_and_size(editions, lang):
    import re

    text = (editions / "html" / lang / "downloads.html").read_text(encoding="utf-8")
    details = re.findall(r'<span class="download-details" data-file="[^"]+">([^<]*)</span>', text)
    assert len(details) == 3 + 3 * 5 + 1
    for detail in details:
        assert re.fullmatch(r"\((PDF|EPUB), [\d,.]+\s?\S+\)", detail), detail


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_front_page_links_to_the_downloads_page(editions, lang):
    front = (editions / "html" / lang / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads.html"' in front


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_the_book_and_the_pdf_have_no_downloads_page(editions, lang):
    import zipfile

    with zipfile.ZipFile(editions / "epub" / f"{facts.NAME}-{lang}.epub") as book:
        assert not [n for n in book.namelist() if "downloads" in n]
        assert b"downloads.xhtml" not in book.read("index.xhtml")
