"""Every internal link and anchor of the web site resolves."""

from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.gate


class Links(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.ids, self.hrefs = set(), []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.hrefs.append((tag, attrs[key]))


def test_every_internal_link_and_anchor_resolves(editions):
    site = editions / "html"
    site = site.resolve()
    pages = {p: Links(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    assert len(pages) > 25
    broken, checked = [], 0
    for page, links in pages.items():
        for tag, href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:", "javascript:")):
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists() or site not in target.parents:
                broken.append(f"{page.relative_to(site)}: {href} (no file in the site)")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert not broken, "\n".join(broken)
    assert checked > 300  # the pages' navigation, switcher, assets and anchors
