"""The one writer of every file the tool makes: outputs, catalogues, the POT, the manifest.

A regular file is written whole or not at all (a temporary file beside it, then a rename) and
ends up as a file written by an ordinary program would:
- a new file gets mode 0666 minus the umask (0644 under umask 022), an existing one keeps its
  mode (and, where permitted, its owner and group);
- a symbolic link stays a link: its target is replaced, atomically, in the target's own folder;
- a special file (a FIFO, a device such as /dev/null) is written in place, and a path that names
  an open file descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is written through that
  descriptor, never replaced by a regular file.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from .errors import CompendiumError

_DESCRIPTOR = re.compile(r"^/(?:dev/(?:fd/(\d+)|(stdin|stdout|stderr))|proc/(?:self|thread-self|(\d+))/fd/(\d+))$")
_STANDARD = {"stdin": 0, "stdout": 1, "stderr": 2}


def write_bytes(path: Path, data: bytes, option: str = "--out") -> None:
    """Write `data` to `path` (see the module docstring); a failure leaves the previous file untouched.

    `option` is the command-line option that chooses where the file goes, for the hints.

    The temporary file `.<name>.<pid>.<random>.tmp` is removed on any failure (even an interrupt);
    one left by a killed process (SIGKILL, power loss) is removed by the next write of that file.
    """
    path = Path(path)
    fd_number = descriptor(path)
    if fd_number is not None:
        return _write_descriptor(fd_number, path, data, option)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        target = _target(path)
        st = _stat(target)
        if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            return _write_in_place(target, path, data, option)
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _error(exc, path, option) from None
    try:
        _take_mode(fd, st)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _error(exc, path, option) from None
        raise
    sweep(target)


def write_text(path: Path, text: str, option: str = "--out") -> None:
    write_bytes(path, text.encode("utf-8"), option)


def special(path: Path) -> bool:
    """True for a path written in place rather than replaced: a descriptor, a FIFO, a device."""
    if descriptor(Path(path)) is not None:
        return True
    st = _stat(Path(path))
    return st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def descriptor(path: Path) -> int | None:
    """The file descriptor a path such as /dev/stdout or /proc/self/fd/3 names, else None."""
    m = _DESCRIPTOR.match(os.path.abspath(path))
    if not m:
        return None
    fd_dev, std, pid, fd_proc = m.groups()
    if pid is not None and int(pid) != os.getpid():
        return None                       # another process's descriptor: an ordinary special file
    return int(fd_dev) if fd_dev else _STANDARD[std] if std else int(fd_proc)


def umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sweep(path: Path) -> None:
    """Remove the temporary files of `path` left by processes that no longer exist."""
    path = _target(Path(path)) if not special(path) else Path(path)
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


def _target(path: Path) -> Path:
    """The file a write replaces: `path` itself, or the end of its chain of symbolic links."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:              # a new file, or a link to one not created yet
        return Path(os.path.realpath(path))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _take_mode(fd: int, st: os.stat_result | None) -> None:
    """Give the temporary file the mode (owner, group) of the file it replaces, or a new file's mode."""
    if st is None:
        os.fchmod(fd, 0o666 & ~umask())
        return
    os.fchmod(fd, stat.S_IMODE(st.st_mode))
    if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
            try:
                os.fchown(fd, uid, gid)
                os.fchmod(fd, stat.S_IMODE(st.st_mode))     # chown clears set-id bits
                break
            except OSError:
                continue


def _write_in_place(target: Path, path: Path, data: bytes, option: str) -> None:
    """A FIFO or a device: opened and written, as `cat > file` would."""
    try:
        with open(target, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise _error(exc, path, option) from None


def _write_descriptor(fd: int, path: Path, data: bytes, option: str) -> None:
    """/dev/stdout and the like: written through the descriptor this process already holds."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.fileno() == fd:
                stream.flush()
        except (OSError, ValueError):
            pass
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise CompendiumError(f"file descriptor {fd} is not open", str(path),
                                  hint="write to a file instead") from None
        raise _error(exc, path, option) from None


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
    if exc.errno == errno.ELOOP:
        return CompendiumError("symbolic link loop: the link never reaches a file", str(path),
                               hint="point the link at a file, or remove it")
    if exc.errno == errno.EPIPE:
        return CompendiumError("the reader of this pipe went away before the end", str(path))
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
