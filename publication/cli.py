"""What the command-line tools (build_posters.py, build_checklist.py) share:
the arguments that choose languages, inputs and output folder."""

import argparse
from pathlib import Path

from . import facts, settings


def split_list(value: str) -> list[str]:
    """'fi, sv' -> ['fi', 'sv']: options are repeatable or comma-separated."""
    return [part.strip() for part in value.split(",") if part.strip()]


def add_input_arguments(parser: argparse.ArgumentParser, out_default: Path) -> None:
    parser.add_argument("--lang", action="append", metavar="LANG",
                        help=f"language(s), repeatable or comma-separated (default: {','.join(facts.LANGUAGES)})")
    parser.add_argument("--out", type=Path, default=out_default,
                        help=f"output folder (default: build/{out_default.name})")
    parser.add_argument("--records", type=Path, default=facts.BUILD_DIR / "records",
                        help="the editions' records, <lang>.json (default: build/records; `make records`)")


def languages(args: argparse.Namespace) -> list[str]:
    """The languages asked for, in order, once each (default: LANGS, or all);
    raises settings.SettingError for a code that is not a known language."""
    asked = [lang for value in args.lang or [] for lang in split_list(value)]
    return settings.languages(" ".join(asked)) if asked else settings.languages()
