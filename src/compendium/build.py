"""Building editions: load the corpus once, localize per language, hand the tree to each writer."""
from __future__ import annotations

from pathlib import Path

from . import atomic
from .loader import load_book
from .localize import localize


def build(content: Path, langs: list[str], formats: list[str], out: Path,
          locales: Path = Path("locales"), templates: Path = Path("templates")) -> list[Path]:
    """Write build/<lang>/compendium.<fmt> for each language and format; return the paths written."""
    from .render.text import render_text
    book = load_book(content)
    written = []
    for lang in langs:
        tree = localize(book, lang, locales, templates)
        for fmt in formats:
            path = Path(out) / lang / f"compendium.{fmt}"
            if fmt == "txt":
                atomic.write_text(path, render_text(tree))
            written.append(path)
    return written
