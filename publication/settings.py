"""The settings of a build, read from the environment and checked.

The Makefile exports ``LANGS``, ``BASE_URL``, ``SOURCE_DATE_EPOCH`` and
``SPHINXOPTS``; every tool reads them through here, so a bad value is
refused once, with one line that names the setting and the fix, before
anything is built. Standard library only: the Makefile runs this module
before the virtual environment exists.

    python3 -m publication.settings STAMP_DIR

checks every setting and writes each one's value into ``STAMP_DIR/<NAME>``
only when it changed, so that make rebuilds exactly what a changed setting
affects (the outputs depend on these files).
"""

import os
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

from . import facts
from .files import cannot_write

# The poster's QR code and footer are laid out for page addresses up to
# this long: BASE_URL + "sv/principle-1.html" (19 characters) on one footer
# line, with the principle posters still at 22 pt or more.
BASE_URL_MAX = 48
DEFAULT_EPOCH = 1735689600  # 2025-01-01, outside make and git
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


class SettingError(Exception):
    """A setting has a value the build cannot use; the message says which and why."""


def _printable(value: str) -> str:
    return value.encode("unicode_escape").decode("ascii")


def known_languages() -> tuple[str, ...]:
    """The source language, the shipped languages and every language with catalogs."""
    found = []
    if facts.LOCALE_DIR.is_dir():
        found = sorted(p.name for p in facts.LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(dict.fromkeys([facts.SOURCE_LANGUAGE, *facts.LANGUAGES, *found]))


def languages(value: str | None = None) -> list[str]:
    """LANGS: the editions to build, in the order given, once each."""
    value = os.environ.get("LANGS", "") if value is None else value
    words = value.replace(",", " ").split()
    if not words:
        return list(facts.LANGUAGES)
    known = known_languages()
    for word in words:
        if not LANGUAGE_CODE.fullmatch(word):
            raise SettingError(f"LANGS: {_printable(word)!r} is not a language code (two or three letters a-z; "
                               f"known: {' '.join(known)})")
        if word not in known:
            raise SettingError(f"LANGS: unknown language {word!r} (known: {' '.join(known)}; "
                               f"a new one: `make new-language LANG={word}`)")
    return list(dict.fromkeys(words))


def base_url(value: str | None = None) -> str:
    """BASE_URL with exactly one trailing slash, or '' when unset."""
    value = os.environ.get("BASE_URL", "") if value is None else value
    url = value.strip(" ")
    if not url:
        return ""
    fix = "give the address of the web site, e.g. BASE_URL=https://example.org/laatusuositukset/"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise SettingError(f"BASE_URL: {_printable(url)!r} contains a space or a control character; {fix}")
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise SettingError(f"BASE_URL: {_printable(url)!r} is not a URL ({error}); {fix}") from None
    if parts.scheme != "https" or not parts.netloc:
        raise SettingError(f"BASE_URL: {_printable(url)!r} is not an absolute https: address; {fix}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise SettingError(f"BASE_URL: {_printable(url)!r} has a query, fragment or user name; {fix}")
    if not re.fullmatch(r"[A-Za-z0-9._~:/%!$&'()*+,;=@-]+", url):
        raise SettingError(f"BASE_URL: {_printable(url)!r} has characters that are not allowed in an address "
                           "(write them %-encoded)")
    url = url.rstrip("/") + "/"
    if len(url) > BASE_URL_MAX:
        raise SettingError(f"BASE_URL: the address is {len(url)} characters long; the posters' QR code and "
                           f"footer take at most {BASE_URL_MAX}: use a shorter address")
    return url


def page_url(lang: str, page: str) -> str:
    """Absolute URL of a page of an edition's web site ('' without BASE_URL)."""
    root = base_url()
    return f"{root}{lang}/{page}.html" if root else ""


def source_date_epoch(value: str | None = None) -> int:
    """SOURCE_DATE_EPOCH: the build's timestamp (seconds since 1970)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "") if value is None else value
    if not value.strip():
        return DEFAULT_EPOCH
    if not re.fullmatch(r"\d{1,12}", value.strip()):
        raise SettingError(f"SOURCE_DATE_EPOCH: {_printable(value)!r} is not a whole number of seconds since "
                           "1970 (e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct))")
    return int(value)


def sphinx_options(value: str | None = None) -> list[str]:
    """SPHINXOPTS: extra arguments of every sphinx-build run."""
    value = os.environ.get("SPHINXOPTS", "") if value is None else value
    try:
        return shlex.split(value)
    except ValueError as error:
        raise SettingError(f"SPHINXOPTS: {_printable(value)!r} cannot be split into arguments ({error})") from None


def values() -> dict[str, str]:
    """Every setting, checked, as the text of its stamp file."""
    return {
        "LANGS": " ".join(languages()),
        "BASE_URL": base_url(),
        "SOURCE_DATE_EPOCH": str(source_date_epoch()),
        "SPHINXOPTS": shlex.join(sphinx_options()),
    }


def raw_values() -> str:
    """The settings as the Makefile passed them, as it compares them with
    ``.checked`` to know whether to run the check again."""
    return "|".join(os.environ.get(name, "") for name in ("LANGS", "BASE_URL", "SOURCE_DATE_EPOCH", "SPHINXOPTS"))


def write_stamps(folder: Path) -> list[str]:
    """Write each setting into ``folder/<NAME>`` if it changed; returns the
    changed names. Last, ``.checked`` records the raw values that passed."""
    changed = []
    folder.mkdir(parents=True, exist_ok=True)
    checked = values()
    for name, value in checked.items():
        stamp = folder / name
        text = value + "\n"
        try:
            if stamp.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        tmp = stamp.with_name(f".{name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(stamp)
        changed.append(name)
    (folder / ".checked").write_text(raw_values() + "\n", encoding="utf-8")
    return changed


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args:
            write_stamps(Path(args[0]))
        else:
            for name, value in values().items():
                print(f"{name}={value}")
    except SettingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {cannot_write(error)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
