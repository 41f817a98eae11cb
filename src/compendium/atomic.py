"""Outputs are written whole or not at all: a temporary file beside the target, then a rename."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import CompendiumError


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; a failure leaves the previous file untouched."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise _error(exc, path) from None


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def _error(exc: OSError, path: Path) -> CompendiumError:
    if exc.errno == errno.ENOSPC:
        return CompendiumError("disk full: nothing was written, the previous file is intact", str(path),
                               hint="free some space and build again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CompendiumError("output folder is not writable", str(path.parent),
                               hint="choose another --out folder or fix its permissions")
    return CompendiumError(f"cannot write: {exc.strerror}", str(path))
