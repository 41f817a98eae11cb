"""Outputs are written whole or not at all: a temporary file beside the target, then a rename."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import CompendiumError


def write_bytes(path: Path, data: bytes, option: str = "--out") -> None:
    """Replace `path` with `data` atomically; a failure leaves the previous file untouched.

    `option` is the command-line option that chooses where the file goes, for the hints.

    The temporary file `.<name>.<pid>.<random>.tmp` is removed on any failure (even an interrupt);
    one left by a killed process (SIGKILL, power loss) is removed by the next write of that file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _error(exc, path, option) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _error(exc, path, option) from None
        raise
    sweep(path)


def write_text(path: Path, text: str, option: str = "--out") -> None:
    write_bytes(path, text.encode("utf-8"), option)


def sweep(path: Path) -> None:
    """Remove the temporary files of `path` left by processes that no longer exist."""
    head = f".{path.name}."
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(head) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(head):].split(".", 1)[0]
        if not pid.isdigit() or int(pid) <= 0 or _alive(int(pid)):
            continue
        try:
            os.unlink(path.parent / name)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True           # exists, but belongs to someone else
    return True


def _error(exc: OSError, path: Path, option: str) -> CompendiumError:
    if exc.errno == errno.ENOSPC:
        return CompendiumError("disk full: nothing was written, the previous file is intact", str(path),
                               hint="free some space and run the command again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CompendiumError("output folder is not writable", str(path.parent),
                               hint=f"choose another {option} folder or fix its permissions")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            return CompendiumError(f"cannot create the output folder: {blocker} is a file, not a folder",
                                   str(path.parent), hint=f"choose another {option} folder, or move that file away")
    if exc.errno == errno.EISDIR or path.is_dir():
        return CompendiumError("a folder stands where the output file goes", str(path),
                               hint=f"remove or rename that folder, or choose another {option} folder")
    return CompendiumError(f"cannot write: {exc.strerror or exc}", str(path),
                           hint=f"check the output folder ({option}) and the free space")
