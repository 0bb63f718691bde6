"""Live preview of one web edition while it is translated: ``make preview LANG=sv``.

    python -m publication.preview [--build build/preview]   # PREVIEW_LANGUAGE=sv PREVIEW_PORT=8000
    python -m publication.preview compile sv                               # the step before each rebuild

Serves ``<build>/html/<lang>`` on http://127.0.0.1:<port>/ with
sphinx-autobuild, which rebuilds the edition whenever a ``.po`` of the
language or a page of ``source/`` is saved and reloads the browser.

Before each rebuild the language's catalogs are checked and compiled as the
build does it (:mod:`publication.catalogs`: syntax, the trust boundary, the
font's glyphs), with one difference: a message not yet translated, or fuzzy,
is counted rather than refused, and shows in the source language, so that a
language can be previewed while it is being translated. Any other problem
stops that rebuild with file:line, and the page stays as it was. The preview
has its own build folder (Sphinx environment, compiled catalogs), so that it
never disturbs ``make all``.
"""

import argparse
import os
import shlex
import sys
from pathlib import Path

from . import catalogs, facts, languages, settings


def draft_problems(lang: str, locale_dir: Path | None = None) -> tuple[list, int]:
    """(every problem but a missing or fuzzy translation, how many messages
    are missing or fuzzy) of a language's catalogs."""
    locale_dir = Path(locale_dir or facts.LOCALE_DIR)
    catalogs.check_language(lang, locale_dir)
    problems, pending = [], 0
    for path in catalogs.catalog_paths(lang, locale_dir):
        catalog = catalogs.read_catalog(path)
        def unfinished_message(m):
            forms = m.string if isinstance(m.string, (list, tuple)) else [m.string]
            return m.fuzzy or not forms or any(not str(s or "").strip() for s in forms)

        unfinished = {m.lineno for m in catalog if m.id and unfinished_message(m)}
        pending += len(unfinished)
        problems += [p for p in catalogs.problems_in(path) if p.lineno not in unfinished]
    return problems, pending


def compile_draft(lang: str, out=print) -> int:
    """Check (all but completeness) and compile ``lang``'s catalogs into
    BUILD_DIR/locale; 0 when the preview may rebuild."""
    try:
        problems, pending = draft_problems(lang)
        if problems:
            out(f"error: the {lang!r} catalogs:\n" + "\n".join(f"  {p}" for p in problems))
            return 1
        catalogs.compile_catalogs(lang, facts.BUILD_DIR / "locale")
    except catalogs.CatalogError as error:
        out(f"error: {error}")
        return 1
    if pending:
        out(f"preview ({lang}): {pending} message(s) not translated yet, shown in the source language "
            f"(`make fuzzy LANGS={lang}` lists them)")
    return 0


def sphinx_arguments(lang: str, build: Path) -> list[str]:
    """The Sphinx options of the preview of one edition (web only)."""
    return [
        "-b", "html", "-c", str(facts.ROOT), "-d", str(build / "doctrees" / lang),
        "-D", f"language={lang}",
        # Untranslated messages are counted once by the pre-build step, not one warning each.
        "-D", "suppress_warnings=publication.untranslated",
        "-q", *settings.sphinx_options(),
    ]


def autobuild_arguments(lang: str, build: Path, port: int) -> list[str]:
    """The sphinx-autobuild command line of one edition."""
    python = sys.executable
    watched = facts.LOCALE_DIR / lang / "LC_MESSAGES"
    return [
        python, "-m", "sphinx_autobuild", *sphinx_arguments(lang, build),
        "--host", "127.0.0.1", "--port", str(port),
        *(["--watch", str(watched)] if watched.is_dir() else []),
        "--re-ignore", r".*\.(mo|pot|tmp|swp)$|.*~$",
        "--pre-build", shlex.join([python, "-m", "publication.preview", "compile", lang]),
        str(facts.SOURCE_DIR), str(build / "html" / lang),
    ]


