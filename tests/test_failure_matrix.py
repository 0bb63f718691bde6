"""Failures outside the catalogs: an output folder that cannot be written
and a build killed halfway. The last good outputs stay, the next build works."""

import os
import signal
import subprocess
import sys
import time

from conftest import make_in, run


def test_output_folder_that_cannot_be_written_is_named(fresh_copy):
    build_dir = fresh_copy / "build"
    build_dir.mkdir()
    (build_dir / "epub").write_text("a file where the EPUB folder should be")
    result = make_in(fresh_copy, "epub", "en")
    assert result.returncode != 0
    assert f"cannot write {build_dir / 'epub'}" in result.stderr
    assert "Traceback" not in result.stderr
    assert (build_dir / "epub").read_text() == "a file where the EPUB folder should be"


def test_poster_folder_that_cannot_be_written_is_named(fresh_copy):
    build_dir = fresh_copy / "build"
    build_dir.mkdir()
    (build_dir / "posters").write_text("not a folder")
    result = make_in(fresh_copy, "posters", "en")
    assert result.returncode != 0
    assert str(build_dir / "posters") in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_build_killed_halfway_leaves_the_last_good_outputs_and_the_next_build_works(fresh_copy):
    build_dir = fresh_copy / "build"
    assert make_in(fresh_copy, "records", "en").returncode == 0
    html = build_dir / "html" / "en"
    html.mkdir(parents=True)
    (html / "index.html").write_text("last good")
    env = {**os.environ, "BUILD_DIR": str(build_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "publication.build", "--lang", "en", "--formats", "html"],
                               cwd=fresh_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it while Sphinx writes pages into its scratch folder: it is stopped
    # (SIGSTOP) when the first page appears, so the kill cannot race its end.
    deadline = time.monotonic() + 60
    while not list((build_dir / "tmp").glob("en-*/html/*.html")):
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGSTOP)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert (html / "index.html").read_text() == "last good"
    run(["-m", "publication.build", "--lang", "en", "--formats", "html"], build_dir, cwd=fresh_copy)
    assert "last good" not in (html / "index.html").read_text()
    assert not list((build_dir / "tmp").glob("en-*")), "the killed build's scratch folder is left"
