#!/usr/bin/env python3
"""Build the A3 posters of the recommendations (one per section and language).

    python build_posters.py                      # all languages, sections, variants
    python build_posters.py --lang fi --section 1 --variant office

Writes <out>/<lang>/NN-<page>.pdf (office printers: plain A3, 10 mm margin),
<out>/<lang>/print/NN-<page>.pdf (print shop: 3 mm bleed, crop marks, TrimBox
and BleedBox), <out>/<lang>/a4/NN-<page>.pdf (the office poster scaled to A4,
for units without an A3 printer) and <out>/<lang>/all.pdf (the office posters
of a language in one file, written when all sections are built). With BASE_URL set, each
poster carries a QR code to its page of the web edition.
"""

import argparse
import sys

from publication import facts
from publication.settings import SettingError
from publication.cli import add_input_arguments, languages, split_list
from publication.posters import PosterError, build, draw


def parse_args(argv=None) -> argparse.Namespace:
    sections = range(len(facts.SECTION_PAGES))
    parser = argparse.ArgumentParser(
        prog="build_posters.py",
        description="Build the A3 (and A4) posters of the Housing First quality recommendations.",
        epilog="Environment: BASE_URL (the web edition; adds QR codes), "
               "SOURCE_DATE_EPOCH (the date in the PDFs; the same value gives the same bytes).",
    )
    parser.add_argument("--section", action="append", metavar="N",
                        help=f"section number(s) {sections[0]}-{sections[-1]}, repeatable or comma-separated "
                             "(default: all)")
    parser.add_argument("--variant", choices=("office", "print", "a4", "both", "all"), default="all",
                        help="office printer (A3 with margins), print shop (bleed and crop marks), a4 (the "
                             "office poster scaled to A4), both (office and print) or all (default: all)")
    add_input_arguments(parser, facts.BUILD_DIR / "posters")
    args = parser.parse_args(argv)
    try:
        args.langs = languages(args)
    except SettingError as error:
        parser.error(str(error))
    numbers = []
    for value in (v for given in args.section or [] for v in split_list(given)):
        if not value.isdigit() or int(value) not in sections:
            parser.error(f"--section: {value!r} is not a section number {sections[0]}-{sections[-1]}")
        numbers.append(int(value))
    args.numbers = sorted(set(numbers)) or None
    args.variants = {"both": (draw.OFFICE, draw.PRINT), "all": draw.VARIANTS}.get(args.variant, (args.variant,))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        build(args.langs, args.numbers, args.variants, args.out, args.records,
              progress=print, notice=lambda line: print(line, file=sys.stderr))
    except (PosterError, OSError, SettingError) as error:  # OSError: e.g. the output folder cannot be written
        print(f"build_posters.py: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
