"""Adding a language is one command (`make new-language LANG=xx`,
publication/newlang.py), and a language that is not complete never ships.

One copy of the project for the module: German is added, checked unshipped
and refused by the build while untranslated, then translated mechanically
(each translation is its original) and built.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import ROOT, copy_project
from publication import catalogs, languages, newlang, preview

LANG = "de"


def run(project: Path, *args, check=True):
    """make in the copy, with LANGS unset (`make test` exports it) unless given."""
    command = ["make", "--no-print-directory", f"BUILD={project / 'build'}", f"VENV={ROOT / '.venv'}", *args]
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGS", "BUILD_DIR", "LOCALE_DIR")}
    result = subprocess.run(command, cwd=project, env={**environment, "PYTHONDONTWRITEBYTECODE": "1"},
                            capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def registry(project: Path) -> dict:
    return languages.registry(project / "locale" / languages.FILE_NAME)


def msgids(path: Path) -> set[str]:
    with open(path, "rb") as f:
        return {str(m.id) for m in read_po(f) if m.id}


def error_lines(result) -> list[str]:
    """What the command said about the error, without make's own summary line."""
    return [line for line in result.stderr.splitlines() if line.strip() and not re.match(r"make(\[\d+\])?: \*\*\*", line)]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("newlang") / "project")
    result = run(project, "new-language", f"LANG={LANG}")
    assert "make stats LANGS=de" in result.stdout and "make preview LANG=de" in result.stdout, result.stdout
    assert "shipped = true" in result.stdout, result.stdout
    return project


def test_catalogs_hold_every_message_of_the_templates(project):
    templates = sorted((project / "build" / "gettext").glob("*.pot"))
    folder = project / "locale" / LANG / "LC_MESSAGES"
    assert {p.stem for p in folder.glob("*.po")} == {p.stem for p in templates}
    assert (folder / "sphinx.po").is_file()  # the interface strings, English msgids
    for template in templates:
        assert msgids(folder / f"{template.stem}.po") == msgids(template), template.name
    assert "Self-assessment" in msgids(folder / "sphinx.po")


def test_registered_unshipped_with_script_and_direction_from_cldr(project):
    entry = registry(project)[LANG]
    assert (entry.script, entry.direction, entry.shipped) == ("Latn", "ltr", False)
    # the rest of the registry is as it was
    text = (project / "locale" / languages.FILE_NAME).read_text(encoding="utf-8")
    assert text.startswith((ROOT / "locale" / languages.FILE_NAME).read_text(encoding="utf-8").rstrip("\n"))


def test_script_and_direction_from_cldr_or_given():
    path = ROOT / "locale" / languages.FILE_NAME
    assert newlang.plan("ar", registry_path=path) == newlang.NewLanguage("ar", "Arab", "rtl")
    assert newlang.plan("uk", registry_path=path) == newlang.NewLanguage("uk", "Cyrl", "ltr")
    assert newlang.plan("so", registry_path=path) == newlang.NewLanguage("so", "Latn", "ltr")
    assert newlang.plan("ku", "Arab", "rtl", registry_path=path) == newlang.NewLanguage("ku", "Arab", "rtl")
    with pytest.raises(newlang.Refused, match="CLDR does not know 'qq'"):
        newlang.plan("qq", registry_path=path)
    assert newlang.plan("qq", "Latn", "ltr", registry_path=path).code == "qq"
    with pytest.raises(newlang.Refused, match="SCRIPT"):
        newlang.plan("ar", "arab", registry_path=path)
    with pytest.raises(newlang.Refused, match="DIR"):
        newlang.plan("ar", "", "right", registry_path=path)


@pytest.mark.parametrize("code", ["../x", "de;rm", "d e", "DE", "deu1", "$(shell touch x)", "sv", LANG, "qps"])
def test_refused_with_one_line(project, code):
    before = sorted(p.relative_to(project) for p in (project / "locale").rglob("*"))
    text = (project / "locale" / languages.FILE_NAME).read_text(encoding="utf-8")
    result = run(project, "new-language", f"LANG={code}", check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith("error: LANG:"), result.stderr
    assert "registered already" in lines[0] if code in ("sv", LANG) else True
    assert sorted(p.relative_to(project) for p in (project / "locale").rglob("*")) == before
    assert (project / "locale" / languages.FILE_NAME).read_text(encoding="utf-8") == text
    assert not (project / "x").exists()


def test_make_all_builds_only_shipped_languages(project):
    result = run(project, "-n", "all")
    assert re.search(r"--lang fi\b", result.stdout), result.stdout
    assert not re.search(r"\bde\b", result.stdout), result.stdout


def test_stats_show_every_registered_language(project):
    result = run(project, "stats")
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line[:1].isalpha()}
    assert {"fi", "sv", "en", LANG} <= set(rows), result.stdout
    assert re.search(r"Deutsch\s+no\s+0/\d+\s+0 %", rows[LANG]), rows[LANG]
    assert "100 %" in rows["sv"]
    assert f"locale/{LANG}/LC_MESSAGES/sphinx.po" in result.stdout


def test_unshipped_incomplete_language_stops_with_file_and_line(project):
    result = run(project, "all", f"LANGS={LANG}", check=False)
    assert result.returncode != 0
    assert re.search(rf"locale/{LANG}/LC_MESSAGES/\S+\.po:\d+: untranslated: ", result.stderr), result.stderr
    assert not (project / "build" / "html" / LANG).exists()


def test_preview_counts_what_is_not_translated_yet(project):
    locale = project / "locale"
    problems, pending = preview.draft_problems(LANG, locale)
    assert problems == [] and pending == sum(len(msgids(p)) for p in (locale / LANG / "LC_MESSAGES").glob("*.po"))
    # a broken translation is still refused, file:line
    po = locale / LANG / "LC_MESSAGES" / "principle-1.po"
    original = po.read_text(encoding="utf-8")
    with open(po, "rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.id)
    message.string = "**" + str(message.id)
    with open(po, "wb") as f:
        write_po(f, catalog, width=79)
    try:
        problems, _ = preview.draft_problems(LANG, locale)
        assert problems and {p.path.name for p in problems} == {"principle-1.po"}
        assert any("strong" in str(p) for p in problems), problems
    finally:
        po.write_text(original, encoding="utf-8")


def test_translated_language_builds(project):
    """Translate every message (the original as its own translation), then `make html LANGS=de`."""
    for path in (project / "locale" / LANG / "LC_MESSAGES").glob("*.po"):
        with open(path, "rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id:
                message.string = message.id
        with open(path, "wb") as f:
            write_po(f, catalog, width=79)
    assert catalogs.problems_in(project / "locale" / LANG / "LC_MESSAGES" / "about.po") == []
    run(project, "-j2", "html", f"LANGS={LANG}")
    site = project / "build" / "html" / LANG
    assert re.search(r"<html[^>]* lang=\"de\"", (site / "index.html").read_text(encoding="utf-8"))
    about = (site / "about.html").read_text(encoding="utf-8")
    # the about page names the shipped editions and this one, each in itself
    for code, name in (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"), ("de", "Deutsch")):
        assert f'<span lang="{code}">{name}</span>' in about, about
    assert "100 %" in run(project, "stats", f"LANGS={LANG}").stdout
