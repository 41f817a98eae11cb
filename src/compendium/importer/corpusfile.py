"""An imported chapter as corpus files: YAML in the exact style of `content/` (what `yaml.dump` writes
at width 100 under a one-line comment), new footnotes appended to `footnotes.yaml`, and the chapter
loaded with the rest of the corpus to check it before anything is written."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from ..corpus import ids
from ..corpus.loader import load_book
from ..corpus.model import Book
from ..errors import CompendiumError, Problem
from ..validate import validate
from .chapter import Imported

_WHAT = {"A": "Working Group meeting", "B": "Conference session"}


def dump(data: dict) -> str:
    return yaml.dump(data, sort_keys=False, width=100, allow_unicode=True)


def chapter_text(imp: Imported) -> str:
    part = imp.cid[0]
    ordinal = imp.data["meeting" if part == "A" else "session"]
    return f"# {imp.cid}: {_WHAT[part]} {ordinal}\n" + dump(imp.data)


def relpath(cid: str) -> str:
    """content/A/12.yaml for A.XII: where the loader finds the chapter."""
    return f"{cid[0]}/{ids.from_roman(cid.split('.')[1]):02d}.yaml"


def with_footnotes(existing: str, new: dict[str, str | dict]) -> str:
    """`footnotes.yaml` with the new notes at its end, the rest of the file untouched."""
    if not new:
        return existing
    return existing + ("" if not existing or existing.endswith("\n") else "\n") + dump(new)


class Overlay:
    """The corpus with a chapter file's text in its place (and its new footnotes), loaded from a
    temporary copy of `content/`."""

    def __init__(self, content: Path, cid: str, text: str, footnotes: dict[str, str | dict]) -> None:
        self.content, self.text, self.footnotes = content, text, footnotes
        self.rel = relpath(cid)

    def load(self) -> tuple[Book | None, list[Problem]]:
        """The book (None if it does not load) and the problems `validate` finds in the chapter."""
        with tempfile.TemporaryDirectory(prefix="compendium-import-") as tmp:
            root = Path(tmp) / "content"
            shutil.copytree(self.content, root)
            (root / self.rel).write_text(self.text, encoding="utf-8")
            notes = root / "footnotes.yaml"
            notes.write_text(with_footnotes(notes.read_text(encoding="utf-8"), self.footnotes), encoding="utf-8")
            try:
                book = load_book(root)
            except CompendiumError as exc:
                return None, [Problem(exc.message + (f" ({exc.hint})" if exc.hint else ""),
                                      self._where(exc.file), exc.line)]
            found, seen = [], set()
            for p in validate(book):
                if p.file and p.file.endswith(self.rel) and str(p) not in seen:
                    seen.add(str(p))
                    p.file = self._where(p.file)
                    found.append(p)
            return book, found

    def _where(self, file: str | None) -> str:
        if not file:
            return ""
        return str(self.content / file.split("content/", 1)[-1]) if "content" in file else file
