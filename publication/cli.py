"""What the command-line tools (build_posters.py, build_checklist.py) share:
the arguments that choose languages, inputs and output folder."""

import argparse
from pathlib import Path

from . import facts


def split_list(value: str) -> list[str]:
    """'fi, sv' -> ['fi', 'sv']: options are repeatable or comma-separated."""
    return [part.strip() for part in value.split(",") if part.strip()]


def add_input_arguments(parser: argparse.ArgumentParser, out_default: Path) -> None:
    parser.add_argument("--lang", action="append", metavar="LANG",
                        help=f"language(s), repeatable or comma-separated (default: {','.join(facts.LANGUAGES)})")
    parser.add_argument("--out", type=Path, default=out_default,
                        help=f"output folder (default: build/{out_default.name})")
    parser.add_argument("--source-dir", type=Path, default=facts.SOURCE_DIR,
                        help="the reST sources (default: source/)")
    parser.add_argument("--locale-dir", type=Path, default=facts.LOCALE_DIR,
                        help="the catalogs (default: locale/)")


def languages(args: argparse.Namespace) -> list[str]:
    """The languages asked for, in order, once each (default: all)."""
    asked = [lang for value in args.lang or [] for lang in split_list(value)]
    return list(dict.fromkeys(asked)) or list(facts.LANGUAGES)
