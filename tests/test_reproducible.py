"""Same source, same lock, same SOURCE_DATE_EPOCH: the same bytes."""

import filecmp
import hashlib
import shutil
import subprocess
import zipfile

import pytest

from conftest import ROOT, copy_project, make, run
from publication import facts, records

BASE_URL = "https://example.org/laatusuositukset/"


def differing_files(a, b, ignore=("doctrees", "tmp", "cache", "locale")):
    """Relative paths of files that differ or exist on one side only."""
    found = []

    def walk(cmp, prefix=""):
        found.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=list(ignore)))
    return found


def test_two_clean_builds_in_different_folders_are_identical(editions, tmp_path):
    """The session's build (this checkout) and a build of a copy of the
    project in another folder, with the same SOURCE_DATE_EPOCH."""
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    project = copy_project(tmp_path / "elsewhere" / "project")
    make(["-j2", "all"], project / "build", cwd=project, env={"SOURCE_DATE_EPOCH": epoch or "1735689600"})
    for folder in ("html", "epub", "pdf", "records", "posters", "checklist"):
        assert not differing_files(editions / folder, project / "build" / folder), folder


@pytest.fixture(scope="module")
def release(editions, tmp_path_factory):
    """A build folder with every output, and its dist/."""
    build = tmp_path_factory.mktemp("release")
    make(["-j2", "dist", f"BASE_URL={BASE_URL}"], build)
    return build


def test_dist_needs_base_url(tmp_path):
    result = make(["dist"], tmp_path / "build", check=False)
    assert result.returncode != 0
    assert "BASE_URL is not set: released posters need their QR code" in result.stderr


def test_dist_has_every_file_of_every_language_and_checksums(release):
    dist = release / "dist"
    for lang in facts.LANGUAGES:
        stem = f"{facts.NAME}-{facts.EDITION}-{lang}"
        for name in (f"{stem}.pdf", f"{stem}.epub", f"{stem}-posters.zip", f"{stem}.zip"):
            assert (dist / name).is_file(), name
        with zipfile.ZipFile(dist / f"{stem}.zip") as bundle:
            names = bundle.namelist()
            assert f"{stem}/README.txt" in names
            readme = bundle.read(f"{stem}/README.txt").decode("utf-8")
            for name in names:
                if not name.endswith("README.txt"):
                    assert name.split("/", 1)[1] in readme
                    assert bundle.read(name) == (dist / name.split("/", 1)[1]).read_bytes()
        with zipfile.ZipFile(dist / f"{stem}-posters.zip") as posters:
            assert len([n for n in posters.namelist() if n.startswith("print/")]) == len(facts.SECTION_PAGES)
    assert (dist / f"{facts.NAME}-{facts.EDITION}-web.tar.gz").is_file()
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = {line.split()[1] for line in (dist / "SHA256SUMS").read_text().splitlines()}
    assert listed == {p.name for p in dist.iterdir()} - {"SHA256SUMS"}


def test_dist_is_the_same_bytes_when_made_again(release, tmp_path):
    first = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (release / "dist").iterdir()}
    make(["dist", f"BASE_URL={BASE_URL}"], release)
    second = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (release / "dist").iterdir()}
    assert first == second


def test_readme_is_in_the_language_of_its_bundle(release):
    from publication import ui

    for lang in facts.LANGUAGES:
        stem = f"{facts.NAME}-{facts.EDITION}-{lang}"
        with zipfile.ZipFile(release / "dist" / f"{stem}.zip") as bundle:
            readme = bundle.read(f"{stem}/README.txt").decode("utf-8")
        _ = ui.translator(lang, records.load(lang, release / "records").interface)
        assert _("Files in this package:") in readme
