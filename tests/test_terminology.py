"""Terminology: the glossary tells the truth about the Swedish and English
editions.

The glossary page (``source/glossary.rst``) lists the key Finnish terms; its
catalog in each translated language (``locale/<lang>/LC_MESSAGES/glossary.po``)
records the one rendering the edition uses for each term. These tests read the
real catalogs with Babel (nothing below copies a translation) and check, for
Swedish and English:

1. Every term's rendering occurs in the edition's body text: the translations
   of the front page and of the five section pages (``BODY_PAGES``). A
   rendering counts where it starts a word, in any letter case, so a suffixed
   form counts ("bedömningsenhet" in "bedömningsenheter"). Any other form (an
   inflection that changes the stem, an attributive use) counts only if it is
   listed for that term in ``ACCEPTED_FORMS``.
2. No competing rendering occurs in any page catalog of the edition (body,
   glossary, about, downloads): ``FORBIDDEN_TERMS`` lists, per glossary term,
   renderings the edition has decided against; ``FORBIDDEN_WORDINGS`` lists
   wordings for other Finnish expressions whose rendering is settled.

When a term or its rendering changes, change the glossary first, then these
tables: every key must be a term of the glossary, and no forbidden wording may
match the rendering the glossary records.
"""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from publication import facts

LANGS = ("sv", "en")

# The pages whose text is the handbook's body: the front page and the sections.
BODY_PAGES = ("index", *facts.SECTION_PAGES)
# Catalogs that are not pages: the interface strings.
NOT_PAGES = ("sphinx",)

# Forms of a rendering that the body may use instead of the glossary's own
# wording, per language and Finnish term. Only forms a reader recognises as
# the same term: a definite or attributive form, an adjective of the noun.
ACCEPTED_FORMS = {
    "sv": {
        # "Det boendesociala arbetet" (definite form, with the adjective inflected)
        "asumissosiaalinen työ": ("boendesociala arbetet",),
        # "Det boendesociala arbetet är skademinimerande" (the adjective of the noun)
        "haittojen vähentäminen": ("skademinimerande",),
    },
    "en": {
        # Rec. 2.2 lists the types of housing attributively before one noun:
        # "scattered-site, congregate, substance-free or substance-tolerant housing".
        "hajautettu asuminen": ("scattered-site",),
        "yksikkömuotoinen asuminen": ("congregate",),
    },
}

# Renderings of a glossary term that the edition has decided against.
FORBIDDEN_TERMS = {
    "sv": {
        "huoneenvuokralaki": ("om hyra av bostäder", "hyreslagen"),
        "yksikkömuotoinen asuminen": ("enhetsboende",),
        "asumissosiaalinen työ": ("bostadssocialt arbete",),
        "palvelusuunnitelma": ("klientplan",),
        "haittojen vähentäminen": ("skadereducering", "skadereduktion", "skademinskning"),
        "kuntoutuminen": ("återhämtning",),
        "voimaantuminen": ("empowerment",),
        "ympäristötyö": ("närmiljöarbete",),
        "sidosryhmä": ("intressegrupp",),
        "vaikuttavuus": ("effektivitet",),
    },
    "en": {
        "huoneenvuokralaki": ("Residential Tenancies Act", "Tenancy Act", "Act on Residential Tenancies"),
        "hajautettu asuminen": ("dispersed housing", "scattered housing"),
        "yksikkömuotoinen asuminen": ("unit-based housing", "communal housing"),
        "palveluohjaus": ("case management", "service counselling"),
        "haittojen vähentäminen": ("reduces harm", "harm minimisation", "harm minimization"),
        "kuntoutuminen": ("recuperation", "rehabilitation"),
        "ympäristötyö": ("environmental work",),
        "työnohjaus": ("work supervision", "clinical supervision"),
    },
}

