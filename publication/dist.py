"""``make dist``: the files the network hands to partners, in build/dist/.

For each language: the PDF, the EPUB, a zip of the posters, the checklist
(when built), and one zip with all of them and a README in that language;
the whole web site as one .tar.gz; SHA256SUMS over everything. Archives have
sorted entries, the timestamp of SOURCE_DATE_EPOCH and fixed permissions, so
the same outputs give the same bytes.
"""

import gzip
import hashlib
import io
import sys
import tarfile
import time
import zipfile
from pathlib import Path

from . import catalogs, facts, records, settings, ui
from .build import replace, scratch


class DistError(Exception):
    pass


def dist_name(lang: str, suffix: str = "") -> str:
    return f"{facts.NAME}-{facts.EDITION}-{lang}{suffix}"


def _zip_time() -> tuple:
    # A zip cannot store times before 1980.
    return max(time.gmtime(settings.source_date_epoch())[:6], (1980, 1, 1, 0, 0, 0))


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    """A zip of ``members`` (name -> bytes) in name order, fixed metadata."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, _zip_time())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, members[name], compresslevel=9)


def write_tar_gz(path: Path, folder: Path, prefix: str) -> None:
    """``folder`` as ``prefix/...`` in a gzip'd tar, sorted, fixed metadata."""
    epoch = settings.source_date_epoch()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for item in sorted(folder.rglob("*")):
            if any(part.startswith(".") for part in item.relative_to(folder).parts):
                continue  # leftovers of killed builds, never part of the site
            info = tar.gettarinfo(str(item), arcname=f"{prefix}/{item.relative_to(folder).as_posix()}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            info.mode = 0o755 if item.is_dir() else 0o644
            if item.is_file():
                with open(item, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=epoch) as gz:
        gz.write(buffer.getvalue())


def readme(lang: str, files: dict[str, str], build: Path = facts.BUILD_DIR) -> str:
    """The README of a language's bundle: what each file is, in that language."""
    record = records.load(lang, build / "records")
    _ = ui.translator(lang, record.interface)
    title = record.publication
    describe = {
        "pdf": _("The handbook as a PDF file (A4)"),
        "epub": _("The handbook as an EPUB 3 e-book"),
        "posters": _("Posters, one per principle and one for the structures section: "
                     "for an office printer (A3 and A4) and for a print shop (A3 with 3 mm bleed and crop marks)"),
        "checklist": _("Self-assessment checklist, a fillable PDF form (A4)"),
    }
    lines = [f"{title} {facts.EDITION}", "", _("Files in this package:"), ""]
    for kind, name in files.items():
        lines += [f"- {name}", f"  {describe[kind]}", ""]
    url = settings.base_url()
    if url:
        lines += [_("The web edition: %(url)s") % {"url": f"{url}{lang}/index.html"}, ""]
    lines += [_("Text licence: %(licence)s") % {"licence": facts.TEXT_LICENCE}, ""]
    return "\n".join(lines)


def language_files(build: Path, lang: str) -> dict[str, tuple[str, bytes]]:
    """kind -> (file name in dist, bytes) for one language."""
    sources = {
        "pdf": build / "pdf" / f"{facts.NAME}-{lang}.pdf",
        "epub": build / "epub" / f"{facts.NAME}-{lang}.epub",
    }
    missing = [str(p) for p in sources.values() if not p.exists()]
    posters = build / "posters" / lang
    if not (posters / "all.pdf").exists():
        missing.append(str(posters / "all.pdf"))
    if missing:
        raise DistError(f"the {lang!r} outputs are not built: {', '.join(missing)} (run `make all`)")
    files = {kind: (dist_name(lang, f".{kind}"), path.read_bytes()) for kind, path in sources.items()}
    poster_members = {p.relative_to(posters).as_posix(): p.read_bytes()
                      for p in sorted(posters.rglob("*.pdf"))}
    files["posters"] = (dist_name(lang, "-posters.zip"), _zip_bytes(poster_members))
    checklist = build / "checklist" / f"{facts.NAME}-{lang}.pdf"
    if checklist.exists():
        files["checklist"] = (dist_name(lang, "-checklist.pdf"), checklist.read_bytes())
    return files


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    write_zip(buffer, members)
    return buffer.getvalue()


def make_dist(build: Path = facts.BUILD_DIR, languages=facts.LANGUAGES) -> Path:
    out = build / "dist"
    with scratch(build, "dist") as tmp:
        new = tmp / "dist"
        new.mkdir()
        for lang in languages:
            files = language_files(build, lang)
            for name, data in files.values():
                (new / name).write_bytes(data)
            bundle = {f"{dist_name(lang)}/{name}": data for name, data in files.values()}
            text = readme(lang, {kind: name for kind, (name, _data) in files.items()}, build)
            bundle[f"{dist_name(lang)}/README.txt"] = text.encode("utf-8")
            write_zip(new / dist_name(lang, ".zip"), bundle)
        site = build / "html"
        if not (site / "index.html").exists():
            raise DistError(f"{site}: the web site is not built (run `make all`)")
        write_tar_gz(new / f"{facts.NAME}-{facts.EDITION}-web.tar.gz", site, f"{facts.NAME}-{facts.EDITION}-web")
        sums = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n"
                       for p in sorted(new.iterdir()))
        (new / "SHA256SUMS").write_text(sums, encoding="utf-8")
        replace(new, out)
    return out


def main(argv=None) -> int:
    try:
        languages = settings.languages(" ".join(argv if argv is not None else sys.argv[1:]) or None)
        if not settings.base_url():
            raise DistError("BASE_URL is not set: released posters need their QR code and the web edition its "
                            "address (make dist BASE_URL=https://…/)")
        out = make_dist(facts.BUILD_DIR, languages)
    except (DistError, catalogs.CatalogError, records.RecordError, settings.SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in sorted(out.iterdir()):
        print(f"dist: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
