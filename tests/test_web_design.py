"""The design of the web editions, measured in Chromium on the built pages:
how every line of every page breaks at 320, 390, 768 and 1280 px (no word
broken without a visible hyphen, no hyphen that opens a word left at a line
end), no page wider than a 320 px screen, the language switcher, Downloads
in the sidebar, the recommendations in their section's colours, the root
page in the design tokens, and colour contrast in dark mode (axe-core).

Each page is loaded once per width, in one browser."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from browser import chromium, serve
from publication import design, facts

pytestmark = pytest.mark.gate

LANGUAGES = facts.LANGUAGES
WIDTHS = (320, 390, 768, 1280)
WIDE = 1280  # the sidebar is shown
NARROWEST = 320

# How the lines of a page break. A run of characters without a space that
# the layout split over lines must end each line with a soft hyphen (drawn
# as a hyphen) or a hyphen or dash of its own; a hyphen that opens a word
# ("ensin -laatusuositukset") must not end a line. Text nodes of one block
# are read as one text (a word may span inline elements). Chromium gives a
# character after a soft hyphen two boxes, the drawn hyphen's and its own:
# a character's line is that of its last box.
LAYOUT_JS = r"""() => {
  const SPACE = /\s/;  // a no-break space is no break opportunity
  const HYPHENS = "\u00ad-\u2010\u2011\u2013\u2014";
  const blocks = new Map();
  const blockOf = (element) => {
    const path = [];
    let e = element;
    while (e && e !== document.body && !blocks.has(e)) {
      path.push(e);
      const display = getComputedStyle(e).display;
      if (display !== "inline" && display !== "contents") { blocks.set(e, e); break; }
      e = e.parentElement;
    }
    const block = (e && blocks.get(e)) || document.body;
    for (const p of path) blocks.set(p, block);
    return block;
  };
  const stream = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.parentElement.closest("script, style, svg, noscript, template")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let node, previousBlock = null;
  while ((node = walker.nextNode())) {
    const block = blockOf(node.parentElement);
    if (block !== previousBlock) stream.push(null);  // a new block: a word ends
    previousBlock = block;
    for (let i = 0; i < node.data.length; i++) stream.push([node, i, node.data[i]]);
  }
  stream.push(null);
  const range = document.createRange();
  const boxes = (first, last) => {
    range.setStart(first[0], first[1]);
    range.setEnd(last[0], last[1] + 1);
    return [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  };
  const lineCount = (rects) => {
    let lines = 0, line = null;
    for (const r of rects.sort((a, b) => a.top - b.top)) {
      if (line === null || r.top >= line.top + line.height / 2) { lines++; line = r; }
    }
    return lines;
  };
  const broken = [], dangling = [];
  let run = [];
  for (const c of stream) {
    if (c && !SPACE.test(c[2])) { run.push(c); continue; }
    if (run.length > 1 && lineCount(boxes(run[0], run[run.length - 1])) > 1) {
      let previous = null;
      for (let k = 0; k < run.length; k++) {
        const rects = boxes(run[k], run[k]);
        if (!rects.length) continue;
        const box = rects[rects.length - 1];
        if (previous && box.top >= previous.top + previous.height / 2) {
          const word = run.map((x) => x[2]).join("").replaceAll("\u00ad", "");
          const shown = run.slice(0, k).map((x) => x[2]).join("").replaceAll("\u00ad", "") + "|"
            + run.slice(k).map((x) => x[2]).join("").replaceAll("\u00ad", "");
          const before = run[k - 1][2];
          if (before === "-" && k === 1) dangling.push(shown);
          else if (!HYPHENS.includes(before)) broken.push(shown);
        }
        previous = box;
      }
    }
    run = [];
  }
  // Regions that scroll sideways inside the page.
  const scrolling = [...document.querySelectorAll("body *")].filter((e) => {
    const style = getComputedStyle(e);
    return (style.overflowX === "auto" || style.overflowX === "scroll") && e.clientWidth > 0
      && e.scrollWidth > e.clientWidth + 1;
  }).map((e) => e.tagName.toLowerCase() + "." + [...e.classList].join("."));
  return {broken, dangling, scrolling,
          scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};
}"""

# The chrome of a page with the sidebar shown: the language switcher and
# the Downloads link, and the recommendations' frames.
CHROME_JS = r"""() => {
  const switcher = [...document.querySelectorAll(".sidebar-languages a")].map((a) => {
    const r = a.getBoundingClientRect(), s = getComputedStyle(a);
    return {lang: a.getAttribute("hreflang"), current: a.getAttribute("aria-current"),
            width: r.width, height: r.height, color: s.color, background: s.backgroundColor,
            weight: s.fontWeight};
  });
  const downloads = [...document.querySelectorAll(".sidebar-drawer a[href]")].filter((a) => {
    const r = a.getBoundingClientRect();
    return a.href.split("#")[0].endsWith("/downloads.html") && !a.closest(".sidebar-languages") && r.width > 0 && r.height > 0 && r.left >= 0
      && r.right <= window.innerWidth && getComputedStyle(a).visibility === "visible";
  }).map((a) => a.href.split("#")[0]);
  const recommendations = [...document.querySelectorAll("li.recommendation")].map((li) => {
    const id = li.querySelector(".recommendation-id");
    const range = document.createRange();
    range.selectNodeContents(id.parentElement);
    range.setStartAfter(id);
    const textBox = range.getClientRects()[0];
    const idBox = id.getBoundingClientRect();
    return {id: id.textContent, frame: getComputedStyle(li).borderTopColor,
            frameWidth: parseFloat(getComputedStyle(li).borderTopWidth),
            label: getComputedStyle(id).backgroundColor, labelText: getComputedStyle(id).color,
            idRight: idBox.right, textLeft: textBox ? textBox.left : null};
  });
  return {switcher, downloads, recommendations};
}"""

FONT_JS = r"""async () => {
  await document.fonts.ready;
  const body = getComputedStyle(document.body);
  const link = document.querySelector("main a");
  const heading = document.querySelector("h1");
  return {color: body.color, background: body.backgroundColor, font: body.fontFamily,
          loaded: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family),
          link: getComputedStyle(link).borderTopColor, heading: getComputedStyle(heading).color,
          headingFont: getComputedStyle(heading).fontFamily};
}"""


def rgb(colour: str) -> str:
    """A token (#RRGGBB) as the browser reports it."""
    value = colour.lstrip("#")
    return f"rgb({int(value[0:2], 16)}, {int(value[2:4], 16)}, {int(value[4:6], 16)})"


def luminance(css: str) -> float:
    channels = [int(x) / 255 for x in re.findall(r"\d+", css)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def site(editions) -> Path:
    return editions / "html"


def all_pages(site: Path) -> list[str]:
    return ["index.html"] + [f"{lang}/{p.name}" for lang in LANGUAGES for p in sorted((site / lang).glob("*.html"))]


@pytest.fixture(scope="module")
def measured(site):
    """Every page at every width (its lines, its width; at 1280 px its
    chrome), the root page in light and dark, axe-core's colour contrast
    in dark mode, and the sidebar opened on a phone."""
    from axe_playwright_python.sync_playwright import Axe

    layouts, chrome, root, dark_contrast, phone_menu = {}, {}, {}, {}, {}
    names = all_pages(site)
    with serve(site) as base, chromium() as browser:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for name in names:
                page.goto(urljoin(base, name), wait_until="load")
                page.evaluate("() => document.fonts.ready.then(() => true)")
                layouts[(width, name)] = page.evaluate(LAYOUT_JS)
                if width == WIDE and name != "index.html":
                    chrome[name] = page.evaluate(CHROME_JS)
                if width == WIDE and name == "index.html":
                    root["light"] = page.evaluate(FONT_JS)
                if width == 390 and name.endswith("/principle-1.html"):
                    page.click("label.nav-overlay-icon")
                    page.wait_for_timeout(400)  # the drawer slides in
                    phone_menu[name] = page.evaluate(CHROME_JS)["downloads"]
            context.close()
        axe = Axe()
        context = browser.new_context(viewport={"width": WIDE, "height": 900}, color_scheme="dark")
        page = context.new_page()
        for name in names:
            page.goto(urljoin(base, name), wait_until="load")
            if name == "index.html":
                root["dark"] = page.evaluate(FONT_JS)
            result = axe.run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
            dark_contrast[name] = result
        context.close()
    return {"layouts": layouts, "chrome": chrome, "root": root, "dark": dark_contrast, "menu": phone_menu}


# -- Line breaks and width -------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_is_broken_without_a_hyphen(measured, site, width):
    found = {name: measured["layouts"][(width, name)]["broken"] for name in all_pages(site)}
    found = {name: words for name, words in found.items() if words}
    assert not found, f"at {width} px, words broken with no hyphen shown (| marks the line end): {found}"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_hyphen_that_opens_a_word_never_ends_a_line(measured, site, width):
    found = {name: measured["layouts"][(width, name)]["dangling"] for name in all_pages(site)}
    found = {name: words for name, words in found.items() if words}
    assert not found, f"at {width} px, 'ensin -' at a line end: {found}"


def test_no_page_is_wider_than_a_small_screen(measured, site):
    for name in all_pages(site):
        layout = measured["layouts"][(NARROWEST, name)]
        assert layout["scrollWidth"] <= layout["innerWidth"], (name, layout["scrollWidth"])
        assert not layout["scrolling"], (name, "scrolls sideways inside", layout["scrolling"])


# -- Language switcher and navigation ---------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_marks_the_current_language_clearly(measured, site, lang):
    for path in sorted((site / lang).glob("*.html")):
        switcher = measured["chrome"][f"{lang}/{path.name}"]["switcher"]
        assert [s["lang"] for s in switcher] == list(LANGUAGES), path.name
        current = [s for s in switcher if s["current"] == "page"]
        assert [s["lang"] for s in current] == [lang], path.name
        others = [s for s in switcher if s["current"] is None]
        for other in others:
            # Visibly distinct: not by colour of text alone.
            assert other["background"] != current[0]["background"], path.name
        # Its text readable on its fill (WCAG AA).
        assert contrast(current[0]["color"], current[0]["background"]) >= 4.5, current
        for link in switcher:  # WCAG 2.5.8: targets at least 24 by 24 px
            assert link["width"] >= 24 and link["height"] >= 24, (path.name, link)


def test_the_switcher_shows_where_the_keyboard_is(site):
    """A focused language link draws a focus ring (a 3 px outline)."""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": WIDE, "height": 900})
        for lang in LANGUAGES:
            page.goto(urljoin(base, f"{lang}/index.html"), wait_until="load")
            for index in range(len(LANGUAGES)):
                link = page.locator(".sidebar-languages a").nth(index)
                link.focus()
                ring = link.evaluate("(a) => [a.matches(':focus-visible'), getComputedStyle(a).outlineStyle,"
                                     " parseFloat(getComputedStyle(a).outlineWidth)]")
                assert ring[0] and ring[1] != "none" and ring[2] >= 2, (lang, index, ring)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_is_in_the_sidebar_of_every_page(measured, site, lang):
    for path in sorted((site / lang).glob("*.html")):
        links = measured["chrome"][f"{lang}/{path.name}"]["downloads"]
        assert [link.rsplit("/", 2)[-2:] for link in links] == [[lang, "downloads.html"]], (path.name, links)
    # On a phone, in the menu.
    menu = measured["menu"][f"{lang}/principle-1.html"]
    assert [link.rsplit("/", 2)[-2:] for link in menu] == [[lang, "downloads.html"]], menu


# -- Brand ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_recommendation_is_framed_in_its_section_colour_with_a_hanging_id(measured, lang):
    for number, page in enumerate(facts.SECTION_PAGES):
        recommendations = measured["chrome"][f"{lang}/{page}.html"]["recommendations"]
        assert recommendations, page
        colour = rgb(design.SECTION_COLOURS[number])
        for rec in recommendations:
            assert rec["id"].startswith(f"{number}."), (page, rec)
            assert rec["frame"] == colour and rec["frameWidth"] >= 2, (page, rec)
            assert rec["label"] == colour, (page, rec)
            assert contrast(rec["labelText"], rec["label"]) >= 4.5, (page, rec)
            # Hanging: the ID stands in its own column, left of the text.
            assert rec["textLeft"] is not None and rec["idRight"] <= rec["textLeft"], (page, rec)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_root_page_takes_the_tokens_colours_and_font(measured, scheme):
    found = measured["root"][scheme]
    dark = scheme == "dark"
    tokens = design.custom_properties(dark=dark)
    assert found["color"] == rgb(tokens["--hb-ink"]), found
    assert found["background"] == rgb(tokens["--hb-paper"]), found
    assert found["link"] == rgb(tokens["--hb-brand"]), found
    for font in (found["font"], found["headingFont"]):
        assert font.startswith(f'"{design.FONT_FAMILY}"'), found
    assert design.FONT_FAMILY in found["loaded"], found


def test_colour_contrast_in_dark_mode(measured):
    failures = {name: result.generate_report() for name, result in measured["dark"].items()
                if result.violations_count}
    assert not failures, "\n\n".join(f"{name}:\n{text}" for name, text in failures.items())


# -- What the typesetting leaves alone -----------------------------------------------------

class _Head(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.head, self.headings, self._in = [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.head.append(dict(attrs).get("content") or "")
        if tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.head.append(data)
        elif self._in == "h1":
            self.headings.append(data)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_soft_hyphens_and_no_wrap_spans_stay_out_of_titles_search_and_books(editions, lang):
    import zipfile

    site = editions / "html" / lang
    hyphenated = 0
    for path in sorted(site.glob("*.html")):
        page = _Head(path.read_text(encoding="utf-8"))
        for text in page.head:
            assert "\u00ad" not in text and "hb-nowrap" not in text, (path.name, text)
        hyphenated += any("\u00ad" in text for text in page.headings)
    assert hyphenated, "no heading carries a soft hyphen: the typesetting did not run"
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert "\u00ad" not in index and "\\u00ad" not in index and "\u2060" not in index
    with zipfile.ZipFile(editions / "epub" / f"{facts.NAME}-{lang}.epub") as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                assert b"hb-nowrap" not in book.read(name), name