# Settled renderings of Finnish wordings that are not glossary terms: the
# wording the edition must not use, and why.
FORBIDDEN_WORDINGS = {
    "sv": {
        "lokalsamhälle": "lähiyhteisö is närgemenskapen (yhteisö = gemenskap throughout)",
        "han eller hon": "no 'han eller hon': reword (the resident, a reflexive, the passive)",
        "hans eller hennes": "no 'hans eller hennes': reword",
        "honom eller henne": "no 'honom eller henne': reword",
        "uppskattande bemötande": "arvostava kohtaaminen is respektfullt bemötande",
        "egenmakt sker": "voimaantuminen tapahtuu is 'stärkandet av egenmakten sker'",
    },
    "en": {
        "natural networks": "luonnolliset verkostot are informal networks",
        "housing is independent": "asuminen on itsenäistä: residents live independently",
        "urban fabric": "yhdyskuntarakenne is the community structure (nothing urban in the Finnish)",
        "in a planned way": "suunnitelmallinen/-sesti is systematic/systematically",
        "feels like home": "asunto koetaan kodiksi: the resident experiences the flat as their home",
    },
}


# -- Reading the glossary and the catalogs ---------------------------------------------

def glossary_terms(source_dir: Path = facts.SOURCE_DIR) -> list[str]:
    """The Finnish terms of the glossary, in order: the lines indented by three
    spaces under the ``.. glossary::`` directive of source/glossary.rst."""
    text = (Path(source_dir) / "glossary.rst").read_text(encoding="utf-8")
    body = text.split(".. glossary::", 1)[1]
    return [m.group(1).strip() for m in re.finditer(r"^ {3}(\S.*)$", body, re.M)]


def read_catalog(lang: str, page: str, locale_dir: Path = facts.LOCALE_DIR):
    with open(Path(locale_dir) / lang / "LC_MESSAGES" / f"{page}.po", "rb") as f:
        return read_po(f)