def rebuild_seconds(scratch: Path, lang: str = "sv") -> float:
    """``make bench``: seconds from a saved catalog to its page rebuilt, as the
    preview does it (the check and compile step, then Sphinx's incremental
    build), over a copy of the catalogs in ``scratch``. The browser's reload
    (a websocket message) is not counted: measured, it adds about 0.1 s."""
    import shutil
    import subprocess
    import time

    locale = scratch / "locale-src"
    shutil.copytree(facts.LOCALE_DIR, locale)
    env = {**os.environ, "LOCALE_DIR": str(locale), "BUILD_DIR": str(scratch), "LANGS": lang}
    steps = [[sys.executable, "-m", "publication.preview", "compile", lang],
             [sys.executable, "-m", "sphinx", "build", *sphinx_arguments(lang, scratch), str(facts.SOURCE_DIR),
              str(scratch / "html" / lang)]]

    def rebuild():
        for step in steps:
            subprocess.run(step, cwd=facts.ROOT, env=env, check=True, capture_output=True)

    rebuild()  # the preview's first build
    po = locale / lang / "LC_MESSAGES" / "principle-1.po"
    text = po.read_text(encoding="utf-8")
    started = time.perf_counter()
    first = text.index('msgstr "', text.index("\n\n"))  # the first message after the header
    po.write_text(text[:first] + 'msgstr "x ' + text[first + len('msgstr "'):], encoding="utf-8")
    rebuild()
    return time.perf_counter() - started


def check_language(value: str) -> str:
    """The language of the preview, or SettingError (one line)."""
    if not languages.CODE.fullmatch(value):
        shown = value.encode("unicode_escape").decode("ascii")
        raise settings.SettingError(f"LANG: {shown!r} is not a language code (two or three letters a-z); "
                                    "name the edition, e.g. make preview LANG=sv")
    if value != facts.SOURCE_LANGUAGE and not (facts.LOCALE_DIR / value / "LC_MESSAGES").is_dir():
        known = " ".join(settings.known_languages())
        raise settings.SettingError(f"LANG: {value!r} has no catalogs (known: {known}; a new one: "
                                    f"make new-language LANG={value})")
    return value


def check_port(value: str) -> int:
    if not value.isdigit() or not 1024 <= int(value) <= 65535:
        shown = value.encode("unicode_escape").decode("ascii")
        raise settings.SettingError(f"PORT: {shown!r} is not a port number from 1024 to 65535 (e.g. PORT=8000)")
    return int(value)


def serve(lang: str, build: Path, port: int) -> int:
    try:
        import sphinx_autobuild  # noqa: F401
    except ImportError:
        print("error: sphinx-autobuild is not installed: rm .venv/.installed && make venv", file=sys.stderr)
        return 1
    build = build.resolve()
    # The preview's own build folder (compiled catalogs, Sphinx environment),
    # one edition (no links to editions that are not built).
    os.environ["BUILD_DIR"] = str(build)
    os.environ["LANGS"] = lang
    print(f"preview ({lang}): http://127.0.0.1:{port}/ rebuilds on each save of "
          f"{facts.LOCALE_DIR.name}/{lang}/LC_MESSAGES/*.po or source/*.rst; Ctrl+C stops it", flush=True)
    arguments = autobuild_arguments(lang, build, port)
    os.execv(arguments[0], arguments)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["compile"] and len(args) == 2:
        return compile_draft(args[1], out=lambda line: print(line, file=sys.stderr, flush=True))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=facts.ROOT / "build" / "preview")
    options = parser.parse_args(args)
    try:
        lang = check_language(os.environ.get("PREVIEW_LANGUAGE", ""))
        port = check_port(os.environ.get("PREVIEW_PORT", "") or "8000")
    except settings.SettingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return serve(lang, options.build, port)


if __name__ == "__main__":
    sys.exit(main())
