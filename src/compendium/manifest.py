"""What each output was built from: input hashes recorded in build/.manifest.json.

A rebuild compares the hash of an output's inputs (corpus, its language's catalogue and
conventions, the templates its format uses, edition settings, the tool itself) with the one
recorded; equal hashes and an intact output file mean there is nothing to do.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import atomic
from .errors import CompendiumError, Problem
from .schema import ANYTHING, Check, Flag, List, Maybe, Number, Source, Table, Text, json_lines, validate

NAME = ".manifest.json"
PACKAGE = Path(__file__).resolve().parent


def _stamp(st: os.stat_result) -> str:
    """A file's identity as make and git trust it: size, modification time, inode."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


class Hasher:
    """File hashes computed once per build run; a file whose size, time and inode are those of the
    previous build's reading is not read again (git's index does the same), unless it was modified
    within RACY seconds of that reading (a change in the same clock tick would not show)."""

    RACY = 2.0

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}
        self.tool: list | None = None          # tool_version, once per run
        self.remembered: dict[str, Any] = {}   # the previous build's derived values (load fills it)
        self.recalled: dict[str, Any] = {}     # derived(): "key:file hash" -> value used by this run (save keeps it)
        self.known: dict[str, list[str]] = {}  # the previous build's file hashes: path -> [identity, hash]
        self.read: dict[str, list[str] | None] = {}   # this run's, as save keeps them (None: not to keep)
        self._once: dict[Any, Any] = {}        # once(): what every job of the run shares (the corpus's hashes)

    def file(self, path: Path) -> str:
        path = Path(path)
        if path not in self._files:
            self._files[path] = self._hash(path)
        return self._files[path]

    def _hash(self, path: Path) -> str:
        key = os.path.abspath(path)
        try:
            st = path.stat()
            identity = _stamp(st)
            old = self.known.get(key)
            if old and old[0] == identity:
                self.read[key] = old
                return old[1]
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except FileNotFoundError:
            return "missing"
        except OSError as exc:        # a folder, unreadable: the job that reads it says so
            return f"unreadable: {exc.errno}"
        racy = time.time_ns() - st.st_mtime_ns <= self.RACY * 1e9
        self.read[key] = None if racy else [identity, digest]     # None: forget what was known of it
        return digest

    def identity(self, path: Path) -> str:
        """A file outside the project (a system font, tens of MB) by size, modification time and inode,
        as make and git trust them: an upgraded or replaced file changes them, and nothing is read."""
        try:
            st = Path(path).stat()
        except FileNotFoundError:
            return "missing"
        except OSError as exc:
            return f"unreadable: {exc.errno}"
        return _stamp(st)

    def once(self, key: Any, make: Callable[[], Any]) -> Any:
        """make(), computed once per run for `key`: the eighteen jobs share the corpus's file list and hashes."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    def derived(self, path: Path, key: str, derive: Callable[[], Any]) -> Any:
        """What `derive()` makes of a file, recalled by the file's hash from the previous build's manifest
        (given by `load`), so that a build with nothing to do parses no YAML or TOML. A value derive() cannot
        make (it raises CompendiumError) is not recorded: the error comes back with its file and line."""
        slot = f"{key}:{self.file(path)}"
        if slot not in self.recalled:
            self.recalled[slot] = self.remembered[slot] if slot in self.remembered else derive()
        return self.recalled[slot]

    def watched(self, key: str, derive: Callable[[], tuple[Any, list[str]]]) -> Any:
        """What `derive()` makes of files it names itself (it returns the value and those paths), recalled
        from the previous build's manifest while every one of those paths has the identity it had then
        (size, time, inode: nothing is read)."""
        slot = f"{key}:watched"
        if slot not in self.recalled:
            old = self.remembered.get(slot)
            if not (isinstance(old, dict) and all(self.identity(Path(p)) == i for p, i in old.get("watch", []))):
                value, paths = derive()
                old = {"value": value, "watch": [[p, self.identity(Path(p))] for p in paths]}
            self.recalled[slot] = old
        return self.recalled[slot]["value"]

    def learned(self) -> bool:
        """Whether this run found hashes or derived values the manifest does not hold yet."""
        return any(self.known.get(k) != v for k, v in self.read.items()) or \
            any(self.remembered.get(k) != v for k, v in self.recalled.items())

    def memory(self) -> dict[str, Any]:
        """The derived values to keep: this run's, and the previous build's for keys this run did not use
        (another language, another edition), so that a partial build forgets nothing still current."""
        used = {slot.rsplit(":", 1)[0] for slot in self.recalled}
        kept = {slot: v for slot, v in self.remembered.items() if slot.rsplit(":", 1)[0] not in used}
        return {**kept, **self.recalled}

    def tree(self, root: Path, pattern: str = "**/*") -> list[tuple[str, str]]:
        root = Path(root)
        return self.files(root, [p for p in sorted(root.glob(pattern)) if p.is_file()])

    def package(self, root: Path) -> list[tuple[str, str]]:
        """(path, hash) of every .py file under `root` (the tool's own code), walked with os.walk."""
        paths = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            paths += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".py")]
        return [(os.path.relpath(p, root), self.file(Path(p))) for p in paths]

    def files(self, root: Path, paths: list[Path]) -> list[tuple[str, str]]:
        """(path relative to root, hash) of each of `paths`."""
        return [(str(Path(p).relative_to(root)), self.file(p)) for p in paths]