def page_catalogs(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> list[str]:
    folder = Path(locale_dir) / lang / "LC_MESSAGES"
    return sorted(p.stem for p in folder.glob("*.po") if p.stem not in NOT_PAGES)


def texts(lang: str, pages, locale_dir: Path = facts.LOCALE_DIR) -> list[tuple[str, str]]:
    """(translation, "page.po:line") of every translated message of ``pages``."""
    result = []
    for page in pages:
        for message in read_catalog(lang, page, locale_dir):
            if message.id and message.string:
                result.append((" ".join(str(message.string).split()), f"{page}.po:{message.lineno}"))
    return result


def renderings(lang: str, source_dir: Path = facts.SOURCE_DIR,
               locale_dir: Path = facts.LOCALE_DIR) -> dict[str, tuple[str, str]]:
    """Finnish term -> (its rendering in the glossary catalog, "glossary.po:line")."""
    catalog = read_catalog(lang, "glossary", locale_dir)
    found = {}
    for term in glossary_terms(source_dir):
        message = catalog.get(term)
        found[term] = (str(message.string) if message else "", f"glossary.po:{message.lineno if message else 0}")
    return found


def _pattern(wording: str, whole_word: bool = False) -> re.Pattern:
    """A wording where it starts a word, any letter case, any white space
    (with ``whole_word``, the rest of the word it ends in, to show it)."""
    words = [re.escape(w) for w in wording.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + (r"\w*" if whole_word else ""), re.IGNORECASE)


def missing_terms(lang: str, source_dir: Path = facts.SOURCE_DIR,
                  locale_dir: Path = facts.LOCALE_DIR) -> list[str]:
    """Glossary terms whose rendering (or an accepted form) is not in the body."""
    body = texts(lang, BODY_PAGES, locale_dir)
    problems = []
    for term, (rendering, where) in renderings(lang, source_dir, locale_dir).items():
        if not rendering.strip():
            problems.append(f"{lang}/{where}: the glossary term {term!r} has no rendering")
            continue
        forms = (rendering, *ACCEPTED_FORMS[lang].get(term, ()))
        if not any(_pattern(form).search(text) for form in forms for text, _ in body):
            problems.append(
                f"{lang}/{where}: {term!r} is {rendering!r} in the glossary, but the body "
                f"({', '.join(BODY_PAGES)}) never uses it (accepted forms: {list(forms)})")
    return problems


def competing_renderings(lang: str, locale_dir: Path = facts.LOCALE_DIR) -> list[str]:
    """Forbidden renderings and wordings found in any page catalog, with where."""
    problems = []
    checks = [(wording, f"competing rendering of the glossary term {term!r}")
              for term, wordings in FORBIDDEN_TERMS[lang].items() for wording in wordings]
    checks += list(FORBIDDEN_WORDINGS[lang].items())
    for text, where in texts(lang, page_catalogs(lang, locale_dir), locale_dir):
        for wording, why in checks:
            match = _pattern(wording, whole_word=True).search(text)
            if match:
                problems.append(f"{lang}/{where}: {match.group(0)!r}: {why}")
    return problems


# -- The edition's terminology ----------------------------------------------------------

def test_the_glossary_has_terms():
    terms = glossary_terms()
    assert len(terms) >= 10 and "huoneenvuokralaki" in terms and "haittojen vähentäminen" in terms, terms


@pytest.mark.parametrize("lang", LANGS)
def test_the_tables_name_glossary_terms(lang):
    """Every key of the tables is a term of the glossary, and no forbidden
    wording matches the rendering the glossary records for its term."""
    terms = set(glossary_terms())
    stale = (set(ACCEPTED_FORMS[lang]) | set(FORBIDDEN_TERMS[lang])) - terms
    assert not stale, f"{lang}: not glossary terms (any more?): {sorted(stale)}"
    for term, wordings in FORBIDDEN_TERMS[lang].items():
        rendering = renderings(lang)[term][0]
        for wording in wordings:
            assert not _pattern(wording).search(rendering), (lang, term, wording, rendering)


@pytest.mark.parametrize("lang", LANGS)
def test_every_glossary_term_is_used_in_the_body(lang):
    problems = missing_terms(lang)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_no_competing_rendering(lang):
    problems = competing_renderings(lang)
    assert not problems, "\n".join(problems)


# -- The checks can fail ------------------------------------------------------------------

def _with_translation(locale_dir: Path, lang: str, page: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the one translation of a copied catalog
    that contains it."""
    path = locale_dir / lang / "LC_MESSAGES" / f"{page}.po"
    with open(path, "rb") as f:
        catalog = read_po(f)
    hits = [m for m in catalog if m.id and old in str(m.string)]
    assert len(hits) == 1, f"{path}: {old!r} in {len(hits)} translations"
    hits[0].string = str(hits[0].string).replace(old, new)
    with open(path, "wb") as f:
        write_po(f, catalog, width=79)


@pytest.mark.parametrize("lang, page, old, new, missing, competing", [
    # S2: the Swedish glossary named a term used nowhere else
    ("sv", "glossary", "på finska också *naapurustotyö*", "kallas också närmiljöarbete", None, "närmiljöarbete"),
    # E3: the English body said "reduces harm", never "harm reduction"
    ("en", "principle-1", "follows a harm reduction approach", "reduces harm", "harm reduction", "reduces harm"),
    # 4.2: lähiyhteisö as lokalsamhället
    ("sv", "principle-4", "närgemenskapen", "lokalsamhället", None, "lokalsamhället"),
    # 2.1: han eller hon
    ("sv", "principle-2", "beslut om sina egna angelägenheter", "beslut som gäller honom eller henne",
     None, "honom eller henne"),
    # 4.2: natural networks
    ("en", "principle-4", "informal networks", "natural networks", None, "natural networks"),
    # a glossary term the body drops: arbetshandledning in rec. 0.5
    ("sv", "structures", "arbetshandledning", "handledning", "arbetshandledning", None),
])
def test_an_old_wording_is_caught(tmp_path, lang, page, old, new, missing, competing):
    locale_dir = tmp_path / "locale"
    shutil.copytree(facts.LOCALE_DIR, locale_dir)
    assert not missing_terms(lang, locale_dir=locale_dir)
    assert not competing_renderings(lang, locale_dir=locale_dir)
    _with_translation(locale_dir, lang, page, old, new)
    found_missing = missing_terms(lang, locale_dir=locale_dir)
    found_competing = competing_renderings(lang, locale_dir=locale_dir)
    if missing:
        assert any(repr(missing) in p for p in found_missing), found_missing
    else:
        assert not found_missing, found_missing
    if competing:
        assert any(competing in p and f"{page}.po:" in p for p in found_competing), found_competing
    else:
        assert not found_competing, found_competing
