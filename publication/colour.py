"""The print-shop colours: the CMYK profile and the CMYK tokens made with it.

    python -m publication.colour tokens    # recompute the CMYK tokens in publication/design.py
    python -m publication.colour profile   # rebuild publication/icc/FOGRA39L-argyll.icc

``tokens`` converts the sRGB section colours through the committed profile
(Pillow's ImageCms, i.e. LittleCMS, relative colorimetric without black point
compensation: a solid colour should print as close to its sRGB value as the
press allows, not be lightened to keep shadow detail) and rewrites the generated
block of :mod:`publication.design`; a test checks that the block matches. It
needs nothing but the project's virtual environment.

``profile`` is needed only to change the profile itself. It runs ArgyllCMS's
``colprof`` on Fogra's FOGRA39L characterization data as Debian ships it
(``apt-get install argyll icc-profiles-free``) and fixes the header date, so
the same tools give the same bytes. See ``publication/icc/README.md``.
"""

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from . import design
from .pdfx import PROFILE

CHARACTERIZATION = Path("/usr/share/color/icc/FOGRA39L.ti3")  # Debian's icc-profiles-free
PROFILE_DATE = (2026, 11, 28, 0, 0, 0)  # the header date of the committed profile
COLPROF_ARGS = (
    "-qm",  # medium quality tables both ways (low quality Lab -> CMYK tables moved the tokens by 2-6 dE)
    "-nc",  # no copy of the measurement data inside the profile
    "-kr",  # black generation: ramp (ArgyllCMS's default GCR)
    "-l330",  # total ink limit 330 %, as ISO Coated v2 for FOGRA39
    "-D", "Coated FOGRA39L (ArgyllCMS colprof, free)",
    "-C", "Built from FOGRA39L characterization data (Fogra; Debian icc-profiles-free, zlib licence)"
          " with ArgyllCMS colprof. zlib licence.",
)
BEGIN, END = "# BEGIN GENERATED CMYK TOKENS", "# END GENERATED CMYK TOKENS"
DESIGN = Path(design.__file__)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def to_cmyk(colours, profile: Path = PROFILE) -> list[tuple[int, int, int, int]]:
    """'#RRGGBB' (sRGB) colours as CMYK percentages through ``profile``."""
    from PIL import Image, ImageCms

    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(profile)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    colours = list(colours)
    image = Image.new("RGB", (len(colours), 1))
    image.putdata([_rgb(c) for c in colours])
    converted = ImageCms.applyTransform(image, transform)
    return [tuple(round(v * 100 / 255) for v in converted.getpixel((x, 0))) for x in range(len(colours))]


def token_block(profile: Path = PROFILE) -> str:
    numbers = sorted(design.SECTION_COLOURS)
    values = to_cmyk((design.SECTION_COLOURS[n] for n in numbers), profile)
    lines = [BEGIN,
             f"# `python -m publication.colour tokens`: SECTION_COLOURS through {profile.name}",
             "# (relative colorimetric), C M Y K in percent.",
             "SECTION_COLOURS_CMYK = {"]
    lines += [f"    {n}: {value!r},  # {design.SECTION_COLOURS[n]}" for n, value in zip(numbers, values)]
    lines += ["}", END]
    return "\n".join(lines)


def write_tokens(path: Path = DESIGN, profile: Path = PROFILE) -> bool:
    """Rewrite the generated block of design.py; True if it changed."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no block between {BEGIN!r} and {END!r}")
    new = pattern.sub(lambda _: token_block(profile), text, count=1)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def build_profile(out: Path = PROFILE, data: Path = CHARACTERIZATION) -> None:
    """Run colprof on the FOGRA39L data; fix the header date."""
    colprof = shutil.which("colprof")
    if colprof is None or not data.is_file():
        raise SystemExit("needs ArgyllCMS and the FOGRA39L data: apt-get install argyll icc-profiles-free")
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "FOGRA39L"
        shutil.copyfile(data, base.with_suffix(".ti3"))
        subprocess.run([colprof, *COLPROF_ARGS, str(base)], check=True, stdout=subprocess.DEVNULL)
        profile = bytearray(base.with_suffix(".icc").read_bytes())
    profile[24:36] = struct.pack(">6H", *PROFILE_DATE)
    out.write_bytes(bytes(profile))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publication.colour", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("tokens", "profile"))
    args = parser.parse_args(argv)
    if args.what == "profile":
        build_profile()
        print(f"wrote {PROFILE}; now run `python -m publication.colour tokens`")
    else:
        changed = write_tokens()
        print(f"{DESIGN}: CMYK tokens {'updated' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
