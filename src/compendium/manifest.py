"""What each output was built from: input hashes recorded in build/.manifest.json.

A rebuild compares the hash of an output's inputs (corpus, its language's catalogue and
conventions, the templates its format uses, edition settings, the tool itself) with the one
recorded; equal hashes and an intact output file mean there is nothing to do.
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from . import atomic

NAME = ".manifest.json"
PACKAGE = Path(__file__).resolve().parent


class Hasher:
    """File hashes computed once per build run."""

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        path = Path(path)
        if path not in self._files:
            try:
                self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except FileNotFoundError:
                self._files[path] = "missing"
        return self._files[path]

    def tree(self, root: Path, pattern: str = "**/*") -> list[tuple[str, str]]:
        root = Path(root)
        return [(str(p.relative_to(root)), self.file(p)) for p in sorted(root.glob(pattern)) if p.is_file()]


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
    return [hasher.tree(PACKAGE, "**/*.py"), engine_versions()]


def inputs_hash(parts: list) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load(out: Path) -> dict[str, dict]:
    try:
        data = json.loads((Path(out) / NAME).read_text(encoding="utf-8"))
        return data.get("outputs", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}      # no or unreadable manifest: everything is rebuilt


def save(out: Path, outputs: dict[str, dict]) -> None:
    atomic.write_text(Path(out) / NAME, json.dumps({"version": 1, "outputs": outputs}, indent=1, sort_keys=True))


def output_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
