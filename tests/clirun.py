"""What the command-line tests share: running `compendium`, a scratch copy of the project, an edit."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("content", "locales", "templates", "sources")


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """`compendium ARGS` in `cwd`, as a user runs it; output captured as text."""
    return subprocess.run([sys.executable, "-m", "compendium", *args], cwd=cwd, capture_output=True, text=True)


def copy_project(dest: Path) -> Path:
    """A writable copy of the corpus, catalogues, templates, sources and babel.cfg at `dest`."""
    for name in PARTS:
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "babel.cfg", dest)
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must be there) by `new` in a file, `count` times."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
