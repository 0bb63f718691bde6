"""The root of the web site: ``build/html/index.html`` offers the editions.

    python -m publication.site          # the languages of LANGS

Each edition's title comes from its records; the language names from CLDR.
"""

import html
import sys

from pathlib import Path

from . import design, facts, records, settings
from .files import cannot_write, write_file
from .sphinxext import autonym, typeset

PAGE = """<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{titles}</title>
<meta name="description" content="{titles}">
{alternates}
<link rel="icon" href="{source}/_static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{source}/_static/{tokens}">
<style>
{style}</style>
</head>
<body>
<main>
{heading}
<ul class="editions">
{items}
</ul>
</main>
</body>
</html>
"""

# The look of the web editions (handbook.css): the tokens' colours and font,
# the five section colours as a band, light and dark. tokens.css comes from
# the first edition's _static (as the favicon): its font files beside it.
STYLE = """\
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font: 1.125rem/1.5 var(--hb-font); color: var(--hb-ink); background: var(--hb-paper); }
body::before { content: ""; display: block; height: .375rem; background: linear-gradient(to right,
  var(--hb-section-0) 0 20%, var(--hb-section-1) 20% 40%, var(--hb-section-2) 40% 60%,
  var(--hb-section-3) 60% 80%, var(--hb-section-4) 80% 100%); }
main { box-sizing: border-box; max-width: 42rem; margin: 0 auto; padding: 3rem 1rem 4rem; }
h1 { margin: 0 0 2rem; font-size: clamp(1.75rem, 1.1rem + 3vw, 2.5rem); line-height: 1.2; text-wrap: balance; }
h1::before { content: ""; display: block; width: 3rem; height: .375rem; margin-bottom: .75rem;
  border-radius: .1875rem; background: var(--hb-brand); }
.hb-nowrap { white-space: nowrap; }
ul { display: grid; gap: 1rem; margin: 0; padding: 0; list-style: none; }
a { display: flex; flex-direction: column; gap: .25rem; padding: 1rem 1.25rem; border: 2px solid var(--hb-brand);
  border-left-width: .5rem; border-radius: .5rem; background: var(--hb-surface); color: var(--hb-brand);
  text-decoration: none; }
.title { font-size: 1.25rem; font-weight: 700; line-height: 1.3; text-wrap: balance; }
.language { color: var(--hb-ink); }
a:hover { background: var(--hb-brand); color: var(--hb-text-on-colour); }
a:hover .language { color: var(--hb-text-on-colour); }
a:focus-visible { outline: 3px solid var(--hb-ink); outline-offset: 3px; }
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
    # Typeset as the editions' pages (publication.sphinxext): a soft hyphen
    # in the heading's long words, a hyphen that opens a word kept with it.
    return PAGE.format(
        source=first,
        titles=html.escape(" · ".join(titles.values())),
        heading=typeset(f"<h1>{html.escape(titles[first])}</h1>", first),
        alternates=alternates,
        items="\n".join(typeset(ITEM.format(lang=lang, title=f'<span class="title hb-hyphenate">{html.escape(titles[lang])}</span>',
                                             name=html.escape(autonym(lang))), lang)
                        for lang in languages),
        tokens=design.STYLESHEET,
        style=STYLE,
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
        print(f"error: {cannot_write(error, out)}", file=sys.stderr)
        return 1
    print(f"site: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
