"""Which files make up the corpus: one rule, used by the loader, the extractor and the build's hashes.

A chapter is `content/<part>/NN.yaml` (two or three digits, lower-case `.yaml`). Hidden files
(`._07.yaml` from macOS, the Emacs lock `.#07.yaml`, `.07.yaml.swp`) and files without a YAML suffix
(`07.yaml~`, `#07.yaml#`, `07.yaml.orig`, `README.md`) are not corpus files and are ignored. Any other
YAML file in a part folder (`07.yml`, `07.YAML`, `7.yaml`, `07-copy.yaml`) is an error asking to
rename it: it was meant as a chapter, and silently leaving it out would drop a meeting.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import CompendiumError

PARTS = ("A", "B")
CHAPTER = re.compile(r"^\d{2,3}\.yaml$")
_YAML = (".yaml", ".yml")


def ignored(name: str) -> bool:
    """An editor's or system's dropping, not a corpus file: hidden, or no YAML suffix."""
    return name.startswith(".") or not name.lower().endswith(_YAML)


def chapter_files(folder: Path, shown: Callable[[Path], str] = str) -> list[Path]:
    """The chapter files of a part folder, in name order; CompendiumError for a misnamed one."""
    out = []
    for path in sorted(folder.iterdir()):
        if ignored(path.name):
            continue
        if not CHAPTER.match(path.name) or not path.is_file():
            raise CompendiumError("not a chapter file: chapters are named NN.yaml", shown(path),
                                  hint=_rename_hint(path, shown))
        out.append(path)
    return out


def corpus_files(root: Path) -> list[Path]:
    """Every file the corpus is read from: the YAML files of `content/` and the parts' chapters.

    Misnamed chapter files are left out here (the loader reports them); what an editor drops beside
    a file never counts, so it neither changes a build's input hash nor triggers a rebuild."""
    root = Path(root)
    out = [p for p in sorted(root.glob("*")) if p.is_file() and not ignored(p.name)]
    for part in PARTS:
        folder = root / part
        if folder.is_dir():
            out += [p for p in sorted(folder.iterdir()) if CHAPTER.match(p.name) and p.is_file()]
    return out


def _rename_hint(path: Path, shown: Callable[[Path], str]) -> str:
    digits = re.match(r"^(\d{1,3})(?:\.ya?ml)?$", path.name, re.I)
    if path.is_dir():
        return f"move the folder out of {shown(path.parent)}"
    if digits:
        return f"rename it to {int(digits.group(1)):02d}.yaml"
    return f"name it by its meeting or session number, e.g. 07.yaml, or move it out of {shown(path.parent)}"
