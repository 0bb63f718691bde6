"""Shared fixtures: the outputs are built once per test session into a
temporary folder, then every test reads them back with real tools."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publication import facts  # noqa: E402


def run(args, build_dir: Path, cwd: Path = ROOT, env=None, check=True):
    """Run a project command with BUILD_DIR set; returns the CompletedProcess."""
    environment = {**os.environ, "BUILD_DIR": str(build_dir), "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    result = subprocess.run([sys.executable, *args], cwd=cwd, env=environment, capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def build_editions(build_dir: Path, languages=facts.LANGUAGES, cwd: Path = ROOT) -> None:
    """Posters and checklists (the downloads pages copy them), all formats of
    every language, two languages at a time, then the site root."""
    run(["-m", "publication.hyphenation"], build_dir, cwd)
    language_args = [arg for lang in languages for arg in ("--lang", lang)]
    run(["build_posters.py", *language_args], build_dir, cwd)
    run(["build_checklist.py", *language_args], build_dir, cwd)
    env = {**os.environ, "BUILD_DIR": str(build_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    pending = list(languages)
    running = []
    while pending or running:
        while pending and len(running) < 2:
            lang = pending.pop(0)
            running.append((lang, subprocess.Popen(
                [sys.executable, "-m", "publication.build", "--lang", lang], cwd=cwd, env=env,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        lang, process = running.pop(0)
        output, _ = process.communicate()
        if process.returncode:
            raise AssertionError(f"building the {lang!r} edition failed:\n{output}")
    run(["-m", "publication.site", *languages], build_dir, cwd)


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> Path:
    """The build folder holding html/, epub/, pdf/, posters/ and checklist/
    of every language.

    HANDBOOK_BUILD=<folder> reuses an existing build instead (quicker while
    writing tests); CI always builds afresh."""
    reuse = os.environ.get("HANDBOOK_BUILD")
    if reuse:
        return Path(reuse).resolve()
    build_dir = tmp_path_factory.mktemp("build")
    build_editions(build_dir)
    return build_dir


def copy_downloads(editions: Path, build_dir: Path) -> None:
    """Give ``build_dir`` the files a web edition's downloads page lists, so
    that an HTML-only build can run there."""
    for folder in ("pdf", "epub", "posters", "checklist"):
        shutil.copytree(editions / folder, build_dir / folder, dirs_exist_ok=True)


def copy_project(dest: Path) -> Path:
    """Copy the project's inputs (not build/ or .venv/) to ``dest``."""
    for name in ("source", "locale", "publication"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    for name in ("conf.py", "build_posters.py"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture
def fresh_copy(tmp_path) -> Path:
    """A throw-away copy of the project, for a test that breaks its inputs."""
    return copy_project(tmp_path / "project")