ENGINES = ("weasyprint", "pikepdf", "python-docx", "babel", "pyicu", "pypdf")    # the libraries that shape an output


def _normal(name: str) -> str:
    """A distribution name as PEP 503 compares them (python_docx, python-docx and Python.Docx are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def engine_versions() -> list[tuple[str, str]]:
    """(distribution, version) of each engine, "absent" where it is not installed: read from the names
    of the `<name>-<version>.dist-info` folders on sys.path, first found wins, as importlib.metadata
    finds them, without its import and its parsing of every METADATA file."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                dist, version = name[:-len(".dist-info")].split("-", 1)
                found.setdefault(_normal(dist), version)
    return [(dist, found.get(_normal(dist), "absent")) for dist in ENGINES]


def engines_line() -> str:
    """The engines as one line, for `--version` and the build summary: two machines compared at a glance."""
    return "engines: " + ", ".join(f"{dist} {version}" for dist, version in engine_versions())


def tool_version(hasher: Hasher) -> list:
    """The code and the engines: a change in either rebuilds everything."""
    if hasher.tool is None:
        hasher.tool = [hasher.package(PACKAGE), engine_versions()]
    return hasher.tool


def inputs_hash(parts: list) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


VERSION = 1
ENTRY = Table({"inputs": Text(), "output": Maybe(Text()), "stat": Text(), "pages": Maybe(Number(0, 1_000_000, whole=True)),
               "draft": Flag(), "corpus_errors": Number(0, 1_000_000, whole=True)}, required=("inputs", "output"))
MANIFEST = Table({"version": Check(Number(0, 1_000_000, whole=True), lambda v: None if v == VERSION else
                                   f"is {v}: written by another version of compendium (this one writes {VERSION})"),
                  "outputs": Table(other=ENTRY), "derived": Table(other=ANYTHING),
                  "hashes": Table(other=List(Text(), 2, 2))},
                 required=("version", "outputs"))
_REBUILT = "every output is rebuilt and the manifest written anew"


def load(out: Path, warn: Callable[[str], None] = lambda line: None, hasher: Hasher | None = None) -> dict[str, dict]:
    """The recorded outputs; {} when there is no manifest. A manifest that cannot be read or is not
    of MANIFEST's shape (hand-edited, from another version) is a warning: it is only a record, so
    everything is rebuilt rather than the build refused. `hasher` is given the recorded derived values
    and file hashes."""
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
        try:                       # the lines of its keys are found only for a message
            validate(data, MANIFEST, Source(str(path), {}, "json"))
        except CompendiumError:
            validate(data, MANIFEST, Source(str(path), json_lines(text, data), "json"))
    except CompendiumError as exc:
        warn(str(Problem(f"{exc.message}; {_REBUILT}", exc.file, exc.line, "warning")))
        return {}
    if hasher is not None:
        hasher.remembered, hasher.known = data.get("derived", {}), data.get("hashes", {})
    return data["outputs"]


def save(out: Path, outputs: dict[str, dict], hasher: Hasher | None = None) -> None:
    """Write the manifest: the outputs and, with `hasher`, the derived values and file hashes to keep."""
    record: dict[str, Any] = {"version": VERSION, "outputs": outputs}
    if hasher is not None:
        derived = hasher.memory()
        hashes = {k: v for k, v in {**hasher.known, **hasher.read}.items() if v is not None}
        record.update({name: value for name, value in (("derived", derived), ("hashes", hashes)) if value})
    atomic.write_text(Path(out) / NAME, json.dumps(record, indent=1, sort_keys=True))


def output_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def intact(path: Path, entry: dict, hasher: Hasher) -> bool:
    """Whether the output at `path` is the one `entry` records: the same size, time and inode as
    written (as git trusts its index), else the same content."""
    if entry.get("stat") and entry["stat"] == hasher.identity(path):
        return True
    return entry.get("output") == output_hash(path)
