"""Build one edition (one language) of the handbook: records, EPUB, PDF, web site.

    python -m publication.build --lang sv --formats records[,epub,pdf,html]

The catalogs must be checked and compiled first (``python -m
publication.catalogs compile sv``; the Makefile does it). Every format of a
language shares one Sphinx environment (build/doctrees/<lang>), so the text
is read once; a lock serialises the processes of one language, so that make
may run formats of different languages side by side. Every output is built
in a temporary folder and moved into place only when complete: a failed
build leaves the last good outputs where they were.
"""

import argparse
import fcntl
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from . import catalogs, facts, fonts, settings
from .files import cannot_write

# The records first: the posters and the checklist wait only for them.
FORMATS = ("records", "epub", "pdf", "html")


class BuildError(Exception):
    pass


def output_paths(lang: str, build_dir: Path = facts.BUILD_DIR) -> dict[str, Path]:
    return {
        "records": build_dir / "records" / f"{lang}.json",
        "html": build_dir / "html" / lang,
        "epub": build_dir / "epub" / f"{facts.NAME}-{lang}.epub",
        "pdf": build_dir / "pdf" / f"{facts.NAME}-{lang}.pdf",
    }


def require_catalogs(lang: str, build_dir: Path) -> None:
    """The language's checked, compiled catalogs must be in build/locale."""
    if lang == facts.SOURCE_LANGUAGE and not (facts.LOCALE_DIR / lang).is_dir():
        return
    compiled = build_dir / "locale" / lang / "LC_MESSAGES"
    if not compiled.is_dir():
        catalogs.check_language(lang)
        raise BuildError(f"the {lang!r} catalogs are not compiled: run `make catalogs LANGS={lang}` "
                         f"(or python -m publication.catalogs compile {lang})")


@contextmanager
def language_lock(lang: str, build_dir: Path):
    """One process at a time on a language's Sphinx environment."""
    lock = build_dir / "doctrees" / f".{lang}.lock"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "w")
    except OSError as error:
        raise BuildError(f"cannot write {lock}: {error.strerror or error}") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def sphinx(builder: str, lang: str, outdir: Path, build_dir: Path, overrides: dict | None = None) -> None:
    """Run one Sphinx builder; warnings are errors, all of them reported."""
    from sphinx.cmd.build import build_main

    args = ["-b", builder, "-c", str(facts.ROOT), "-d", str(build_dir / "doctrees" / lang),
            "-D", f"language={lang}", "-W", "--keep-going", "-q"]
    for key, value in (overrides or {}).items():
        args += ["-D", f"{key}={value}"]
    args += settings.sphinx_options()
    status = build_main([*args, str(facts.SOURCE_DIR), str(outdir)])
    if status:
        raise BuildError(f"the {lang!r} edition: sphinx-build -b {builder} failed (see the messages above)")


def remove_leftovers(folder: Path) -> None:
    """Remove what killed builds left beside their outputs: ``.<name>.old-PID``
    folders and ``.<name>.*.tmp`` files whose process is gone."""
    if not folder.is_dir():
        return
    for stale in folder.glob(".*"):
        pid = stale.name.rsplit("-", 1)[-1] if ".old-" in stale.name else ""
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def replace(new: Path, final: Path) -> None:
    """Move a finished output into place (a file or a folder)."""
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(final.parent)
        if new.is_dir() and final.exists():
            old = final.with_name(f".{final.name}.old-{os.getpid()}")
            final.rename(old)
            new.rename(final)
            shutil.rmtree(old)
        else:
            os.replace(new, final)
    except OSError as error:
        raise BuildError(f"cannot write {final}: {error.strerror or error}") from None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def scratch(build_dir: Path, label: str):
    """A temporary folder in build/tmp. Folders of earlier runs of the same
    label whose process is gone (a killed build) are removed first."""
    tmp_root = build_dir / "tmp"
    try:
        tmp_root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot write {tmp_root}: {error.strerror or error}") from None
    for stale in tmp_root.glob(f"{label}-*-*"):
        pid = stale.name.split("-")[-2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    path = Path(tempfile.mkdtemp(prefix=f"{label}-{os.getpid()}-", dir=tmp_root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def build_records(lang: str, build_dir: Path, tmp: Path) -> None:
    sphinx("records", lang, tmp / "records", build_dir)
    new, final = tmp / "records" / "records.json", output_paths(lang, build_dir)["records"]
    # Unchanged text keeps the file as it is: the posters and the checklist
    # are redrawn only when their text changed.
    if not final.exists() or final.read_bytes() != new.read_bytes():
        replace(new, final)


def build_html(lang: str, build_dir: Path, tmp: Path) -> None:
    sphinx("html", lang, tmp / "html", build_dir)
    # Sphinx's record for rebuilding in place (we never do): it hashes the
    # configuration, absolute paths included, and would differ by folder.
    (tmp / "html" / ".buildinfo").unlink(missing_ok=True)
    replace(tmp / "html", output_paths(lang, build_dir)["html"])


def build_epub(lang: str, build_dir: Path, tmp: Path) -> None:
    sphinx("epub", lang, tmp / "epub", build_dir)
    replace(tmp / "epub" / f"{facts.NAME}.epub", output_paths(lang, build_dir)["epub"])


def build_pdf(lang: str, build_dir: Path, tmp: Path) -> None:
    from . import pdf

    sphinx("singlehtml", lang, tmp / "singlehtml", build_dir, pdf.sphinx_overrides())
    try:
        pdf.write_pdf(lang, tmp / "singlehtml", output_paths(lang, build_dir)["pdf"])
    except pdf.PdfError as error:
        raise BuildError(str(error)) from None


BUILDERS = {"records": build_records, "html": build_html, "epub": build_epub, "pdf": build_pdf}


def build_edition(lang: str, formats=FORMATS, build_dir: Path = facts.BUILD_DIR) -> None:
    require_catalogs(lang, build_dir)
    try:
        fonts.checked_files()  # a damaged font stops here, before WeasyPrint falls back silently
    except fonts.FontError as error:
        raise BuildError(str(error)) from None
    with language_lock(lang, build_dir), scratch(build_dir, f"{lang}") as tmp:
        for fmt in [f for f in FORMATS if f in formats]:
            started = time.perf_counter()
            try:
                BUILDERS[fmt](lang, build_dir, tmp)
            except OSError as error:
                raise BuildError(cannot_write(error, build_dir)) from None
            elapsed = time.perf_counter() - started
            print(f"[{lang}] {fmt:4} {elapsed:5.1f} s  {output_paths(lang, build_dir)[fmt]}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", required=True, help="language code, e.g. fi")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated: {','.join(FORMATS)}")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = [f for f in formats if f not in BUILDERS]
    if unknown:
        parser.error(f"unknown format(s): {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    try:
        settings.languages(args.lang)
        build_edition(args.lang, formats, facts.BUILD_DIR)
    except (catalogs.CatalogError, BuildError, settings.SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
