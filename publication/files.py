"""Writing outputs whole: a reader never sees half a file."""

import os
import tempfile
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Replace ``path`` only by a complete file: write a temporary file next
    to it, then rename it over (atomic on one file system)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cannot_write(error: OSError, path=None) -> str:
    """The one line a tool prints when an output cannot be written."""
    where = error.filename or path or "the output"
    return f"cannot write {where}: {error.strerror or error} (fix the permissions or remove what stands in the way)"
