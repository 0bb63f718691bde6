"""Bad input gets a clear error naming the file and line (or the language),
the command exits non-zero, and the last good outputs stay in place."""

import re
from pathlib import Path

import pytest

from publication import catalogs

from conftest import ROOT, make

PO = Path("locale/sv/LC_MESSAGES/principle-1.po")
LAST_GOOD = "<!-- last good build -->"
# The entry these tests break: the title of principle 1, as the catalogs have it.
TITLE_FI = (ROOT / "source" / "principle-1.rst").read_text(encoding="utf-8").splitlines()[0]
TITLE_SV = catalogs.translator("sv")(TITLE_FI)
MSGID = f'msgid "{TITLE_FI}"'
MSGSTR = f'msgstr "{TITLE_SV}"'


def last_good_outputs(build_dir: Path, lang: str = "sv") -> list[Path]:
    """Stand-ins for a previous good build; a failed build must leave them."""
    outputs = [build_dir / "html" / lang / "index.html",
               build_dir / "epub" / f"asunto-ensin-laatusuositukset-{lang}.epub",
               build_dir / "pdf" / f"asunto-ensin-laatusuositukset-{lang}.pdf"]
    for path in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(LAST_GOOD)
    return outputs


def build(project: Path, lang: str = "sv", target: str = "all"):
    """``make all LANGS=lang`` in the project: it must fail and keep the last good outputs."""
    build_dir = project / "build"
    outputs = last_good_outputs(build_dir, lang) if lang.isalpha() else []
    result = make([target, f"LANGS={lang}"], build_dir, cwd=project, check=False)
    assert result.returncode != 0, result.stdout + result.stderr
    for path in outputs:
        assert path.read_text() == LAST_GOOD, f"{path} was touched by a failed build"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def edit(path: Path, old: str, new: str, last: bool = False) -> None:
    """Replace the first (or last) occurrence of ``old``."""
    content = path.read_text(encoding="utf-8")
    assert old in content
    if last:
        head, _, tail = content.rpartition(old)
        content = head + new + tail
    else:
        content = content.replace(old, new, 1)
    path.write_text(content, encoding="utf-8")


def test_po_syntax_error_names_file_and_line(fresh_copy):
    po = fresh_copy / PO
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    at = line_of(po, MSGID)
    lines.insert(at, "this is not gettext\n")
    po.write_text("".join(lines), encoding="utf-8")
    error = build(fresh_copy)
    assert f"{PO}:{at + 1}: syntax error" in error


def test_translation_that_breaks_rest_markup_names_file_and_line(fresh_copy):
    po = fresh_copy / PO
    at = line_of(po, MSGID)
    edit(po, MSGSTR, f'msgstr "**{TITLE_SV}"')
    error = build(fresh_copy)
    assert re.search(rf"{PO}:{at}: broken reST markup: .*strong", error), error


def test_translation_that_drops_a_link_names_file_and_line(fresh_copy):
    po = fresh_copy / "locale/en/LC_MESSAGES/index.po"
    at = line_of(po, "Lisää tietoa") - 1  # msgid "" opens the entry
    edit(po, "`asuntoensin.fi <https://asuntoensin.fi/>`__", "asuntoensin.fi", last=True)
    error = build(fresh_copy, "en")
    assert re.search(rf"locale/en/LC_MESSAGES/index.po:{at}: the translation has 0 reference", error), error


def test_untranslated_message_names_file_and_line(fresh_copy):
    po = fresh_copy / PO
    at = line_of(po, MSGID)
    edit(po, MSGSTR, 'msgstr ""')
    error = build(fresh_copy)
    assert f"{PO}:{at}: untranslated" in error


def test_fuzzy_message_names_file_and_line(fresh_copy):
    po = fresh_copy / PO
    at = line_of(po, MSGID)
    edit(po, MSGID, f"#, fuzzy\n{MSGID}")
    error = build(fresh_copy)
    assert f"{PO}:{at + 1}: fuzzy translation" in error


def test_message_missing_from_the_catalog_names_source_file_and_line(fresh_copy):
    page = fresh_copy / "source" / "principle-2.rst"
    edit(page, "\n.. recommendations::", "\nUusi kappale ilman käännöstä.\n\n.. recommendations::")
    at = line_of(page, "Uusi kappale")
    error = build(fresh_copy)
    assert f"principle-2.rst:{at}" in error
    assert "no 'sv' translation of 'Uusi kappale ilman käännöstä.'" in error
    assert "locale/sv/LC_MESSAGES/principle-2.po" in error


def test_unknown_language_is_named(fresh_copy):
    error = build(fresh_copy, "xx")
    assert "LANGS: unknown language 'xx'" in error


@pytest.mark.parametrize("lang", ["../fi", "sv;id>x", "sv$(id)", "$(shell id)"])
def test_malformed_language_code_is_refused_before_any_command_runs(fresh_copy, lang):
    error = build(fresh_copy, lang)
    assert f"LANGS: '{lang.split()[0]}' is not a language code" in error
    assert not (fresh_copy / "build").exists() or not list((fresh_copy / "build").rglob("*.json"))


def test_unclosed_string_in_a_po_names_file_and_line(fresh_copy):
    po = fresh_copy / PO
    at = line_of(po, MSGSTR)
    edit(po, MSGSTR, MSGSTR[:-1])  # drop the closing quote
    error = build(fresh_copy)
    assert f"{PO}:{at}: syntax error: string not closed" in error
