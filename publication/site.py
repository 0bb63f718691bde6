"""The root of the web site: ``build/html/index.html`` offers the editions.

    python -m publication.site

Each edition's title comes from its catalog; the language names from CLDR.
"""

import html
import sys

from . import catalogs, design, facts
from .files import write_file
from .sphinxext import autonym

PAGE = """<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{titles}</title>
<meta name="description" content="{titles}">
{alternates}
<link rel="icon" href="{source}/_static/favicon.svg" type="image/svg+xml">
<style>
body {{ font: 1.25rem/1.5 system-ui, sans-serif; color: {ink}; background: {paper}; margin: 0; }}
main {{ max-width: 40rem; margin: 4rem auto; padding: 0 1.5rem; }}
h1 {{ font-size: 1.75rem; line-height: 1.25; }}
ul {{ list-style: none; padding: 0; }}
li {{ margin: 1rem 0; }}
a {{ display: block; padding: 1rem 1.25rem; border: 2px solid {accent}; border-radius: .5rem;
     color: {accent}; text-decoration: none; }}
a:hover, a:focus {{ background: {accent}; color: {paper}; }}
a:focus-visible {{ outline: 3px solid {ink}; outline-offset: 3px; }}
.language {{ display: block; font-size: 1rem; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""

ITEM = ('<li lang="{lang}"><a href="{lang}/index.html" hreflang="{lang}">{title}'
        '<span class="language">{name}</span></a></li>')


def render(languages) -> str:
    titles = {lang: catalogs.translator(lang)(facts.TITLE) for lang in languages}
    root = facts.base_url()
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{lang}" href="{html.escape(root)}{lang}/index.html">'
        for lang in languages)
    return PAGE.format(
        source=facts.SOURCE_LANGUAGE,
        titles=html.escape(" · ".join(titles.values())),
        heading=html.escape(titles[facts.SOURCE_LANGUAGE]),
        alternates=alternates,
        items="\n".join(ITEM.format(lang=lang, title=html.escape(titles[lang]), name=html.escape(autonym(lang)))
                        for lang in languages),
        ink=design.INK, paper=design.PAPER, accent=design.BRAND,
    )


def main(argv=None) -> int:
    languages = (argv if argv is not None else sys.argv[1:]) or list(facts.LANGUAGES)
    out = facts.BUILD_DIR / "html" / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        page = render(languages)
    except catalogs.CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write_file(out, page.encode("utf-8"))
    print(f"site: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
