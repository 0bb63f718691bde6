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


def make(args, build_dir: Path, cwd: Path = ROOT, env=None, check=True):
    """Run ``make`` in ``cwd`` with BUILD=build_dir (the project's own venv)."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    environment.pop("BUILD_DIR", None)
    command = ["make", "--no-print-directory", f"BUILD={build_dir}", f"VENV={ROOT / '.venv'}", *args]
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def build_editions(build_dir: Path, languages=facts.LANGUAGES, cwd: Path = ROOT) -> None:
    """Every output of every language, as `make -j2 all` builds them."""
    make(["-j2", "all", f"LANGS={' '.join(languages)}"], build_dir, cwd)


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


def copy_project(dest: Path) -> Path:
    """Copy the project's inputs (not build/ or .venv/) to ``dest``."""
    for name in ("source", "locale", "publication", "tools"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    for name in ("conf.py", "build_posters.py", "build_checklist.py", "Makefile", "pyproject.toml",
                 "requirements.lock", "requirements-test.lock"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture
def fresh_copy(tmp_path) -> Path:
    """A throw-away copy of the project, for a test that breaks its inputs."""
    return copy_project(tmp_path / "project")


def pytest_collection_modifyitems(items):
    """Every test that reads the built outputs is part of the gate (`make check`)."""
    for item in items:
        if "editions" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gate)


def make_in(project: Path, target: str, lang: str, env=None):
    """``make TARGET LANGS=lang`` in a copy of the project (its own build/)."""
    return make([target, f"LANGS={lang}"], project / "build", cwd=project, env=env, check=False)
