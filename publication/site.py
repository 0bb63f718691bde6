"""The root of the web site: ``build/html/index.html`` offers the editions.

    python -m publication.site          # the languages of LANGS

Each edition's title comes from its records; the language names from CLDR.
"""

import html
import sys

from pathlib import Path

from . import design, facts, records, settings
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


def render(languages, records_dir: Path | None = None) -> str:
    titles = {lang: records.load(lang, records_dir).publication for lang in languages}
    root = settings.base_url()
    # hreflang needs absolute addresses: without BASE_URL there are none.
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{lang}" href="{html.escape(root)}{lang}/index.html">'
        for lang in languages) if root else ""
    first = facts.SOURCE_LANGUAGE if facts.SOURCE_LANGUAGE in languages else languages[0]
    return PAGE.format(
        source=first,
        titles=html.escape(" · ".join(titles.values())),
        heading=html.escape(titles[first]),
        alternates=alternates,
        items="\n".join(ITEM.format(lang=lang, title=html.escape(titles[lang]), name=html.escape(autonym(lang)))
                        for lang in languages),
        ink=design.INK, paper=design.PAPER, accent=design.BRAND,
    )


def main(argv=None) -> int:
    out = facts.BUILD_DIR / "html" / "index.html"
    try:
        languages = settings.languages(" ".join(argv if argv is not None else sys.argv[1:]) or None)
        page = render(languages)
        write_file(out, page.encode("utf-8"))
    except (records.RecordError, settings.SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {error.filename or out}: {error.strerror} (fix the permissions or remove it)",
              file=sys.stderr)
        return 1
    print(f"site: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
