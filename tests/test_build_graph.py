"""The Makefile itself: a change rebuilds exactly what depends on it.

One copy of the project and one build folder for the module: a clean
`make -j2 all`, then each case changes one input, runs make and compares
every output file (modification time and bytes) with the state before.
Each test puts its input back and rebuilds, so the next starts clean.
"""

import hashlib
import os
import re
import time
from pathlib import Path

import pytest

from conftest import copy_project, make

NAME = "asunto-ensin-laatusuositukset"
BASE_URL = "https://example.org/laatusuositukset/"
# Build bookkeeping, not outputs.
NOT_OUTPUTS = (".stamps", ".settings", "doctrees", "tmp", "locale", "cache")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("graph") / "project")
    run(project, "-j2", "all")
    return project


def run(project: Path, *args, check=True, **env):
    result = make(list(args), project / "build", cwd=project, env=env, check=check)
    return result


def outputs(project: Path) -> dict[str, tuple[int, str]]:
    """Every output file: relative path -> (mtime_ns, sha256)."""
    build = project / "build"
    found = {}
    for path in sorted(build.rglob("*")):
        relative = path.relative_to(build)
        if path.is_file() and relative.parts[0] not in NOT_OUTPUTS:
            found[relative.as_posix()] = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def rewritten(before: dict, after: dict) -> set[str]:
    return {name for name in after if before.get(name, (None,))[0] != after[name][0]}


def touch(path: Path) -> None:
    time.sleep(0.01)
    os.utime(path)


def language_of(name: str) -> str | None:
    """The language an output belongs to, from its path."""
    match = re.search(r"(?:^|/|-)(fi|sv|en)(?:/|\.|$)", name)
    return match.group(1) if match else None


def test_nothing_to_do_after_a_build(project):
    before = outputs(project)
    result = run(project, "all")
    assert outputs(project) == before
    assert "publication.build" not in result.stdout and "build_posters" not in result.stdout


@pytest.mark.parametrize("target", ["html", "pdf", "epub", "posters", "checklist", "records"])
def test_every_target_is_a_no_op_right_after_make_all(project, target):
    before = outputs(project)
    run(project, target)
    assert outputs(project) == before, target


def test_touching_a_swedish_catalog_rebuilds_only_swedish_outputs_and_the_root(project):
    before = outputs(project)
    touch(project / "locale" / "sv" / "LC_MESSAGES" / "principle-1.po")
    run(project, "-j2", "all")
    changed = rewritten(before, outputs(project))
    assert changed, "nothing was rebuilt"
    others = sorted(name for name in changed if language_of(name) not in ("sv", None) or name.startswith(
        ("html/fi", "html/en")))
    assert not others, others
    assert f"pdf/{NAME}-sv.pdf" in changed and f"epub/{NAME}-sv.epub" in changed
    # The text did not change: the records keep their bytes and time, so the
    # posters and the checklist are not redrawn.
    assert "records/sv.json" not in changed and "posters/sv/all.pdf" not in changed


def test_a_source_change_reaches_every_language(project):
    page = project / "source" / "principle-2.rst"
    original = page.read_text(encoding="utf-8")
    try:
        # A heading's underline longer: no message changes, every edition rereads.
        page.write_text(original.replace("\n=====", "\n======", 1), encoding="utf-8")
        before = outputs(project)
        run(project, "-j2", "all")
        changed = rewritten(before, outputs(project))
        for lang in ("fi", "sv", "en"):
            assert f"html/{lang}/principle-2.html" in changed, lang
    finally:
        page.write_text(original, encoding="utf-8")
        run(project, "-j2", "all")


def test_an_extension_change_reaches_every_language(project):
    module = project / "publication" / "rst.py"
    original = module.read_text(encoding="utf-8")
    try:
        module.write_text(original.replace('classes=["recommendation-id"]', 'classes=["recommendation-id", "graph-test"]'),
                          encoding="utf-8")
        run(project, "-j2", "all")
        for lang in ("fi", "sv", "en"):
            html = (project / "build" / "html" / lang / "principle-1.html").read_text(encoding="utf-8")
            assert "graph-test" in html, lang
    finally:
        module.write_text(original, encoding="utf-8")
        run(project, "-j2", "all")
    for lang in ("fi", "sv", "en"):
        assert "graph-test" not in (project / "build" / "html" / lang / "principle-1.html").read_text(encoding="utf-8")


