"""Hostile and broken input: a translation, a setting or a damaged file
never injects, leaks or ships silently. Each case ends in one line that names
the culprit (file and line, setting, language) and the fix, a non-zero exit,
no traceback, and the last good outputs in place."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project, make, make_in

INDEX_EN = Path("locale/en/LC_MESSAGES/index.po")
UI_SV = Path("locale/sv/LC_MESSAGES/sphinx.po")
LINK_MSGID_START = "Lisää tietoa"
TITLE = "Asunto ensin -laatusuositukset"


def set_msgstr(project: Path, po: Path, starts: str, new_text: str) -> int:
    """Give the message whose msgid starts with ``starts`` a new translation;
    returns the line of its entry."""
    path = project / po
    with open(path, "rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.id and str(m.id).startswith(starts))
    message.string = new_text
    with open(path, "wb") as f:
        write_po(f, catalog, width=0)
    with open(path, "rb") as f:
        return next(m for m in read_po(f) if m.id == message.id).lineno


def refused(project: Path, lang: str = "en", target: str = "catalogs") -> str:
    result = make_in(project, target, lang)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


# -- the trust boundary at the catalogs ---------------------------------------------------------

LINK_CASES = {
    "javascript link": ("More on `asuntoensin.fi <javascript:alert(1)>`__.", "a changed link target must be https"),
    "data link": ("More on `asuntoensin.fi <data:text/html,x>`__.", "a changed link target must be https"),
    "suffix role": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__ `x^2`:math:.", "adds the role :math:"),
    "prefix role": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__ :download:`x <conf.py>`.",
                    "adds the role :download:"),
    "raw html": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__ <img src=x onerror=alert(1)>.",
                 "raw HTML is not allowed"),
    "directive": (".. raw:: html\n\n   <script>alert(1)</script>", "adds a directive"),
    "escape": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__.\x1b[31m", "control characters (U+001B)"),
    "bell": ("More\x07on `asuntoensin.fi <https://asuntoensin.fi/>`__.", "control characters (U+0007)"),
    "nul": ("More\x00on `asuntoensin.fi <https://asuntoensin.fi/>`__.", "control characters (U+0000)"),
    "bidi override": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__\u202e.", "control characters (U+202E)"),
    "long token": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__ " + "x" * 200, "200-character word"),
    "huge paragraph": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__. " + "word " * 2500,
                       "a message this long cannot be right"),
    "missing glyph": ("More on `asuntoensin.fi <https://asuntoensin.fi/>`__ \u2713.", "no glyph for U+2713"),
}


@pytest.mark.parametrize("case", sorted(LINK_CASES))
def test_a_translation_may_carry_only_the_markup_of_its_original(fresh_copy, case):
    text, message = LINK_CASES[case]
    line = set_msgstr(fresh_copy, INDEX_EN, LINK_MSGID_START, text)
    error = refused(fresh_copy)
    assert re.search(rf"{re.escape(str(INDEX_EN))}:{line}: .*{re.escape(message)}", error), error


def test_a_changed_https_link_is_allowed(fresh_copy):
    set_msgstr(fresh_copy, INDEX_EN, LINK_MSGID_START, "More on `the network's site <https://example.org/>`__.")
    assert make_in(fresh_copy, "catalogs", "en").returncode == 0


def test_markup_in_the_title_never_reaches_a_page(fresh_copy):
    line = set_msgstr(fresh_copy, INDEX_EN, TITLE, '<img src=x onerror="alert(1)">Quality recommendations')
    error = refused(fresh_copy, target="html")
    assert f"{INDEX_EN}:{line}: the translation adds HTML" in error
    assert not (fresh_copy / "build" / "html").exists()


def test_markup_in_an_interface_string_is_refused(fresh_copy):
    line = set_msgstr(fresh_copy, UI_SV, "Skip to content", "<script>alert(1)</script>Hoppa till innehållet")
    error = refused(fresh_copy, "sv")
    assert f"{UI_SV}:{line}: the translation adds HTML" in error and "script>" in error


def test_a_broken_placeholder_is_refused(fresh_copy):
    line = set_msgstr(fresh_copy, UI_SV, "Page %(page)s of %(pages)s", "Sida %(sida)s av %(pages)s")
    error = refused(fresh_copy, "sv")
    assert f"{UI_SV}:{line}: the translation's placeholders" in error


def test_a_duplicate_msgid_is_refused(fresh_copy):
    path = fresh_copy / "locale/sv/LC_MESSAGES/principle-3.po"
    with open(path, "rb") as f:
        last = [m for m in read_po(f) if m.id][-1]
    escaped = str(last.id).replace("\\", "\\\\").replace('"', '\\"')
    with open(path, "a", encoding="utf-8") as f:  # the same msgid again, on one line
        f.write(f'\nmsgid "{escaped}"\nmsgstr "En annan översättning."\n')
    error = refused(fresh_copy, "sv")
    assert re.search(r"locale/sv/LC_MESSAGES/principle-3\.po:\d+: the message .* stands twice \(first at line \d+\)",
                     error), error


def test_a_latin_1_catalog_names_the_line(fresh_copy):
    path = fresh_copy / "locale/sv/LC_MESSAGES/principle-3.po"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("ä")].count("\n") + 1
    path.write_bytes(text.encode("latin-1", errors="replace"))
    error = refused(fresh_copy, "sv")
    assert f"locale/sv/LC_MESSAGES/principle-3.po:{line}: not UTF-8" in error and "Latin-1" in error


def test_a_deleted_catalog_names_the_file_and_stops_the_language(fresh_copy):
    assert make_in(fresh_copy, "records", "sv").returncode == 0
    (fresh_copy / "locale/sv/LC_MESSAGES/principle-3.po").unlink()
    error = refused(fresh_copy, "sv", "records")
    assert "locale/sv/LC_MESSAGES/principle-3.po" in error


# -- settings ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, message", [
    ("javascript:alert(1)", "is not an absolute https: address"),
    ("http://example.org/", "is not an absolute https: address"),
    ("https://exa mple.org/", "contains a space"),
    ("https://example.org/\x1b[31m", "contains a space or a control character"),
    ("https://example.org/" + "a" * 98, "the address is 119 characters long"),
    ("https://example.org/" + "a" * 3000, "characters long"),
    ("https://example.org/?q=1", "has a query"),
    ("https://example.org/<script>", "not allowed in an address"),
])
def test_base_url_is_checked_before_anything_runs(tmp_path, url, message):
    result = make(["posters", "LANGS=en", f"BASE_URL={url}"], tmp_path / "build", check=False)
    assert result.returncode != 0
    assert "BASE_URL:" in result.stderr and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr  # the line and make's own
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build" / "posters").exists()


@pytest.mark.parametrize("value", ["yesterday", "1.5", "-1", "$(id)"])
def test_source_date_epoch_must_be_a_whole_number(tmp_path, value):
    result = make(["records", "LANGS=en", f"SOURCE_DATE_EPOCH={value}"], tmp_path / "build", check=False)
    assert result.returncode != 0
    assert "SOURCE_DATE_EPOCH:" in result.stderr and "Traceback" not in result.stderr, result.stderr


# -- damaged files -------------------------------------------------------------------------------------

def test_a_truncated_font_is_an_error_naming_it(tmp_path):
    """Every output that uses the font checks it when it loads it."""
    from publication import fonts

    folder = tmp_path / "fonts"
    shutil.copytree(fonts.font_dir(), folder)
    bold = folder / "AtkinsonHyperlegible-Bold.ttf"
    bold.write_bytes(bold.read_bytes()[:5000])
    with pytest.raises(fonts.FontError, match=r"AtkinsonHyperlegible-Bold\.ttf: cannot be used"):
        fonts.checked_files(folder)
    with pytest.raises(fonts.FontError, match=r"AtkinsonHyperlegible-Bold\.ttf"):
        fonts.register(folder)


def test_a_damaged_hyphenation_cache_is_reported_and_written_anew(editions, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(editions / "records", build / "records")
    (build / "cache").mkdir(parents=True)
    cache = build / "cache" / "hyphenation-fi.json"
    for damage in ("[1, 2, 3]", '{"asukas": [2, 4'):
        cache.write_text(damage, encoding="utf-8")
        result = subprocess.run([sys.executable, "build_checklist.py", "--lang", "fi", "--out", str(build / "checklist"),
                                 "--records", str(build / "records")],
                                cwd=ROOT, env={"BUILD_DIR": str(build), "PATH": "/usr/bin:/bin"},
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "hyphenation-fi.json is damaged" in result.stderr and "Traceback" not in result.stderr
        assert not cache.exists(), "the damaged cache is left for the next run"


def test_a_file_where_a_folder_should_be_is_named(fresh_copy):
    build = fresh_copy / "build"
    build.mkdir()
    (build / "pdf").write_text("not a folder")
    error = refused(fresh_copy, "en", "pdf")
    assert f"cannot write {build / 'pdf'}" in error


def test_leftovers_of_a_killed_replace_are_removed_and_never_packed(editions, tmp_path):
    from publication import build as build_module
    from publication import dist

    site = tmp_path / "html"
    shutil.copytree(editions / "html", site)
    leftover = site / ".fi.old-999999999"
    (leftover / "secret").mkdir(parents=True)
    (leftover / "secret" / "page.html").write_text("old")
    dist.write_tar_gz(tmp_path / "web.tar.gz", site, "web")
    import tarfile
    with tarfile.open(tmp_path / "web.tar.gz") as tar:
        assert not [n for n in tar.getnames() if "/." in n], "a hidden file was packed"
    build_module.remove_leftovers(site)
    assert not leftover.exists()


# -- every output shows the text, or the build refuses it ----------------------------------------------

ALPHABET = st.sampled_from(list("aäöåbcdefghij klmnopqrstuvwxyzABC0123456789.,;:-–!?'\"()[]*`_|<>&#\\/=+~%$") +
                           ["\x00", "\x1b", "\u202e", "\u00ad", "\u2713", "x" * 60, "\n"])


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A copy of the project whose English catalogs have been built once."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    assert make_in(project, "records", "en").returncode == 0
    return project


@given(st.lists(ALPHABET, min_size=1, max_size=30).map("".join))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_translation_is_refused_cleanly_or_shown_as_written(sandbox, text):
    original = (ROOT / "locale/en/LC_MESSAGES/principle-2.po").read_bytes()
    (sandbox / "locale/en/LC_MESSAGES/principle-2.po").write_bytes(original)
    set_msgstr(sandbox, Path("locale/en/LC_MESSAGES/principle-2.po"), "Asukkaalla on oikeus osallistua",
               f"Recommendation {text} end.")
    result = make_in(sandbox, "records", "en")
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode:
        assert re.search(r"principle-2\.po:\d+: |WARNING", result.stderr), result.stderr
        return
    record = json.loads((sandbox / "build" / "records" / "en.json").read_text(encoding="utf-8"))
    # The letters and digits of the translation reach the records in order
    # (what reST makes of the punctuation is Sphinx's, the same in every output).
    letters = re.sub(r"[^\w]", "", f"Recommendation {text} end.")
    assert letters in re.sub(r"[^\w]", "", record["sections"][2]["lead"])
