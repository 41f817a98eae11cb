"""What each output was built from: input hashes recorded in build/.manifest.json.

A rebuild compares the hash of an output's inputs (corpus, its language's catalogue and
conventions, the templates its format uses, edition settings, the tool itself) with the one
recorded; equal hashes and an intact output file mean there is nothing to do.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from . import atomic
from .errors import CompendiumError, Problem
from .schema import Check, Flag, Maybe, Number, Source, Table, Text, json_lines, validate

NAME = ".manifest.json"
PACKAGE = Path(__file__).resolve().parent


class Hasher:
    """File hashes computed once per build run."""

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}
        self.tool: list | None = None          # tool_version, once per run

    def file(self, path: Path) -> str:
        path = Path(path)
        if path not in self._files:
            try:
                self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except FileNotFoundError:
                self._files[path] = "missing"
            except OSError as exc:        # a folder, unreadable: the job that reads it says so
                self._files[path] = f"unreadable: {exc.errno}"
        return self._files[path]

    def identity(self, path: Path) -> str:
        """A file outside the project (a system font, tens of MB) by size, modification time and inode,
        as make and git trust them: an upgraded or replaced file changes them, and nothing is read."""
        try:
            st = Path(path).stat()
        except FileNotFoundError:
            return "missing"
        except OSError as exc:
            return f"unreadable: {exc.errno}"
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"

    def tree(self, root: Path, pattern: str = "**/*") -> list[tuple[str, str]]:
        root = Path(root)
        return self.files(root, [p for p in sorted(root.glob(pattern)) if p.is_file()])

    def files(self, root: Path, paths: list[Path]) -> list[tuple[str, str]]:
        """(path relative to root, hash) of each of `paths`."""
        return [(str(Path(p).relative_to(root)), self.file(p)) for p in paths]


ENGINES = ("weasyprint", "pikepdf", "python-docx", "babel", "pyicu", "pypdf")    # the libraries that shape an output


def engine_versions() -> list[tuple[str, str]]:
    """(distribution, version) of each engine, "absent" where it is not installed."""
    versions = []
    for dist in ENGINES:
        try:
            versions.append((dist, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            versions.append((dist, "absent"))
    return versions


def engines_line() -> str:
    """The engines as one line, for `--version` and the build summary: two machines compared at a glance."""
    return "engines: " + ", ".join(f"{dist} {version}" for dist, version in engine_versions())


def tool_version(hasher: Hasher) -> list:
    """The code and the engines: a change in either rebuilds everything."""
    if hasher.tool is None:
        hasher.tool = [hasher.tree(PACKAGE, "**/*.py"), engine_versions()]
    return hasher.tool


def inputs_hash(parts: list) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


VERSION = 1
ENTRY = Table({"inputs": Text(), "output": Maybe(Text()), "pages": Maybe(Number(0, 1_000_000, whole=True)),
               "draft": Flag(), "corpus_errors": Number(0, 1_000_000, whole=True)}, required=("inputs", "output"))
MANIFEST = Table({"version": Check(Number(0, 1_000_000, whole=True), lambda v: None if v == VERSION else
                                   f"is {v}: written by another version of compendium (this one writes {VERSION})"),
                  "outputs": Table(other=ENTRY)},
                 required=("version", "outputs"))
_REBUILT = "every output is rebuilt and the manifest written anew"


def load(out: Path, warn: Callable[[str], None] = lambda line: None) -> dict[str, dict]:
    """The recorded outputs; {} when there is no manifest. A manifest that cannot be read or is not
    of MANIFEST's shape (hand-edited, from another version) is a warning: it is only a record, so
    everything is rebuilt rather than the build refused."""
    path = Path(out) / NAME
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (FileNotFoundError, NotADirectoryError):      # no manifest (yet): nothing was built here
        return {}
    except json.JSONDecodeError as exc:
        warn(str(Problem(f"not valid JSON ({exc.msg}); {_REBUILT}", str(path), exc.lineno, "warning")))
        return {}
    except (OSError, ValueError) as exc:
        warn(str(Problem(f"cannot read it ({getattr(exc, 'strerror', None) or exc}); {_REBUILT}", str(path),
                         severity="warning")))
        return {}
    try:
        validate(data, MANIFEST, Source(str(path), json_lines(text, data), "json"))
    except CompendiumError as exc:
        warn(str(Problem(f"{exc.message}; {_REBUILT}", exc.file, exc.line, "warning")))
        return {}
    return data["outputs"]


def save(out: Path, outputs: dict[str, dict]) -> None:
    atomic.write_text(Path(out) / NAME, json.dumps({"version": VERSION, "outputs": outputs}, indent=1, sort_keys=True))


def output_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