def test_base_url_given_after_a_build_reaches_posters_and_links(project):
    import pypdfium2
    import zxingcpp

    before = outputs(project)
    try:
        run(project, "-j2", "all", BASE_URL=BASE_URL)
        after = outputs(project)
        changed = rewritten(before, after)
        page = (project / "build" / "html" / "sv" / "principle-2.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{BASE_URL}sv/principle-2.html"' in page
        for lang in ("fi", "sv", "en"):
            assert f'<link rel="alternate" hreflang="{lang}" href="{BASE_URL}{lang}/principle-2.html">' in page
        poster = project / "build" / "posters" / "sv" / "02-principle-2.pdf"
        image = pypdfium2.PdfDocument(str(poster))[0].render(scale=100 / 72).to_pil()
        assert [code.text for code in zxingcpp.read_barcodes(image)] == [f"{BASE_URL}sv/principle-2.html"]
        # What BASE_URL does not reach is not rebuilt.
        for untouched in (f"pdf/{NAME}-sv.pdf", f"epub/{NAME}-fi.epub", f"checklist/{NAME}-en.pdf", "records/fi.json"):
            assert untouched not in changed, untouched
    finally:
        run(project, "-j2", "all")
    page = (project / "build" / "html" / "sv" / "principle-2.html").read_text(encoding="utf-8")
    assert BASE_URL not in page


def test_source_date_epoch_reaches_the_dated_outputs_only(project):
    before = outputs(project)
    try:
        run(project, "-j2", "all", SOURCE_DATE_EPOCH="1700000000")
        changed = rewritten(before, outputs(project))
        assert f"pdf/{NAME}-fi.pdf" in changed and f"epub/{NAME}-sv.epub" in changed
        assert "posters/en/all.pdf" in changed and f"checklist/{NAME}-fi.pdf" in changed
        assert "records/sv.json" not in changed and "html/sv/principle-1.html" not in changed
    finally:
        run(project, "-j2", "all")


def test_sphinxopts_reach_sphinx(project):
    try:
        run(project, "html", "LANGS=en", SPHINXOPTS="-D html_last_updated_fmt=%Y-%m-%d")
        page = (project / "build" / "html" / "en" / "principle-1.html").read_text(encoding="utf-8")
        assert "Last updated on" in page
    finally:
        run(project, "-j2", "all")
    page = (project / "build" / "html" / "en" / "principle-1.html").read_text(encoding="utf-8")
    assert "Last updated on" not in page


def test_the_build_writes_nothing_into_locale_or_source(project):
    written = [p for folder in ("locale", "source") for p in (project / folder).rglob("*")
               if p.suffix in (".mo", ".pot") or "__pycache__" in p.parts]
    assert not written, written


def test_one_language_alone_links_no_unbuilt_edition(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run(project, "all", "LANGS=sv")
    build = project / "build"
    assert (build / "html" / "sv" / "index.html").is_file()
    assert not (build / "html" / "fi").exists() and not (build / "html" / "en").exists()
    for page in (build / "html" / "sv").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'hreflang="fi"' not in text and 'hreflang="en"' not in text, page
        assert "../fi/" not in text and "../en/" not in text, page
    root = (build / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="sv/index.html"' in root and "fi/index.html" not in root and "en/index.html" not in root
    assert "Traceback" not in result.stderr
    # A later build of two languages links both, and only both.
    run(project, "-j2", "all", "LANGS=fi sv")
    text = (build / "html" / "sv" / "principle-1.html").read_text(encoding="utf-8")
    assert 'hreflang="fi"' in text and 'hreflang="en"' not in text


@pytest.mark.parametrize("target", ["pdf", "epub", "posters", "checklist", "html"])
def test_each_target_works_from_clean(tmp_path, target):
    project = copy_project(tmp_path / "project")
    run(project, target, "LANGS=en")
    build = project / "build"
    expected = {
        "pdf": build / "pdf" / f"{NAME}-en.pdf",
        "epub": build / "epub" / f"{NAME}-en.epub",
        "posters": build / "posters" / "en" / "all.pdf",
        "checklist": build / "checklist" / f"{NAME}-en.pdf",
        "html": build / "html" / "en" / "downloads" / f"{NAME}-en.pdf",
    }[target]
    assert expected.is_file()
    if target in ("pdf", "epub", "posters", "checklist"):
        assert not (build / "html").exists(), f"make {target} built the web site"
