#!/usr/bin/env python3
"""Build the self-assessment checklist: one fillable A4 PDF per language.

    python build_checklist.py                # all languages -> build/checklist/
    python build_checklist.py --lang fi --out /tmp/checklist

Writes <out>/asunto-ensin-laatusuositukset-<lang>.pdf: a header with fields
for the unit, the date and the participants; for each recommendation its ID
and text, four choices (a radio group) and a notes box; at the end a box for
the agreed next steps. Field names: unit, date, participants,
rec-<id>-status (achieved, partly, not-yet, not-applicable), rec-<id>-notes,
next-steps.
"""

import argparse
import sys

from publication import facts
from publication.checklist import ChecklistError, build
from publication.settings import SettingError
from publication.cli import add_input_arguments, languages


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build_checklist.py",
        description="Build the fillable self-assessment checklist (A4 PDF) of the Housing First quality "
                    "recommendations.",
        epilog="Environment: SOURCE_DATE_EPOCH (the date in the PDFs; the same value gives the same bytes).",
    )
    add_input_arguments(parser, facts.BUILD_DIR / "checklist")
    args = parser.parse_args(argv)
    try:
        args.langs = languages(args)
    except SettingError as error:
        parser.error(str(error))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        build(args.langs, args.out, args.records,
              progress=print, notice=lambda line: print(line, file=sys.stderr))
    except (ChecklistError, OSError, SettingError) as error:  # OSError: e.g. the output folder cannot be written
        print(f"build_checklist.py: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
