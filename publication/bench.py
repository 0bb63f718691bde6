"""``make bench``: time a clean build of everything, a no-op rebuild and the
posters alone, with peak memory and output sizes, in a scratch build folder.

    python -m publication.bench [--jobs 2]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import facts, preview


# Runs a command and prints the peak RSS (KiB) of its largest descendant:
# a fresh process, so earlier steps do not count.
PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(command: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and the peak memory (MiB) of the largest process of ``command``."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=facts.ROOT, env=env,
                            check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    return elapsed, int(result.stdout.split()[-1]) // 1024


def sizes(build: Path) -> list[tuple[str, int]]:
    rows = []
    for pattern in ("pdf/*.pdf", "epub/*.epub", "posters/*/[0-9]*.pdf", "posters/*/print/*.pdf",
                    "posters/*/a4/*.pdf", "checklist/*.pdf"):
        files = sorted(build.glob(pattern))
        if files:
            largest = max(files, key=lambda p: p.stat().st_size)
            rows.append((f"{pattern} ({len(files)} files), largest {largest.name}", largest.stat().st_size))
    site = build / "html"
    if site.exists():
        rows.append(("html/ (whole site)", sum(p.stat().st_size for p in site.rglob("*") if p.is_file())))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build.")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bench-", dir=facts.ROOT / "build" if (facts.ROOT / "build").exists() else None))
    env = {k: v for k, v in os.environ.items() if k not in ("BUILD_DIR", "LANGS", "BASE_URL")}
    make = ["make", "--no-print-directory", f"-j{args.jobs}", f"BUILD={scratch}"]
    catalog = facts.LOCALE_DIR / "sv" / "LC_MESSAGES" / "principle-1.po"
    try:
        clean, clean_peak = timed([*make, "all"], env)
        noop, _ = timed([*make, "all"], env)
        os.utime(catalog)  # one Swedish catalog saved again: the Swedish outputs and the root page
        one_catalog, one_peak = timed([*make, "all"], env)
        shutil.rmtree(scratch / "posters", ignore_errors=True)
        posters, posters_peak = timed([sys.executable, "build_posters.py", "--out", str(scratch / "posters"),
                                       "--records", str(scratch / "records")], {**env, "BUILD_DIR": str(scratch)})
        preview_rebuild = preview.rebuild_seconds(scratch / "preview")
        rows = sizes(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    cores = os.cpu_count()
    print(f"\nBenchmark ({cores} cores, make -j{args.jobs}, {time.strftime('%Y-%m-%d')})\n")
    print("| step | time | peak memory of its largest process |")
    print("|---|---|---|")
    print(f"| clean build of everything (`make all`) | {clean:.1f} s | {clean_peak} MiB |")
    print(f"| no-op rebuild | {noop:.2f} s | |")
    print(f"| one catalog touched (`sv/principle-1.po`): {one_catalog / clean:.0%} of the clean build "
          f"| {one_catalog:.1f} s | {one_peak} MiB |")
    print(f"| posters alone (all languages, one process) | {posters:.1f} s | {posters_peak} MiB |")
    print(f"| `make preview LANG=sv`: one catalog saved to its page rebuilt | {preview_rebuild:.1f} s | |")
    print("\n| output | size |\n|---|---|")
    for label, size in rows:
        print(f"| {label} | {size / 1024:.0f} KiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
